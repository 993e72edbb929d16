"""Field-level accuracy of the structure parser on the 50 test letters.

    python tests/structure_accuracy.py [-v] [--holdout]

Each letter of ``tests/data/structure_letters.jsonl`` (written for the tests, with the values a
careful reader reads off it) is rendered into its format (text, noisy text, DOCX, PDF, edXML or a
scanned page), read back with :func:`ct56nlp.extract`, parsed, and compared field by field.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples"))

import letterkit  # noqa: E402

from ct56nlp import extract  # noqa: E402
from ct56nlp.structure import WorkCalendar, parse_structure  # noqa: E402

LETTERS = HERE / "data" / "structure_letters.jsonl"
FIELDS = (
    "number", "issuer", "parent_issuer", "issued_on", "place", "doc_type", "subject", "urgency", "addressees",
    "signer_authority", "signer_chain", "signer_position", "signer_name", "references", "legal_basis", "deadline",
)  # fmt: skip


def load_letters() -> list[dict]:
    return [json.loads(x) for x in LETTERS.read_text("utf-8").splitlines() if x.strip()]


def observed(structure) -> dict:
    d = structure.to_dict()
    return {
        **{k: d[k] for k in ("number", "issuer", "parent_issuer", "issued_on", "place", "doc_type", "subject", "urgency",
                             "signer_authority", "signer_position", "signer_name")},
        "addressees": d["addressees"],
        "signer_chain": d["signer_chain"],
        "references": [{k: r[k] for k in ("number", "date", "issuer", "relation")} for r in d["references"]],
        "legal_basis": [r["number"] or r["doc_type"] for r in d["legal_basis"]],
        "deadline": {"date": d["deadline"]["date"], "kind": d["deadline"]["kind"]} if d["deadline"] else None,
    }  # fmt: skip


def compare(letter: dict, calendar: WorkCalendar) -> dict[str, tuple[bool, object, object]]:
    doc = extract(letterkit.render(letter), name=letter["id"])
    got = observed(parse_structure(doc, calendar=calendar))
    exp = letter["expected"]
    out = {}
    for f in FIELDS:
        e = exp.get(f)
        g = got.get(f)
        if f == "references":
            e = [{k: r.get(k) for k in ("number", "date", "issuer", "relation")} for r in (e or [])]
        if f in ("addressees", "signer_chain", "legal_basis", "references"):
            e = e or []
        out[f] = (e == g, e, g)
    return out


def accuracy(letters: list[dict] | None = None) -> tuple[dict[str, float], list[tuple[str, str, object, object]]]:
    letters = letters or load_letters()
    cal = WorkCalendar.default()
    hits = {f: 0 for f in FIELDS}
    misses = []
    for letter in letters:
        for f, (ok, e, g) in compare(letter, cal).items():
            hits[f] += ok
            if not ok:
                misses.append((letter["id"] + "/" + letter["format"], f, e, g))
    return {f: hits[f] / len(letters) for f in FIELDS}, misses


if __name__ == "__main__":
    path = LETTERS
    if "--holdout" in sys.argv:
        path = HERE / "data" / "structure_letters_holdout.jsonl"
    letters = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    acc, misses = accuracy(letters)
    print(f"{len(letters)} letters ({path.name})")
    for f, a in acc.items():
        print(f"{f:<18} {a:6.1%}")
    if "-v" in sys.argv:
        for lid, f, e, g in misses:
            print(f"{lid:<22} {f:<16} expected {e!r}\n{'':<39} got      {g!r}")
