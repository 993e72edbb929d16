"""Shared fixtures: real files generated once per test session (see fixturegen.py)."""

from __future__ import annotations

import shutil

import pytest

import fixturegen as fg


@pytest.fixture(scope="session")
def files(tmp_path_factory):
    """A folder of small real documents, good and bad, keyed by a short name."""
    d = tmp_path_factory.mktemp("fixtures")
    made = {
        "letter.pdf": fg.letter_pdf(),
        "stamped.pdf": fg.letter_pdf(stamp=True),
        "two_pages.pdf": fg.letter_pdf(pages=2),
        "letter.docx": fg.letter_docx(),
        "scan.pdf": fg.scanned_pdf(),
        "cp1258.txt": fg.to_cp1258(fg.LEGACY_TEXT),
        "tcvn3.txt": fg.to_tcvn3(fg.LEGACY_TEXT),
        "vni.txt": fg.to_vni(fg.LEGACY_TEXT),
        "utf16.txt": fg.LEGACY_TEXT.encode("utf-16"),
        "utf8.txt": fg.LEGACY_TEXT.encode("utf-8"),
        "package.edxml": fg.edxml_package(fg.letter_pdf()),
        "encrypted.pdf": fg.letter_pdf(encrypt="secret"),
        "truncated.pdf": fg.letter_pdf()[:2500],
        "empty.txt": b"",
        "laughs.edxml": fg.BILLION_LAUGHS,
        "xxe.edxml": fg.EXTERNAL_ENTITY,
    }
    paths = {}
    for name, data in made.items():
        p = d / name
        p.write_bytes(data)
        paths[name] = p
    return paths


requires_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
)
