# Shared helpers for the attack2 reproductions. Source it: . "$(dirname "$0")/lib.sh"
set -u
VIGIA=${VIGIA:-/work/wt-attack2/.build/debug/vigia}

# mkws DIR [MAXTASKS]: a workspace with one JSON Feed "social" (interval 1m) and a brand monitor.json
mkws() {
  rm -rf "$1"; mkdir -p "$1/feeds" "$1/alerts"
  cat > "$1/feeds/social.feed.json" <<J
{"id": "social", "url": "file:social.json", "format": "jsonfeed", "interval": "1m"}
J
  local cap=${2:-20}
  cat > "$1/feeds/monitor.json" <<J
{"brand": {"name": "Casa Alba", "terms": ["casaalba", "@casaalba"]}, "polling": {"max_new_tasks_per_feed": $cap}}
J
}

# posts DIR FEEDFILE ID@ISO... : writes a JSON Feed whose items are complaints (each needs a task)
posts() {
  local dir=$1 file=$2; shift 2
  python3 - "$dir/feeds/$file" "$@" <<'P'
import json, sys
out, specs = sys.argv[1], sys.argv[2:]
items = []
for s in specs:
    pid, at = s.split("@", 1)
    items.append({"id": pid, "url": "https://social.example/" + pid,
                  "content_text": "@casaalba mi pedido %s no ha llegado, fatal" % pid,
                  "date_published": at, "authors": [{"name": "@cliente-" + pid}]})
import os
json.dump({"version": "https://jsonfeed.org/version/1.1", "title": "s", "items": items}, open(out + ".tmp", "w"))
os.replace(out + ".tmp", out)
P
}

v() { local dir=$1; shift; "$VIGIA" --feeds "$dir/feeds" --alerts "$dir/alerts" "$@"; }
vclock() { local dir=$1 clock=$2; shift 2; faketime "$clock" "$VIGIA" --feeds "$dir/feeds" --alerts "$dir/alerts" "$@"; }

# audit DIR: each mention id once in mentions/*.jsonl; no mention with two tasks
audit() {
  python3 - "$1/alerts" <<'P'
import json, sys, glob, collections, os
a = sys.argv[1]
ids = collections.Counter()
urls = collections.Counter()
for f in sorted(glob.glob(a + "/mentions/*.jsonl")):
    if f.endswith("/sources.jsonl"): continue
    for line in open(f):
        line = line.strip()
        if not line: continue
        try: m = json.loads(line)
        except Exception: print("torn line in", f); continue
        mm = m.get("mention", m)
        ids[mm.get("id")] += 1
        urls[mm.get("url")] += 1
dup = {k: c for k, c in ids.items() if c > 1}
dupu = {k: c for k, c in urls.items() if c > 1}
tasks = collections.Counter()
filed = 0
for f in sorted(glob.glob(a + "/journal*.jsonl") + glob.glob(a + "/journal/*.jsonl")):
    for line in open(f):
        line = line.strip()
        if not line: continue
        try: e = json.loads(line)
        except Exception: print("torn journal line", f); continue
        if e.get("kind") == "filed":
            filed += 1
            tasks[e.get("mention_id")] += 1
dupt = {k: c for k, c in tasks.items() if c > 1}
print("mention lines", sum(ids.values()), "distinct ids", len(ids), "filed", filed)
if dup: print("DUPLICATE MENTION IDS", dup)
if dupu: print("DUPLICATE URLS", dupu)
if dupt: print("MENTIONS WITH TWO TASKS", dupt)
P
}
