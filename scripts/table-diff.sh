#!/bin/sh
# Shows a decision table as text for `git diff` (rows keyed by NAME, values with their column names).
# Set up once per clone:   git config diff.drl-xlsx.textconv scripts/table-diff.sh
# It runs the `dump` command of the packaged jar, which a clone does not have until it is built.
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/qagida.jar"
if [ ! -f "$jar" ]; then
    echo "table-diff: $jar is missing; build it once with:  ./mvnw -q -DskipTests package" >&2
    exit 1
fi
exec java -jar "$jar" dump "$1"
