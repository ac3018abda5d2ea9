#!/usr/bin/env bash
# Console page times: signs in to a running service, warms each page up, then fetches the pages in
# turn (ROUNDS rounds, the pages interleaved so that machine noise hits them alike) and prints each
# page's median, p95 and max in ms (curl's time_total, the whole answer over loopback). The ruleset
# pages use the active version and the newest other stored version (publish a candidate first for a
# diff that shows something); the confirmation page changes nothing, the impact replays at most
# IMPACT_LIMIT recorded checks.
#   BASE=http://127.0.0.1:8080 KEY=<secret with all roles> ROUNDS=30 bench/console.sh
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:8080}"
KEY="${KEY:?the secret of an API key with the checker, analyst and auditor roles}"
ROUNDS="${ROUNDS:-30}"
IMPACT_LIMIT="${IMPACT_LIMIT:-100}"
JAR="$(mktemp)"; OUT="$(mktemp -d)"
trap 'rm -rf "$JAR" "$OUT"' EXIT
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }

token="$(curl -sf -c "$JAR" -b "$JAR" "$BASE/console/login" | csrf)"
curl -sf -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$token" --data-urlencode "apiKey=$KEY" "$BASE/console/login"
token="$(curl -sf -c "$JAR" -b "$JAR" "$BASE/console/check" | csrf)"
# the README's example, checked (and recorded) once per round like a user would
check=(--data-urlencode "_csrf=$token" --data-urlencode asOf=2024-04-05 --data-urlencode person.citizenship=DE
       --data-urlencode "stays[0].entry=2024-03-01")
id="$(curl -sf -b "$JAR" "${check[@]}" "$BASE/console/check" | grep -o '/console/audit/[0-9a-f-]\{36\}' | head -n 1)"
[ -n "$id" ] || { echo "the check page did not answer with an audit link" >&2; exit 1; }
# the active version (linked as such on the overview) and the newest other stored one, if any
overview="$(curl -sf -b "$JAR" "$BASE/console/rulesets")"
active="$(grep -o 'class="active-version" href="[^"]*"' <<< "$overview" | sed 's/.*v=//; s/"$//')"
[ -n "$active" ] || { echo "the rulesets page shows no active version (does the key have the analyst role?)" >&2; exit 1; }
other="$(grep -o 'href="/console/rulesets/version?v=[^"]*"' <<< "$overview" | sed 's/.*v=//; s/"$//' | grep -v -x "$active" | head -n 1)"
other="${other:-$active}"
impact=(--data-urlencode "_csrf=$token" --data-urlencode "v=$other" --data-urlencode "limit=$IMPACT_LIMIT")
confirm=(--data-urlencode "_csrf=$token" --data-urlencode "v=$other")

pages=(
  "home|/console"
  "law-file|/console/law?file=decision-tables/entry/visa-regimes-000.drl.xlsx"
  "what-applies|/console/law?country=KR&passport=ORDINARY&on=2024-04-01"
  "check-form|/console/check"
  "check-run|POST /console/check"
  "audit-search|/console/audit?citizenship=DE"
  "audit-evaluation|$id"
  "rulesets|/console/rulesets"
  "ruleset-version|/console/rulesets/version?v=$active"
  "ruleset-diff|/console/rulesets/diff?from=$active&to=$other"
  "ruleset-confirm|POST confirm /console/rulesets/activate"
  "ruleset-impact|POST impact /console/rulesets/impact"
)
fetch() { # name path, or name "POST form path" (form: the array of fields, check by default)
  if [ "${2%% *}" = "POST" ]; then
    local rest="${2#POST }" form=check
    if [ "${rest%% *}" != "$rest" ]; then form="${rest%% *}"; rest="${rest#* }"; fi
    local -n fields="$form"
    curl -sf -o /dev/null -w '%{time_total}\n' -b "$JAR" "${fields[@]}" "$BASE$rest"
  else
    curl -sf -o /dev/null -w '%{time_total}\n' -b "$JAR" "$BASE$2"
  fi
}
for p in "${pages[@]}"; do for _ in 1 2 3 4 5; do fetch "${p%%|*}" "${p#*|}" > /dev/null; done; done
for _ in $(seq "$ROUNDS"); do
  for p in "${pages[@]}"; do fetch "${p%%|*}" "${p#*|}" >> "$OUT/${p%%|*}"; done
done
printf '%-18s %8s %8s %8s  (ms, %s rounds)\n' page median p95 max "$ROUNDS"
for p in "${pages[@]}"; do
  sort -n "$OUT/${p%%|*}" | awk -v name="${p%%|*}" '{ v[NR] = $1 * 1000 } END {
    printf "%-18s %8.1f %8.1f %8.1f\n", name, v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)], v[NR] }'
done
