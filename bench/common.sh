# Shared by the bench scripts: build the jar if needed, start the service, read its CPU time and RSS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="$ROOT/target/qagida.jar"
PORT="${PORT:-18080}"
KEY="bench-secret-000000001"
BODY="${BODY:-$ROOT/src/main/resources/api/check-request-example.json}"
OUT="${OUT:-$ROOT/target/bench}"
mkdir -p "$OUT"
export QAGIDA_BENCH_KEY="$KEY" QAGIDA_BENCH_BODY="$BODY"
NOOP_CLASS=kz/qagida/check/web/BenchNoopController.class
[ -f "$JAR" ] && [ -f "target/test-classes/$NOOP_CLASS" ] || ./mvnw -q -B package -DskipTests
# the no-op baseline is not in the jar: the service loads it from here (loader.path)
NOOP_DIR="$ROOT/target/bench-noop"
mkdir -p "$NOOP_DIR/$(dirname "$NOOP_CLASS")" && cp "target/test-classes/$NOOP_CLASS" "$NOOP_DIR/$NOOP_CLASS"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
CLK_TCK="$(getconf CLK_TCK)"

# start_service [extra args...]: sets PID and STARTUP_S (launch to the first 200 on POST /api/v1/checks)
start_service() {
  local t0 t1
  t0="$(date +%s.%N)"
  QAGIDA_API_KEYS="bench:$KEY:checker,analyst" java ${JAVA_OPTS:-} -Dloader.path="$NOOP_DIR" -cp "$JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher --server.port="$PORT" \
    --qagida.bench.noop=true "$@" > "$OUT/server.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2> /dev/null || true' EXIT
  until curl -sf -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' --data-binary "@$BODY" \
      "http://127.0.0.1:$PORT/api/v1/checks"; do
    kill -0 "$PID" 2> /dev/null || { echo "the service died; see $OUT/server.log" >&2; exit 1; }
    sleep 0.05
  done
  t1="$(date +%s.%N)"
  STARTUP_S="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
}

# cpu_ticks: user + system clock ticks of the service so far (/proc/PID/stat fields 14 and 15)
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$PID/stat"
}

rss_mb() {
  awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"
}

# run_wrk PATH SECONDS CONNECTIONS: prints wrk's JSON line with cpu_s_per_request added
run_wrk() {
  local path="$1" seconds="$2" conns="$3" before after line
  before="$(cpu_ticks)"
  line="$(wrk -t2 -c"$conns" -d"${seconds}s" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT$path" | grep '^JSON ')"
  after="$(cpu_ticks)"
  echo "$line" | sed 's/^JSON //' | python3 -c "
import json, sys
r = json.load(sys.stdin)
r['path'] = '$path'; r['connections'] = $conns
r['cpu_s_per_request'] = round(($after - $before) / $CLK_TCK / max(r['requests'], 1), 6)
print(json.dumps(r))"
}
