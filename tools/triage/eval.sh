#!/bin/sh
# Scores the triage DEV set (../shared/bench/triage) with the built `vigia score` and prints the figures by source.
# usage: tools/triage/eval.sh [path/to/vigia] [extra triage_eval.py options]
# Predictions keep only the categories the benchmark knows (our own, such as fraud, are dropped, as its README asks).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
bench="$here/../shared/bench/triage"
vigia=${1:-"$here/.build/debug/vigia"}
[ $# -gt 0 ] && shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/tools/triage/to_jsonl.py" "$bench/triage-dev.tsv" "$bench/triage-dev-partial.tsv" > "$work/in.jsonl"
"$vigia" score < "$work/in.jsonl" > "$work/out.jsonl"
python3 "$here/tools/triage/to_pred.py" < "$work/out.jsonl" > "$work/pred.jsonl"
python3 "$bench/triage_eval.py" "$bench/triage-dev.tsv" "$bench/triage-dev-partial.tsv" "$work/pred.jsonl" --by source "$@"
