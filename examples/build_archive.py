"""Render ``examples/archive-spec/letters.jsonl`` into the example archive ``examples/archive/``.

    python examples/build_archive.py

The rendered files are committed, so README command (a) needs no build step; this script is how
they were made (reportlab and python-docx, from the test extras).  The last line of the spec,
``EXPECTED``, is the register an inspector should get as of its ``as_of`` date; the tests assert it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import letterkit  # noqa: E402

SPEC = HERE / "archive-spec" / "letters.jsonl"
OUT = HERE / "archive"


def main() -> int:
    OUT.mkdir(exist_ok=True)
    n = 0
    for line in SPEC.read_text("utf-8").splitlines():
        spec = json.loads(line)
        if spec["id"] == "EXPECTED":
            continue
        target = OUT / (spec["file"] + letterkit.EXTENSIONS[spec["format"]])
        target.write_bytes(letterkit.render(spec))
        n += 1
    print(f"{n} letters written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
