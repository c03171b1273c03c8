#!/bin/sh
# Scores the crisis detector's replay on the DEV files with NAB's scorer.
#   tools/crisis/eval.sh            compile the detector + replay command standalone (swiftc -O), then score
#   VIGIA=.build/release/vigia tools/crisis/eval.sh   score the built CLI (`vigia crisis replay FILE`)
# Prints the scorer's table and its summary line (nab_standard=... nab_low_fp=... nab_low_fn=...).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench/crisis}
[ -d "$BENCH" ] || BENCH=/work/shared/bench/crisis
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ -n "${VIGIA:-}" ]; then
    replay() { "$VIGIA" crisis replay "$1"; }
else
    mkdir "$TMP/src"
    cp "$ROOT"/Sources/ReputationCore/Crisis/*.swift "$TMP/src/"
    sed '/^import ReputationCore/d' "$ROOT/Sources/Monitor/CLI/CrisisReplayCommand.swift" > "$TMP/src/Replay.swift"
    cp "$ROOT/Sources/Monitor/CLI/FileHandle+Emit.swift" "$TMP/src/Emit.swift"
    cat > "$TMP/src/main.swift" <<'SWIFT'
import Foundation
try CrisisReplayCommand.run(file: URL(fileURLWithPath: CommandLine.arguments[1]),
                            output: FileHandle.standardOutput, settings: .default)
SWIFT
    swiftc -O -package-name vigia -o "$TMP/replay" "$TMP"/src/*.swift
    replay() { "$TMP/replay" "$1"; }
fi
mkdir "$TMP/out"
for f in "$BENCH"/Twitter_volume_*.csv; do
    replay "$f" > "$TMP/out/$(basename "$f")"
done
python3 "$BENCH/nab_score.py" "$TMP/out" "$BENCH/labels_windows.json"
