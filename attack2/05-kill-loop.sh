#!/bin/bash
# SIGKILL at random moments in polls over the cap (cap 5, ~12 new complaints a poll, two feeds sharing some posts),
# then one clean poll, then the audit: each post id once in mentions/*.jsonl, no mention with two tasks, and every
# post needing an answer has a task or is listed in/covered by a flood task of its run.
. "$(dirname "$0")/lib.sh"
W=${W:-/tmp/a2-05}; N=${N:-60}; MAXMS=${MAXMS:-200}
mkws $W 5
cat > $W/feeds/social.feed.json <<J
{"id": "social", "url": "file:social.json", "format": "jsonfeed", "interval": "1m", "post_hosts": ["social.example"]}
J
cat > $W/feeds/tag.feed.json <<J
{"id": "tag", "url": "file:tag.json", "format": "jsonfeed", "interval": "1m", "post_hosts": ["social.example"]}
J
BASE=$(date -u -d '2026-11-22T08:00:00Z' +%s)
killed=0
for i in $(seq 1 $N); do
  now=$(date -u -d "@$((BASE + i * 60))" +%FT%TZ)
  a=(); b=()
  # a window of the last 40 posts, 12 new per poll, posted over the last minutes; every third also on the tag feed
  for j in $(seq $(( (i-1)*12 + 1 > 40 ? i*12 - 39 : 1 )) $((i*12))); do
    at=$(date -u -d "@$((BASE + i * 60 - (i*12 - j) * 4))" +%FT%TZ)
    a+=("k$j@$at"); (( j % 3 == 0 )) && b+=("k$j@$at")
  done
  posts $W social.json "${a[@]}"; posts $W tag.json "${b[@]}"
  "$VIGIA" --feeds $W/feeds --alerts $W/alerts --json --now "$now" poll >/dev/null 2>>$W/stderr.log & pid=$!
  sleep "0.$(printf %03d $((RANDOM % MAXMS)))"
  if kill -9 $pid 2>/dev/null; then killed=$((killed+1)); fi
  wait $pid 2>/dev/null
done
now=$(date -u -d "@$((BASE + (N + 1) * 60))" +%FT%TZ)
v $W --json --now "$now" poll >/dev/null 2>>$W/stderr.log; echo "clean poll rc=$?; killed $killed of $N"
audit $W
python3 "$(dirname "$0")/floodcheck.py" $W/alerts
