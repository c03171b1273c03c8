#!/usr/bin/env python3
"""`vigia score` output → triage_eval.py predictions; categories outside the benchmark's list are dropped."""
import json, sys
KNOWN = {"late_delivery", "refund", "billing", "defect", "website", "unreachable", "legal_threat",
         "cancellation", "lost", "service"}
for line in sys.stdin:
    d = json.loads(line)
    cats = [c for c in d.get("categories", []) if c in KNOWN]
    intent = d.get("intent")
    if intent is None:  # builds before intents: read the intent from the label, as the baseline did
        intent = "complaint" if cats or d.get("label") == "neg" else (
            "question" if d.get("question") else ("praise" if d.get("label") == "pos" else "other"))
    print(json.dumps({"id": str(d["id"]), "intent": intent, "categories": cats}))
