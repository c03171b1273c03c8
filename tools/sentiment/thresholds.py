#!/usr/bin/env python3
"""Prints neg-F1 / macro-F1 over a grid of label thresholds, from a predictions file with scores
(`vigia-bench sentiment --predict DEV.tsv`: id, label, score, lang). Used to choose the per-language
thresholds in settings.tsv; pick round values on a plateau, not the single best cell."""
import sys

def f1s(gold, pred):
    out = {}
    for c in ("neg", "neu", "pos"):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        pp = sum(1 for p in pred if p == c)
        ap = sum(1 for g in gold if g == c)
        pr = tp / pp if pp else 0
        rc = tp / ap if ap else 0
        out[c] = 2 * pr * rc / (pr + rc) if pr + rc else 0
    return out["neg"], sum(out.values()) / 3

gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] != "id":
        gold[f[0]] = f[2]
scores = {}
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] != "id":
        scores[f[0]] = float(f[2])
ids = list(gold)
g = [gold[i] for i in ids]
for neg in (-0.3, -0.2, -0.1, -0.05, 0.0):
    row = []
    for pos in (0.05, 0.1, 0.2, 0.3, 0.4):
        p = ["neg" if scores[i] <= neg and scores[i] < 0 else "pos" if scores[i] >= pos else "neu" for i in ids]
        n, m = f1s(g, p)
        row.append(f"{n:.3f}/{m:.3f}")
    print(f"neg<={neg:5}: " + "  ".join(row))
