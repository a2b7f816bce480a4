#!/bin/sh
# Run the harness for TOTAL seconds in all, restarting it if libFuzzer stops
# (a timeout, an out-of-memory or a native crash ends one process).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PY:-$HERE/../../.venv/bin/python}
TOTAL=${TOTAL:-3600}
WORK=${WORK:-/tmp/fuzz/corpus_work}
CRASHES=${CRASHES:-/tmp/fuzz/crashes}
mkdir -p "$WORK" "$CRASHES"
start=$(date +%s)
round=0
while :; do
  now=$(date +%s); left=$((TOTAL - (now - start)))
  [ "$left" -le 5 ] && break
  round=$((round + 1))
  echo "=== round $round: $left s left ($(date -u +%FT%TZ))"
  FUZZ_KEEP_GOING=1 FUZZ_CRASH_DIR="$CRASHES" "$PY" "$HERE/fuzz_migrate.py" "$WORK" "$HERE/corpus" \
    -dict="$HERE/python.dict" -max_total_time="$left" -max_len=8192 -timeout=120 -rss_limit_mb=4096 \
    -artifact_prefix="$CRASHES/" -print_final_stats=1
  echo "=== round $round exited with $?"
done
echo "=== done after $(( $(date +%s) - start )) s"
