#!/usr/bin/env bash
# Prints the ConfigMap qagida-rules for a rules root (default: the repository), one key per file
# with '__' standing for '/':  k8s/rules-configmap.sh [rules-root] | kubectl apply -f -
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"
echo "apiVersion: v1"
echo "kind: ConfigMap"
echo "metadata:"
echo "  name: qagida-rules"
echo "binaryData:"
find rules-drl decision-tables messages reference -type f 2> /dev/null ! -name '~$*' | sort | while read -r f; do
  echo "  ${f//\//__}: $(base64 -w0 "$f")"
done
