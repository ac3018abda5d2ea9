#!/usr/bin/env bash
# Publishing on two instances over one PostgreSQL (127.0.0.1:5432, database test, a fresh schema):
#  1. publish-to-serving: N publishes of a one-file change on instance A (POST /api/v1/ruleset/publish
#     ?path=messages/en.yaml, gated), each timed from the publish answer until A and B both serve the
#     new version (GET /api/v1/ruleset, polled every 20 ms); median and max per instance.
#  2. impact against live checks, in one run, alternated: live checks/s (wrk, CONC connections, SECS
#     s) on A alone; impact re-evaluations/s (each re-evaluation is one check under the recorded
#     version and one under the candidate) over the checks recorded so far; live checks/s again
#     while an impact runs.
#  3. memory across reloads (old rule bases released): RSS of B after the first and after the
#     last of the publishes it followed; then SWAPS activations of the stored versions in turn (more
#     versions than the heap keeps, so each builds a rule base), RSS of B after the first and the last.
# Usage: bench/publish.sh   (env: N=10 SECS=10 CONC=4 SWAPS=30 PORT_A=18081 PORT_B=18082 JAVA_OPTS=...)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="$ROOT/target/qagida.jar"
N="${N:-10}"; SECS="${SECS:-10}"; CONC="${CONC:-4}"
PORT_A="${PORT_A:-18081}"; PORT_B="${PORT_B:-18082}"
KEY="bench-secret-000000001"
BODY="$ROOT/src/main/resources/api/check-request-example.json"
OUT="${OUT:-$ROOT/target/bench}"; mkdir -p "$OUT"
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
SCHEMA="qagida_bench_$(date +%s)"
psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $SCHEMA"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $SCHEMA CASCADE" || true
}
trap cleanup EXIT

start() { # start NAME PORT
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" SPRING_DATASOURCE_USERNAME=postgres \
  QAGIDA_API_KEYS="bench:$KEY:checker,analyst,auditor" java ${JAVA_OPTS:--Xmx768m} -jar "$JAR" --server.port="$2" \
    --qagida.instance-id="$1" --qagida.rules.watch.enabled=false --qagida.audit.retention= > "$OUT/publish-$1.log" 2>&1 &
  PIDS+=($!)
}
wait_up() { until curl -sf -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness"; do sleep 0.2; done; }
version() { curl -s -H "X-API-Key: $KEY" "http://127.0.0.1:$1/api/v1/ruleset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

start a "$PORT_A"; wait_up "$PORT_A"   # A seeds the empty store; B starts on it
start b "$PORT_B"; wait_up "$PORT_B"
PID_B="${PIDS[1]}"

# ---- 1. publish-to-serving
MSG="$(mktemp)"; cp messages/en.yaml "$MSG"
a_ms=(); b_ms=(); rss=()
for i in $(seq 1 "$N"); do
  echo "# bench publish $i $(date +%s%N)" >> "$MSG"
  code=$(curl -s -o "$OUT/publish-last.json" -w '%{http_code}' -X POST -H "X-API-Key: $KEY" \
    -H 'Content-Type: application/octet-stream' --data-binary "@$MSG" \
    "http://127.0.0.1:$PORT_A/api/v1/ruleset/publish?path=messages/en.yaml")
  t0=$(now_ms)
  [ "$code" = 200 ] || { echo "publish $i: HTTP $code $(cat "$OUT/publish-last.json")" >&2; exit 1; }
  v=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$OUT/publish-last.json")
  da=""; db=""
  while [ -z "$da" ] || [ -z "$db" ]; do
    [ -z "$da" ] && [ "$(version "$PORT_A")" = "$v" ] && da=$(( $(now_ms) - t0 ))
    [ -z "$db" ] && [ "$(version "$PORT_B")" = "$v" ] && db=$(( $(now_ms) - t0 ))
    sleep 0.02
  done
  a_ms+=("$da"); b_ms+=("$db"); rss+=("$(rss_mb "$PID_B")")
  echo "publish $i: A serves after ${da} ms, B after ${db} ms, B's RSS $(rss_mb "$PID_B") MB"
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "{\"median_ms\": %d, \"max_ms\": %d}", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2), a[NR] }'; }
echo "{\"publishes\": $N, \"a\": $(stats "${a_ms[@]}"), \"b\": $(stats "${b_ms[@]}"), \"b_rss_mb_first\": ${rss[0]}, \"b_rss_mb_last\": ${rss[-1]}}" \
  | tee "$OUT/publish.json"

# ---- 2. impact re-evaluations/s against live checks/s, alternated in one run
live() { # live LABEL -> checks/s on A over SECS
  QAGIDA_BENCH_KEY="$KEY" QAGIDA_BENCH_BODY="$BODY" wrk -t2 -c"$CONC" -d"${SECS}s" -s bench/post.lua \
    "http://127.0.0.1:$PORT_A/api/v1/checks" | awk '/Requests\/sec/ { print $2 }'
}
impact() { # -> the impact answer (JSON)
  curl -s -X POST -H "X-API-Key: $KEY" -H 'Content-Type: application/octet-stream' --data-binary "@$MSG" \
    "http://127.0.0.1:$PORT_A/api/v1/ruleset/impact?path=messages/en.yaml&limit=${LIMIT:-2000}"
}
l1=$(live alone)
i1=$(impact | python3 -c 'import json,sys; r=json.load(sys.stdin); print(round(r["replayed"] / max(r["millis"], 1) * 1000, 1), r["replayed"])')
impact > "$OUT/impact-during.json" &
IMP=$!
l2=$(live during-impact)
wait "$IMP"
i2=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(round(r["replayed"] / max(r["millis"], 1) * 1000, 1))' "$OUT/impact-during.json")
l3=$(live alone-again)
echo "{\"live_checks_per_s_alone\": [$l1, $l3], \"live_checks_per_s_during_impact\": $l2, \"impact_reevaluations_per_s\": [${i1% *}, $i2], \"impact_replayed\": ${i1#* }}" \
  | tee "$OUT/impact.json"

# ---- 3. memory across swaps: activate the published versions in turn, SWAPS times (more versions than
#      the 2 kept in the heap, so each swap builds a rule base and must release an old one); RSS of B
#      after the first swap and after the last (target: within 10 %)
SWAPS="${SWAPS:-30}"
mapfile -t VERSIONS < <(curl -s -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT_A/api/v1/ruleset/versions" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d if isinstance(d, list) else d.get("versions", []); [print(v["version"]) for v in d[:6]]')
first=""; last=""
for i in $(seq 1 "$SWAPS"); do
  v="${VERSIONS[$(( i % ${#VERSIONS[@]} ))]}"
  curl -s -o /dev/null -X POST -H "X-API-Key: $KEY" -H 'Content-Type: application/json' -d "{\"version\":\"$v\"}" \
    "http://127.0.0.1:$PORT_A/api/v1/ruleset/activate"
  until [ "$(version "$PORT_B")" = "$v" ]; do sleep 0.05; done
  [ "$i" = 1 ] && first="$(rss_mb "$PID_B")"
  last="$(rss_mb "$PID_B")"
done
echo "{\"swaps\": $SWAPS, \"versions\": ${#VERSIONS[@]}, \"b_rss_mb_after_first\": $first, \"b_rss_mb_after_last\": $last}" \
  | tee "$OUT/swaps.json"
