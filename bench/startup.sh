#!/usr/bin/env bash
# Start-up and reload, in one run:
#  1. launch to the first answered POST /api/v1/checks of Qagida (packaged jar, fresh working folder:
#     its own rules compiled at build time, a new H2 database) and of the same-shaped application
#     without rules (src/test/java/bench/RulelessApplication: Web MVC, validation, actuator,
#     security, JDBC, Flyway, H2; started from the same jar), alternated ROUNDS times, and the ratio
#     of the medians (target <= 2.5, stretch 1.5);
#  2. POST /api/v1/ruleset/reload after a one-line DRL change and after a one-table change (the
#     whole gate: compile what changed, lint, every scenario, swap), each REPEAT times (target <= 3 s);
#  3. with CDS=1, also Qagida from the extracted jar with a class data sharing archive made by the
#     Dockerfile's training run (qagida.cds-training=true: exits once the rules serve), in the same alternation;
#  4. with THROUGHPUT=1, also bench/http.sh and scripts/audit-benchmark.sh (their ratios).
# Usage: bench/startup.sh   (env: ROUNDS=3 REPEAT=3 CDS=0 THROUGHPUT=0 PORT=18080 JAVA_OPTS=...)
source "$(dirname "$0")/common.sh"
ROUNDS="${ROUNDS:-3}"; REPEAT="${REPEAT:-3}"
[ -f "$ROOT/target/test-classes/bench/RulelessApplication.class" ] || ./mvnw -q -B test-compile

# launch NAME ARGS...: starts in a fresh working folder; sets PID and STARTUP_S (launch to first 200)
launch() {
  local name="$1"; shift
  local dir t0 t1
  dir="$(mktemp -d)"
  t0="$(date +%s.%N)"
  if [ "$name" = qagida-cds ]; then
    (cd "$dir" && QAGIDA_API_KEYS="bench:$KEY:checker,analyst" exec java ${JAVA_OPTS:-} -XX:SharedArchiveFile="$CDS_DIR/qagida.jsa" \
      -jar "$CDS_DIR/qagida.jar" --server.port="$PORT" --qagida.rules.watch.enabled=false "$@") > "$OUT/startup-$name.log" 2>&1 &
  elif [ "$name" = qagida-cds-training ]; then
    # the Dockerfile's training run: up to the first rule base in service, then exit (the archive is written)
    (cd "$dir" && QAGIDA_API_KEYS="bench:$KEY:checker,analyst" exec java ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$CDS_DIR/qagida.jsa" \
      -jar "$CDS_DIR/qagida.jar" --qagida.cds-training=true --qagida.rules.watch.enabled=false --server.port=0 "$@") \
      > "$OUT/startup-$name.log" 2>&1
    return
  elif [ "$name" = ruleless ]; then
    (cd "$dir" && exec java ${JAVA_OPTS:-} -Dloader.path="$ROOT/target/test-classes" -Dloader.main=bench.RulelessApplication \
      -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher --server.port="$PORT" \
      --management.endpoint.health.validate-group-membership=false "$@") > "$OUT/startup-$name.log" 2>&1 &
  else
    (cd "$dir" && QAGIDA_API_KEYS="bench:$KEY:checker,analyst" exec java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
      --qagida.rules.watch.enabled=false "$@") > "$OUT/startup-$name.log" 2>&1 &
  fi
  PID=$!
  trap 'kill $PID 2> /dev/null || true' EXIT
  until curl -sf -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' --data-binary "@$BODY" \
      "http://127.0.0.1:$PORT/api/v1/checks"; do
    kill -0 "$PID" 2> /dev/null || { echo "$name died; see $OUT/startup-$name.log" >&2; exit 1; }
    sleep 0.05
  done
  t1="$(date +%s.%N)"
  STARTUP_S="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
  LAST_DIR="$dir"
}

stop() {
  kill "$PID" 2> /dev/null || true
  wait "$PID" 2> /dev/null || true
  rm -rf "$LAST_DIR"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

SIDES="ruleless qagida"
if [ "${CDS:-0}" = 1 ]; then
  # the archive of the classes a start loads, made by one training run up to the first answer (JDK 17: dynamic AppCDS)
  CDS_DIR="$ROOT/target/cds"; rm -rf "$CDS_DIR"
  java -Djarmode=tools -jar "$JAR" extract --destination "$CDS_DIR" > /dev/null
  launch qagida-cds-training
  [ -s "$CDS_DIR/qagida.jsa" ] || { echo "the training run wrote no archive; see $OUT/startup-qagida-cds-training.log" >&2; exit 1; }
  SIDES="ruleless qagida qagida-cds"
fi
q=(); r=(); c=()
for i in $(seq 1 "$ROUNDS"); do
  # forward then backward, so that a machine getting busier or quieter favours no side
  order="$SIDES"; [ $((i % 2)) = 0 ] && order="$(echo "$SIDES" | tr ' ' '\n' | tac | tr '\n' ' ')"
  for side in $order; do
    launch "$side"; stop
    case "$side" in qagida) q+=("$STARTUP_S") ;; ruleless) r+=("$STARTUP_S") ;; *) c+=("$STARTUP_S") ;; esac
    echo "{\"round\": $i, \"app\": \"$side\", \"startup_to_first_answer_s\": $STARTUP_S}" | tee -a "$OUT/startup.json"
  done
done
QM="$(echo "${q[*]}" | median)"; RM="$(echo "${r[*]}" | median)"
echo "{\"qagida_median_s\": $QM, \"ruleless_median_s\": $RM, \"startup_ratio\": $(awk -v a="$QM" -v b="$RM" 'BEGIN { printf "%.2f", a / b }'), \"qagida_s\": \"${q[*]}\", \"ruleless_s\": \"${r[*]}\"}" \
  | tee -a "$OUT/startup.json"
if [ "${CDS:-0}" = 1 ]; then
  CM="$(echo "${c[*]}" | median)"
  echo "{\"qagida_cds_median_s\": $CM, \"cds_over_jar\": $(awk -v a="$CM" -v b="$QM" 'BEGIN { printf "%.2f", a / b }'), \"cds_over_ruleless\": $(awk -v a="$CM" -v b="$RM" 'BEGIN { printf "%.2f", a / b }'), \"qagida_cds_s\": \"${c[*]}\"}" \
    | tee -a "$OUT/startup.json"
fi
[ "${SKIP_RELOAD:-0}" = 1 ] && exit 0

# reloads, on a copy of the rules root
RULES="$(mktemp -d)"
cp -r rules-drl decision-tables messages reference scenarios "$RULES/"
launch qagida --qagida.rules.root="$RULES"
reload() {
  local t0 code
  t0=$(date +%s%N)
  code=$(curl -s -o "$OUT/reload-last.json" -w '%{http_code}' -X POST -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT/api/v1/ruleset/reload")
  [ "$code" = 200 ] || { echo "reload answered $code: $(head -c 400 "$OUT/reload-last.json")" >&2; }
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
# the first reload runs the scenarios of the unchanged root once (nothing to compile)
first="$(reload)"
drl=(); table=()
for i in $(seq 1 "$REPEAT"); do
  echo "// bench reload $i" >> "$RULES/rules-drl/stay/overstay.drl"
  drl+=("$(reload)")
  # a one-table change: the workbook's properties part gets a trailing newline (same cells, new bytes)
  python3 - "$RULES/decision-tables/stay/window-terms.drl.xlsx" <<'PY'
import sys, zipfile, shutil
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    items = [(i, z.read(i.filename)) for i in z.infolist()]
with zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
    for info, data in items:
        z.writestr(info, data + b"\n" if info.filename == "docProps/core.xml" else data)
shutil.move(path + ".tmp", path)
PY
  table+=("$(reload)")
done
stop
rm -rf "$RULES"
echo "{\"reload_unchanged_ms\": $first, \"reload_one_drl_line_ms\": \"${drl[*]}\", \"reload_one_drl_line_median_ms\": $(echo "${drl[*]}" | median), \"reload_one_table_ms\": \"${table[*]}\", \"reload_one_table_median_ms\": $(echo "${table[*]}" | median)}" \
  | tee -a "$OUT/startup.json"

if [ "${THROUGHPUT:-0}" = 1 ]; then
  bench/http.sh | grep throughput_ratio
  SKIP_PG="${SKIP_PG:-0}" scripts/audit-benchmark.sh | grep ratio
fi
