#!/usr/bin/env bash
# HTTP benchmark on loopback, in one run of the service:
#  1. start-up time to the first answer of POST /api/v1/checks;
#  2. saturated throughput (wrk) of POST /api/v1/checks and of the no-op endpoint that parses and
#     returns the same JSON (qagida.bench.noop=true), their ratio, and CPU seconds per request;
#  3. latency at half the saturated check rate: open loop (bench/FixedRate.java) and wrk paced (bench/paced.lua);
#  4. resident memory (VmRSS) after the load.
# Usage: bench/http.sh   (env: DUR=20 CONNS=32 PORT=18080 BODY=file.json; warm-up: WARM_QUIET, WARM_MAX, see warm.sh)
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/warm.sh"
DUR="${DUR:-20}"; CONNS="${CONNS:-32}"

start_service --qagida.rules.watch.enabled=false
echo "{\"startup_to_first_answer_s\": $STARTUP_S, \"rss_mb_after_start\": $(rss_mb)}" | tee "$OUT/http.json"

warm_up "$PID" "http://127.0.0.1:$PORT/api/v1/bench/noop" bench/post.lua "$CONNS"
warm_up "$PID" "http://127.0.0.1:$PORT/api/v1/checks" bench/post.lua "$CONNS"

NOOP="$(run_wrk /api/v1/bench/noop "$DUR" "$CONNS")"; echo "$NOOP" | tee -a "$OUT/http.json"
CHECK="$(run_wrk /api/v1/checks "$DUR" "$CONNS")"; echo "$CHECK" | tee -a "$OUT/http.json"
CHECK_RPS="$(echo "$CHECK" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rps"])')"
NOOP_RPS="$(echo "$NOOP" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rps"])')"
HALF="$(awk -v r="$CHECK_RPS" 'BEGIN { printf "%.0f", r / 2 }')"
echo "{\"throughput_ratio_checks_over_noop\": $(awk -v a="$CHECK_RPS" -v b="$NOOP_RPS" 'BEGIN { printf "%.3f", a / b }')}" \
  | tee -a "$OUT/http.json"

# half the saturated rate, two ways: open loop (FixedRate.java; its own CPU competes with the
# service on a small machine) and wrk's connections pacing themselves (closed loop)
java bench/FixedRate.java "http://127.0.0.1:$PORT/api/v1/checks" "$KEY" "$BODY" "$HALF" "$DUR" half-saturated-open-loop \
  | sed 's/^JSON //' | tee -a "$OUT/http.json"
PACED_CONNS=16
export QAGIDA_BENCH_DIR="$ROOT/bench"
export QAGIDA_BENCH_DELAY_MS="$(awk -v c="$PACED_CONNS" -v r="$HALF" 'BEGIN { printf "%d", c * 1000 / r }')"
wrk -t2 -c"$PACED_CONNS" -d"${DUR}s" -s bench/paced.lua "http://127.0.0.1:$PORT/api/v1/checks" | grep '^JSON ' \
  | sed "s/^JSON {/{\"label\":\"half-saturated-wrk-paced\",\"target_rps\":$HALF,/" | tee -a "$OUT/http.json"
echo "{\"rss_mb_after_load\": $(rss_mb)}" | tee -a "$OUT/http.json"
