"""Print the count tables of the data card (corpora/README.md) from the corpus itself.

    python corpora/datacard_stats.py > /tmp/stats.md
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ct56nlp.indicators import INDICATORS  # noqa: E402


def table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
    return "\n".join(out)


def main() -> int:
    rows = [json.loads(x) for x in (HERE / "ct56_corpus.jsonl").read_text("utf-8").splitlines() if x.strip()]
    splits = ("train", "dev", "test")
    print(f"Passages: **{len(rows)}**; compliant **{sum(1 for r in rows if not r['labels'])}** "
          f"(hard negatives **{sum(1 for r in rows if r['hard_negative'])}**); "
          f"passages with two or more labels **{sum(1 for r in rows if len(r['labels']) > 1)}**.\n")
    print("### Per indicator (passages carrying the label)\n")
    body = []
    for ind in INDICATORS:
        per = [sum(1 for r in rows if ind.code in r["labels"] and r["split"] == s) for s in splits]
        ex = sum(1 for r in rows if ind.code in r["labels"] and r["mode"] == "exhibits")
        body.append([ind.code, ind.label, sum(per), *per, ex, sum(per) - ex])
    comp = [sum(1 for r in rows if not r["labels"] and r["split"] == s) for s in splits]
    body.append(["–", "compliant (no label)", sum(comp), *comp, "", ""])
    print(table(["#", "indicator", "total", "train", "dev", "test", "exhibits", "reports"], body))
    print("\n### Per split\n")
    print(table(["split", "groups", "passages", "compliant", "hard negatives"], [
        [s, len({r["group"] for r in rows if r["split"] == s}), sum(1 for r in rows if r["split"] == s),
         sum(1 for r in rows if r["split"] == s and not r["labels"]), sum(1 for r in rows if r["split"] == s and r["hard_negative"])]
        for s in splits
    ]))  # fmt: skip
    print("\n### Per mode\n")
    modes = Counter(r["mode"] for r in rows)
    print(table(["mode", "passages"], [[m, modes[m]] for m in ("exhibits", "reports", "none")]))
    print("\n### Hard-negative kinds\n")
    kinds = Counter(r["hard_negative_kind"] for r in rows if r["hard_negative"])
    print(table(["kind", "passages"], sorted(kinds.items(), key=lambda kv: -kv[1])))
    print("\n### Per document type\n")
    types = Counter(r["doc_type"] for r in rows)
    print(table(["doc_type", "passages"], sorted(types.items(), key=lambda kv: -kv[1])))
    print("\n### Per group (batch sub-group)\n")
    groups = Counter(r["group"] for r in rows)
    split_of = {r["group"]: r["split"] for r in rows}
    print(table(["group", "split", "passages", "positives"], [
        [g, split_of[g], n, sum(1 for r in rows if r["group"] == g and r["labels"])] for g, n in sorted(groups.items())
    ]))  # fmt: skip
    print("\n### Length (syllables, i.e. space-separated tokens)\n")
    lengths = [len(r["text"].split()) for r in rows]
    bands = [("< 15", lambda n: n < 15), ("15–59", lambda n: 15 <= n < 60), ("60–120", lambda n: 60 <= n <= 120), ("> 120", lambda n: n > 120)]
    print(table(["band", "passages", "share"], [[b, sum(1 for n in lengths if f(n)), f"{sum(1 for n in lengths if f(n)) / len(lengths):.1%}"] for b, f in bands]))
    print(f"\nmedian {statistics.median(lengths):.0f}, mean {statistics.mean(lengths):.1f}, max {max(lengths)} syllables.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
