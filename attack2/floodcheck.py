# Every complaint without its own task must be summed in exactly one flood task: sum of flood "held N" == untasked.
import json, glob, sys
a = sys.argv[1]
mentions = {}
for f in sorted(glob.glob(a + "/mentions/*.jsonl")):
    if f.endswith("/sources.jsonl"): continue
    for line in open(f):
        if line.strip():
            m = json.loads(line); mentions[m["mention"]["id"]] = m
filed = {}
for f in sorted(glob.glob(a + "/journal*.jsonl") + glob.glob(a + "/journal/*.jsonl")):
    for line in open(f):
        if line.strip():
            e = json.loads(line)
            if e.get("kind") == "filed": filed.setdefault(e["mention_id"], []).append(e)
held = 0
for k, es in filed.items():
    if k.startswith("flood:"):
        for e in es:
            held += int([r for r in e["task"]["reasons"] if r.startswith("held ")][0].split()[1])
untasked = [i for i, m in mentions.items() if i not in filed and m["triage"]["intent"] in ("complaint",)]
print("flood tasks", sum(len(v) for k, v in filed.items() if k.startswith("flood:")), "sum held", held,
      "complaints without own task", len(untasked), "OK" if held == len(untasked) else "MISMATCH")
