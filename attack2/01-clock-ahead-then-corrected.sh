#!/bin/bash
# The machine clock runs far ahead (a bad RTC / NTP answer: 2030) for one cron poll, then NTP corrects it.
# Every later cron poll exits 75 "the clock is wrong" until 2030; --now polls but never moves the bar back.
. "$(dirname "$0")/lib.sh"
W=/tmp/a2-01; mkws $W
NOW=$(date -u +%FT%TZ)
posts $W social.json "p1@$NOW"
v $W --json poll >/dev/null 2>&1; echo "1. right clock: rc=$?"
posts $W social.json "p1@$NOW" "p2@$NOW"
vclock $W '2030-01-01 00:00:00' --json poll >/dev/null 2>$W/ahead.err; echo "2. clock 2030: rc=$? (nothing refuses a clock ahead)"
grep -c . $W/ahead.err | sed 's/^/   stderr lines: /'
ls $W/alerts/mentions/
jq -r '.last_machine_run_at' $W/alerts/state/poll-state.json | sed 's/^/   last_machine_run_at: /'
posts $W social.json "p1@$NOW" "p2@$NOW" "p3@$NOW"
v $W --json poll >/dev/null 2>$W/back.err; echo "3. clock corrected: rc=$?"; cat $W/back.err
v $W --json --now "$(date -u +%FT%TZ)" poll >/dev/null 2>&1; echo "4. operator states the time with --now (as the message says): rc=$?"
v $W --json poll >/dev/null 2>$W/again.err; echo "5. next cron poll: rc=$?"; cat $W/again.err
audit $W
