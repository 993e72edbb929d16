"""The package list in pyproject.toml covers every subpackage and the data files ship."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "ct56nlp").rglob("__init__.py")}
    assert found <= listed, f"missing from pyproject.toml: {sorted(found - listed)}"
    assert config["tool"]["setuptools"]["package-dir"]["ct56nlp._models"] == "models"


def test_data_files_exist_where_the_code_reads_them():
    data = ROOT / "ct56nlp" / "data"
    assert (data / "calendar" / "vn-civil-service.toml").is_file()
    assert list((data / "rules").glob("*.toml"))
    assert (data / "directive" / "56-CT-TU.txt").is_file()
    assert (ROOT / "models" / "ct56-default" / "manifest.json").is_file()
