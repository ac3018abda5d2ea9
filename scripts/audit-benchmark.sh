#!/usr/bin/env bash
# Throughput of POST /api/v1/checks with the audit trail off, on H2 and on PostgreSQL, measured in one
# run on loopback with wrk (apt-get install -y wrk). Each configuration gets a fresh JVM and database,
# a warm-up, then a measured run of the same length; the ratios audit-on / audit-off are printed last.
#
#   scripts/audit-benchmark.sh                    # warm-up until the JIT is quiet (bench/warm.sh), then 20 s measured, 32 connections
#   DURATION=30s CONNECTIONS=64 ROUNDS=2 scripts/audit-benchmark.sh
#
# The body is the contract's example (BODY=file.json for another).
# PostgreSQL: PG_URL (default jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true), PG_USER (postgres), PG_PASSWORD;
# the run uses a schema of its own (qagida_bench_<pid>) and drops it at the end. SKIP_PG=1 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/warm.sh

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-1}
PORT=${PORT:-18480}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true}
PG_USER=${PG_USER:-postgres}
PG_PASSWORD=${PG_PASSWORD:-}
SCHEMA=qagida_bench_$$

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:$(cat target/bench-classpath.txt)"
WORK=$(mktemp -d)
pg_host=$(sed -E 's#jdbc:postgresql://([^:/]+).*#\1#' <<<"$PG_URL")
pg_port=$(sed -E 's#jdbc:postgresql://[^:/]+:?([0-9]*)/.*#\1#' <<<"$PG_URL"); pg_port=${pg_port:-5432}
pg_db=$(sed -E 's#jdbc:postgresql://[^/]+/([^?]+).*#\1#' <<<"$PG_URL")
psql_() { PGPASSWORD="$PG_PASSWORD" psql -q -h "$pg_host" -p "$pg_port" -U "$PG_USER" -d "$pg_db" -c "$1"; }

BENCH_KEY=bench-key-$RANDOM$RANDOM$RANDOM$RANDOM
export QAGIDA_API_KEYS="bench:$BENCH_KEY:checker,auditor"
BODY=${BODY:-src/main/resources/api/check-request-example.json}
cat > "$WORK/check.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$BENCH_KEY"
local f = assert(io.open("$PWD/$BODY", "rb"))
wrk.body = f:read("*a")
f:close()
LUA
SERVICE_PID=
cleanup() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  if [ -z "${SKIP_PG:-}" ]; then psql_ "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# run NAME [spring arguments...]: prints the measured requests per second
run() {
  local name=$1; shift
  mkdir -p "$WORK/$name"
  local db=()
  # an argument would override SPRING_DATASOURCE_URL, so the H2 file is named only when that is unset
  if [ -z "${SPRING_DATASOURCE_URL:-}" ]; then db=(--spring.datasource.url="jdbc:h2:file:$WORK/$name/db;WRITE_DELAY=0"); fi
  java -Xmx1g -cp "$CP" kz.qagida.QagidaApplication --server.port="$PORT" --qagida.rules.root="$PWD" \
    "${db[@]}" --logging.level.root=WARN "$@" > "$WORK/$name.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 180); do
    curl -sf "localhost:$PORT/actuator/health" >/dev/null && break
    sleep 1
  done
  warm_up "$SERVICE_PID" "http://127.0.0.1:$PORT/api/v1/checks" "$WORK/check.lua" "$CONNECTIONS"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$WORK/check.lua" "http://127.0.0.1:$PORT/api/v1/checks" \
    > "$WORK/$name.wrk"
  if grep -q 'Non-2xx' "$WORK/$name.wrk"; then
    echo "$name: some checks were refused:" >&2; cat "$WORK/$name.wrk" >&2
  fi
  local records
  records=$(curl -s -H "X-API-Key: $BENCH_KEY" "localhost:$PORT/api/v1/audit/verify" | sed -E 's/.*"valid":([a-z]+),"records":([0-9]+).*/valid=\1 records=\2/')
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; SERVICE_PID=
  local rps
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.wrk")
  echo "$name: $rps checks/s ($(awk '/Latency/ {print "latency avg " $2 ", max " $4}' "$WORK/$name.wrk"); audit $records)" >&2
  echo "$rps"
}

if [ -z "${SKIP_PG:-}" ]; then psql_ "CREATE SCHEMA $SCHEMA"; fi
sep='?'; if [[ $PG_URL == *\?* ]]; then sep='&'; fi
off=0; h2=0; pg=0
for round in $(seq 1 "$ROUNDS"); do
  off=$(echo "$off + $(run "off-$round" --qagida.audit.enabled=false)" | bc -l)
  h2=$(echo "$h2 + $(run "h2-$round")" | bc -l)
  if [ -z "${SKIP_PG:-}" ]; then
    psql_ "DROP SCHEMA $SCHEMA CASCADE; CREATE SCHEMA $SCHEMA"
    pg=$(echo "$pg + $(SPRING_DATASOURCE_URL="$PG_URL$sep""currentSchema=$SCHEMA" SPRING_DATASOURCE_USERNAME="$PG_USER" \
      SPRING_DATASOURCE_PASSWORD="$PG_PASSWORD" run "pg-$round")" | bc -l)
  fi
done
echo
echo "checks/s (mean of $ROUNDS round(s), $DURATION each, $CONNECTIONS connections):"
printf 'audit off:        %8.1f\n' "$(echo "$off / $ROUNDS" | bc -l)"
printf 'audit on, H2:     %8.1f   ratio %.3f\n' "$(echo "$h2 / $ROUNDS" | bc -l)" "$(echo "$h2 / $off" | bc -l)"
if [ -z "${SKIP_PG:-}" ]; then
  printf 'audit on, PgSQL:  %8.1f   ratio %.3f\n' "$(echo "$pg / $ROUNDS" | bc -l)" "$(echo "$pg / $off" | bc -l)"
fi
