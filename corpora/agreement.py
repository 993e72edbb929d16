"""Agreement between the corpus labels and the independent second annotation pass.

    python corpora/agreement.py      # prints per-indicator Cohen's kappa and the disagreements
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

HERE = Path(__file__).resolve().parent


def main() -> int:
    first = {}
    for line in (HERE / "ct56_corpus.jsonl").read_text("utf-8").splitlines():
        obj = json.loads(line)
        first[obj["id"]] = obj
    second = [json.loads(x) for x in (HERE / "second_pass" / "relabel.jsonl").read_text("utf-8").splitlines() if x.strip()]
    ids = [s["id"] for s in second if s["id"] in first]
    print(f"{len(ids)} passages labelled twice")
    print("indicator  positives(1st/2nd)  agreement  kappa")
    kappas = []
    for k in range(1, 12):
        a = [int(k in first[i]["labels"]) for i in ids]
        b = [int(k in s["labels"]) for s in second if s["id"] in first]
        kappa = cohen_kappa_score(a, b)
        kappas.append(kappa)
        agree = sum(x == y for x, y in zip(a, b)) / len(a)
        print(f"{k:>9}  {sum(a):>8}/{sum(b):<8}  {agree:9.3f}  {kappa:5.3f}")
    a = [int(bool(first[i]["labels"])) for i in ids]
    b = [int(bool(s["labels"])) for s in second if s["id"] in first]
    print(f"any-indicator vs compliant: agreement {sum(x == y for x, y in zip(a, b)) / len(a):.3f}, kappa {cohen_kappa_score(a, b):.3f}")
    print(f"mean kappa over the 11 indicators: {sum(kappas) / len(kappas):.3f}")
    exact = sum(set(first[s['id']]['labels']) == set(s['labels']) for s in second if s['id'] in first)
    print(f"identical label sets: {exact}/{len(ids)}")
    if "-v" in sys.argv:
        for s in second:
            f = first.get(s["id"])
            if f and set(f["labels"]) != set(s["labels"]):
                print(f"{s['id']}: first {f['labels']} second {s['labels']} | {f['text'][:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
