#!/bin/bash
# The poll state is lost (deleted, or moved aside as the error message advises) and the next cron poll runs before
# NTP set the clock (1970): the rebuilt state has no last_machine_run_at, so the guard is gone and the day's posts go
# to mentions/1970-01-02.jsonl, tasks are filed at 1970. (Fixed on h-attack2: the rebuild takes the bar from the log.)
. "$(dirname "$0")/lib.sh"
W=/tmp/a2-02; mkws $W
NOW=$(date -u +%FT%TZ)
posts $W social.json "p1@$NOW"
v $W --json poll >/dev/null 2>&1; echo "1. right clock: rc=$?"
rm $W/alerts/state/poll-state.json
posts $W social.json "p1@$NOW" "p2@$NOW"
vclock $W '1970-01-02 00:00:00' --json poll >/dev/null 2>$W/err; echo "2. state lost, clock 1970: rc=$? (expected 75)"; cat $W/err
ls $W/alerts/mentions/
v $W --json poll >/dev/null 2>$W/err3; echo "3. right clock again: rc=$?"; cat $W/err3
audit $W
