#!/bin/bash
# last_machine_run_at edited by hand: absurd year, a string, a number, a time zone offset.
. "$(dirname "$0")/lib.sh"
W=/tmp/a2-03; mkws $W
NOW=$(date -u +%FT%TZ)
posts $W social.json "p1@$NOW"
v $W --json poll >/dev/null 2>&1; echo "base rc=$?"
cp $W/alerts/state/poll-state.json $W/good.json
for value in '"9999-12-31T23:59:59Z"' '"+10000-01-01T00:00:00Z"' '"0001-01-01T00:00:00Z"' '"yesterday"' '12345' '"2030-01-01T00:00:00+14:00"' '"2030-01-01T00:00:00.5Z"' '{"a":1}'; do
  jq --argjson v "$value" '.last_machine_run_at = $v' $W/good.json > $W/alerts/state/poll-state.json
  v $W --json poll >/dev/null 2>$W/err; echo "--- $value: rc=$?"; head -c 600 $W/err; echo
done
