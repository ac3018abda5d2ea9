#!/usr/bin/env bash
# Peak memory of the packaged jar under batch load, as k8s/qagida.yaml runs it: profile prod on
# PostgreSQL (a schema of its own in the local server, dropped at the end), the JVM sized as in a
# container with LIMIT of memory (-XX:MaxRAM=LIMIT and the manifest's -XX:MaxRAMPercentage).
#  1. BATCHES batch requests of 1 000 checks each (the contract's example with varied citizenships and
#     dates), CONCURRENCY at a time: the peak RSS of the service (VmHWM) and the heap after;
#  2. then the activation gate once (POST /api/v1/ruleset/validate with the rules root as a zip) while
#     sampling the RSS of the service and its child JVM together: the container holds both.
# Usage: bench/memory.sh   (env: BATCHES=60 CONCURRENCY=2 LIMIT=1536m PERCENT=40 PORT=18080 MPORT=18081)
# Build first: ./mvnw -q -o -DskipTests package
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"; cd "$ROOT"
JAR="$ROOT/target/qagida.jar"; [ -f "$JAR" ] || { echo "build the jar first: ./mvnw -q -o -DskipTests package" >&2; exit 1; }
BATCHES="${BATCHES:-60}"; CONCURRENCY="${CONCURRENCY:-2}"; LIMIT="${LIMIT:-1536m}"; PERCENT="${PERCENT:-40}"
PORT="${PORT:-18080}"; MPORT="${MPORT:-18081}"
OUT="${OUT:-$ROOT/target/bench}"; mkdir -p "$OUT"
KEY="bench-memory-secret-0001"
SCHEMA="qagida_bench_$$"
psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $SCHEMA" > /dev/null
WORK="$(mktemp -d)"
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2> /dev/null && wait "$PID" 2> /dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $SCHEMA CASCADE" > /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# the batch bodies: 1 000 checks each, citizenships and dates varied so that the answers differ
python3 - "$ROOT/src/main/resources/api/check-request-example.json" "$WORK" <<'PY'
import json, sys, random
example = json.load(open(sys.argv[1]))
rng = random.Random(7)
countries = ["DE", "US", "KR", "CN", "RU", "UZ", "TR", "IN", "GB", "FR", "KG", "JP"]
for b in range(4):
    checks = []
    for i in range(1000):
        c = json.loads(json.dumps(example))
        c["person"]["citizenship"] = rng.choice(countries)
        c["asOf"] = "2024-%02d-%02d" % (rng.randint(3, 4), rng.randint(1, 28))
        checks.append(c)
    json.dump({"checks": checks}, open("%s/batch-%d.json" % (sys.argv[2], b), "w"))
PY
(cd "$ROOT" && zip -qr "$WORK/rules.zip" rules-drl decision-tables messages reference scenarios)

cd "$WORK"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA&reWriteBatchedInserts=true" \
SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= QAGIDA_API_KEYS="bench:$KEY:checker,analyst" \
  java -XX:MaxRAM="$LIMIT" -XX:MaxRAMPercentage="$PERCENT" -XX:+ExitOnOutOfMemoryError -jar "$JAR" \
  --spring.profiles.active=prod --server.port="$PORT" --management.server.port="$MPORT" > "$OUT/memory-server.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$MPORT/actuator/health/readiness"; do
  kill -0 "$PID" 2> /dev/null || { echo "the service died; see $OUT/memory-server.log" >&2; exit 1; }
  sleep 0.5
done
rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
hwm_mib() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
heap_mib() {
  curl -s "http://127.0.0.1:$MPORT/actuator/prometheus" \
    | awk -v what="$1" '$0 ~ "^jvm_memory_" what "_bytes\\{area=\"heap\"" && $NF > 0 { s += $NF } END { printf "%d", s / 1048576 }'
}
echo "{\"phase\": \"started\", \"rss_mib\": $(rss_mib "$PID"), \"heap_max_mib\": $(heap_mib max)}" | tee "$OUT/memory.json"

t0="$(date +%s)"
for i in $(seq 1 "$BATCHES"); do
  echo "$WORK/batch-$((i % 4)).json"
done | xargs -P "$CONCURRENCY" -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "X-API-Key: $KEY" \
  -H 'Content-Type: application/json' --data-binary @{} "http://127.0.0.1:$PORT/api/v1/checks/batch" > "$WORK/codes"
t1="$(date +%s)"
echo "{\"phase\": \"batches\", \"batches\": $BATCHES, \"checks\": $((BATCHES * 1000)), \"seconds\": $((t1 - t0)), \"answers\": \"$(sort "$WORK/codes" | uniq -c | tr -s ' ' | tr '\n' ',')\", \"rss_mib\": $(rss_mib "$PID"), \"peak_rss_mib\": $(hwm_mib "$PID"), \"heap_used_mib\": $(heap_mib used), \"heap_committed_mib\": $(heap_mib committed)}" | tee -a "$OUT/memory.json"

# the gate in its child JVM, while the service holds what the batches left
peak=0
curl -s -o "$WORK/validate.json" -w '%{http_code}\n' -X POST -H "X-API-Key: $KEY" -H 'Content-Type: application/zip' \
  --data-binary "@$WORK/rules.zip" "http://127.0.0.1:$PORT/api/v1/ruleset/validate" > "$WORK/validate.code" &
VPID=$!
while kill -0 "$VPID" 2> /dev/null; do
  total=0
  for p in "$PID" $(pgrep -P "$PID" || true); do total=$((total + $(rss_mib "$p" 2> /dev/null || echo 0))); done
  [ "$total" -gt "$peak" ] && peak="$total"
  sleep 0.2
done
wait "$VPID" || true
echo "{\"phase\": \"gate\", \"answer\": $(cat "$WORK/validate.code"), \"peak_rss_service_and_gate_mib\": $peak, \"service_peak_rss_mib\": $(hwm_mib "$PID")}" | tee -a "$OUT/memory.json"
