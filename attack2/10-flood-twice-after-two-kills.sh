#!/bin/bash
# Two kills in a row over the cap. Run t1 is killed after its mention-log append, before filing (simulated: journal
# and checkpoint put back as they were); run t2 recovers t1's posts, files their flood task as flood:social:t2 and
# is killed before its state save (simulated: poll-state.json put back); run t3 recovers t1's and t2's posts again
# and looks t1's up as flood:social:t1, which does not exist: a second flood task for the same posts.
. "$(dirname "$0")/lib.sh"
W=/tmp/a2-10; mkws $W 5
S=$W/alerts/state/poll-state.json; J=$W/alerts/journal.jsonl; C=$W/alerts/state/tasks-checkpoint.json
posts $W social.json "first@2026-11-22T17:00:00Z"
v $W --json --now 2026-11-22T18:00:00Z poll >/dev/null 2>&1
cp $S $W/S0; cp $J $W/J0; cp $C $W/C0 2>/dev/null
a=(); for j in $(seq 1 10); do a+=("a$j@2026-11-22T18:$(printf %02d $((10+j))):00Z"); done
posts $W social.json "first@2026-11-22T17:00:00Z" "${a[@]}"
v $W --json --now 2026-11-22T18:30:00Z poll >/dev/null 2>&1
cp $W/S0 $S; cp $W/J0 $J; cp $W/C0 $C 2>/dev/null          # killed after the log append, before filing
b=(); for j in $(seq 1 10); do b+=("b$j@2026-11-22T18:$(printf %02d $((30+j))):00Z"); done
posts $W social.json "first@2026-11-22T17:00:00Z" "${a[@]}" "${b[@]}"
v $W --json --now 2026-11-22T18:31:00Z poll >/dev/null 2>$W/err2; cat $W/err2
cp $W/S0 $S                                                 # killed after the journal append, before the state save
v $W --json --now 2026-11-22T18:32:00Z poll >/dev/null 2>$W/err3; cat $W/err3
audit $W; python3 "$(dirname "$0")/floodcheck.py" $W/alerts
v $W --json --now 2026-11-22T18:33:00Z alerts | jq -c 'select(.kind=="source_health") | {mention_id, reasons}'
