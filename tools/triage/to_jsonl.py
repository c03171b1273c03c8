#!/usr/bin/env python3
"""Benchmark TSV rows (id, lang, intent, categories, text) → `vigia score` input lines {"id","text","lang"}."""
import json, sys
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            rid, lang, _intent, _cats, text = line.rstrip("\n").split("\t")
            print(json.dumps({"id": rid, "text": text, "lang": lang}, ensure_ascii=False))
