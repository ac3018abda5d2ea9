#!/usr/bin/env bash
# Throughput of POST /api/v1/checks (audit on, PostgreSQL) served by one instance, then by two
# instances on the same PostgreSQL and the same cores, alternating the two sides ROUNDS times; each
# side gets fresh JVMs and a fresh schema, a short warm-up, then a measured run. Prints the ratio
# two / one (the target is >= 0.9: a second instance must not slow the fleet).
#
#   scripts/two-instance-benchmark.sh                     # 15 s measured, 16 connections per side
#   DURATION=30s CONNECTIONS=32 ROUNDS=3 scripts/two-instance-benchmark.sh
#
# One instance gets CONNECTIONS connections; two get CONNECTIONS/2 each. PG_URL, PG_USER as in
# scripts/audit-benchmark.sh. Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-16}
ROUNDS=${ROUNDS:-2}
HEAP=${HEAP:-512m}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true}
PG_USER=${PG_USER:-postgres}
SCHEMA=qagida_two_$$
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
./mvnw -q -B -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="$PWD/target/classes:$(cat target/bench-classpath.txt)"
WORK=$(mktemp -d)
psql_() { psql -q -h 127.0.0.1 -U "$PG_USER" -d test -c "$1" >/dev/null; }
KEY=bench-key-$RANDOM$RANDOM$RANDOM$RANDOM
export QAGIDA_API_KEYS="bench:$KEY:checker,auditor"
cat > "$WORK/check.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = "$KEY"
local f = assert(io.open("$PWD/src/main/resources/api/check-request-example.json", "rb"))
wrk.body = f:read("*a")
f:close()
LUA
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  psql_ "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sep='?'; if [[ $PG_URL == *\?* ]]; then sep='&'; fi

# side N: starts N instances on a fresh schema, loads them together, prints the summed checks/s
side() {
  local n=$1 ports=() per=$((CONNECTIONS / $1))
  psql_ "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; CREATE SCHEMA $SCHEMA"
  PIDS=()
  for i in $(seq 1 "$n"); do
    local port; port=$(free_port); ports+=("$port")
    mkdir -p "$WORK/i$i"
    (cd "$WORK/i$i" && SPRING_DATASOURCE_URL="$PG_URL$sep""currentSchema=$SCHEMA" SPRING_DATASOURCE_USERNAME="$PG_USER" \
      SPRING_DATASOURCE_PASSWORD= exec java -Xmx"$HEAP" -cp "$CP" kz.qagida.QagidaApplication --server.port="$port" \
      --qagida.rules.root="$OLDPWD" --logging.level.root=WARN > "$WORK/i$i.log" 2>&1) &
    PIDS+=($!)
    sleep 2 # the first migrates the schema
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 240); do curl -sf "localhost:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
  done
  local loads=() outs=()
  for port in "${ports[@]}"; do
    wrk -t1 -c"$per" -d"$WARMUP" -s "$WORK/check.lua" "http://127.0.0.1:$port/api/v1/checks" >/dev/null & loads+=($!)
  done
  wait "${loads[@]}"; loads=()
  for port in "${ports[@]}"; do
    wrk -t1 -c"$per" -d"$DURATION" -s "$WORK/check.lua" "http://127.0.0.1:$port/api/v1/checks" > "$WORK/wrk-$port" &
    loads+=($!); outs+=("$WORK/wrk-$port")
  done
  wait "${loads[@]}"
  local total=0
  for o in "${outs[@]}"; do
    grep -q 'Non-2xx' "$o" && { echo "side $n: refused checks:" >&2; cat "$o" >&2; }
    total=$(echo "$total + $(awk '/Requests\/sec/ {print $2}' "$o")" | bc -l)
  done
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
  echo "$n instance(s): $total checks/s" >&2
  echo "$total"
}

one=0; two=0
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then one=$(echo "$one + $(side 1)" | bc -l); two=$(echo "$two + $(side 2)" | bc -l)
  else two=$(echo "$two + $(side 2)" | bc -l); one=$(echo "$one + $(side 1)" | bc -l); fi
done
printf 'one instance: %.1f checks/s, two instances: %.1f checks/s, ratio two/one %.3f (%s rounds of %s)\n' \
  "$(echo "$one / $ROUNDS" | bc -l)" "$(echo "$two / $ROUNDS" | bc -l)" "$(echo "$two / $one" | bc -l)" "$ROUNDS" "$DURATION"
