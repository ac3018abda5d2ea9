#!/usr/bin/env bash
# Reload under load: a fixed rate of POST /api/v1/checks (bench/FixedRate.java), first alone, then
# while POST /api/v1/ruleset/reload runs again and again on a rules root whose content changes each
# time (so every reload compiles, lints, runs the scenarios and swaps). Reports failed requests
# (target 0) and p99 in both phases, and the reload outcomes.
# Usage: bench/reload.sh   (env: RATE=100 DUR=30 WARMUP=20 PORT=18080)
source "$(dirname "$0")/common.sh"
RATE="${RATE:-100}"; DUR="${DUR:-30}"; WARMUP="${WARMUP:-20}"
RULES="$(mktemp -d)"
cp -r rules-drl decision-tables messages reference scenarios "$RULES/"
MARK="$RULES/rules-drl/stay/overstay.drl"

start_service --qagida.rules.watch.enabled=false --qagida.rules.root="$RULES"
echo "{\"startup_to_first_answer_s\": $STARTUP_S}" | tee "$OUT/reload.json"
java bench/FixedRate.java "http://127.0.0.1:$PORT/api/v1/checks" "$KEY" "$BODY" "$RATE" "$WARMUP" warmup > /dev/null

java bench/FixedRate.java "http://127.0.0.1:$PORT/api/v1/checks" "$KEY" "$BODY" "$RATE" "$DUR" without-reloads \
  | sed 's/^JSON //' | tee -a "$OUT/reload.json"

java bench/FixedRate.java "http://127.0.0.1:$PORT/api/v1/checks" "$KEY" "$BODY" "$RATE" "$DUR" during-reloads \
  | sed 's/^JSON //' > "$OUT/reload-load.json" &
LOAD=$!
n=0; activated=0; other=0; t_end=$(( $(date +%s) + DUR - 2 ))
reload_ms=()
while [ "$(date +%s)" -lt "$t_end" ]; do
  n=$((n + 1))
  echo "// bench reload $n" >> "$MARK"
  t0=$(date +%s%N)
  code=$(curl -s -o "$OUT/reload-last.json" -w '%{http_code}' -X POST -H "X-API-Key: $KEY" \
    "http://127.0.0.1:$PORT/api/v1/ruleset/reload")
  reload_ms+=($(( ($(date +%s%N) - t0) / 1000000 )))
  if [ "$code" = 200 ]; then activated=$((activated + 1)); else other=$((other + 1)); fi
done
wait "$LOAD"
tee -a "$OUT/reload.json" < "$OUT/reload-load.json"
outcomes="$(curl -s -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT/api/v1/ruleset/history" \
  | python3 -c 'import json,sys,collections; print(json.dumps(collections.Counter(e["outcome"] for e in json.load(sys.stdin))))')"
echo "{\"reloads\": $n, \"reload_http_200\": $activated, \"reload_other\": $other, \"reload_ms\": \"$(printf '%s ' "${reload_ms[@]}")\", \"history_outcomes\": $outcomes, \"rss_mb_after_load\": $(rss_mb)}" \
  | tee -a "$OUT/reload.json"
rm -rf "$RULES"
