# Sourced by the benchmarks. warm_up PID URL LUA [CONNECTIONS]: loads the service with wrk in 10 s
# rounds until the JIT is quiet (fewer than WARM_QUIET=50 methods compiled in a round, read with
# jstat) or WARM_MAX=300 s have passed. The service's code is large (Drools and its generated rule
# classes, Spring, Jackson, the JDBC driver) and on 2 cores the compiler threads compete with the
# load: figures taken after a fixed 15-30 s warm-up were 2 to 3 times too low.
warm_up() {
  local pid=$1 url=$2 lua=$3 conns=${4:-32} start=$SECONDS before after
  while :; do
    before=$(jstat -compiler "$pid" | awk 'NR == 2 { print $1 }')
    wrk -t2 -c"$conns" -d10s -s "$lua" "$url" > /dev/null
    after=$(jstat -compiler "$pid" | awk 'NR == 2 { print $1 }')
    echo "warm-up $url: $((after - before)) methods compiled in 10 s ($((SECONDS - start)) s so far)" >&2
    if [ $((after - before)) -lt "${WARM_QUIET:-50}" ] || [ $((SECONDS - start)) -ge "${WARM_MAX:-300}" ]; then
      break
    fi
  done
}
