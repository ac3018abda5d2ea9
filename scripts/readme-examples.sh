#!/usr/bin/env bash
# Runs the examples of README.md (and the audit examples of docs/operations.md) as written against a
# fresh start of the packaged jar: an empty working folder (so an empty ./data, the generated key),
# a free port put in place of 8080. For each `curl` block followed by an answer, compares the answer
# with the README's: every field the README shows must be there with the same value ("…" marks what
# the README leaves out; the evaluation id, ruleset version and load time are compared by their form).
# Prints one line per example and exits non-zero on any difference. About a minute; not in ./mvnw verify.
# Usage: scripts/readme-examples.sh   (build first: ./mvnw -q -o -DskipTests package); answers in target/readme-example-LINE.json
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/target/qagida.jar"
[ -f "$JAR" ] || { echo "build the jar first: ./mvnw -q -o -DskipTests package" >&2; exit 1; }
command -v jq > /dev/null || { echo "jq is missing (the examples use it): apt-get install -y jq" >&2; exit 1; }
PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
WORK="$(mktemp -d)"
cd "$WORK"
java -jar "$JAR" --server.port="$PORT" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2> /dev/null; wait $PID 2> /dev/null; rm -rf "$WORK"' EXIT
until curl -sf -o /dev/null "http://localhost:$PORT/actuator/health/readiness"; do
  kill -0 "$PID" 2> /dev/null || { echo "the service did not start; see $WORK/server.log" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.5
done
python3 - "$ROOT" "$PORT" <<'PY'
import json, re, subprocess, sys

root, port = sys.argv[1], sys.argv[2]
failures = []

def blocks(path):
    """(language, text, line) of each fenced block of a Markdown file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if m:
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            out.append((m.group(1), "\n".join(lines[i + 1:j]), i + 1))
            i = j
        i += 1
    return out

def run(script):
    """Runs a block as the README's reader would: bash in the service's working folder, its port for 8080."""
    script = "set -e\n" + script.replace("localhost:8080", "localhost:" + port)
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)

def loads_abridged(text):
    """The README's JSON with its "…" elisions taken out."""
    text = re.sub(r"^\s*…,?\s*$", "", text, flags=re.M)
    text = re.sub(r",(\s*[\]}])", r"\1", text)
    return json.loads(text)

FORMS = {"evaluationId": r"[0-9a-f-]{36}", "version": r"sha256:[0-9a-f]{64}", "loadedAt": r"\d{4}-\d\d-\d\dT[\d:.]+Z"}

def compare(shown, got, path, problems):
    if isinstance(shown, dict):
        if not isinstance(got, dict):
            problems.append(f"{path}: README shows an object, the service answered {json.dumps(got)[:80]}")
            return
        for k, v in shown.items():
            if k not in got:
                problems.append(f"{path}.{k}: missing from the answer")
            elif k in FORMS and isinstance(v, str):
                if not re.fullmatch(FORMS[k], str(got[k])):
                    problems.append(f"{path}.{k}: {got[k]!r} is not of the form {FORMS[k]}")
            else:
                compare(v, got[k], f"{path}.{k}", problems)
    elif isinstance(shown, list):
        if not isinstance(got, list):
            problems.append(f"{path}: README shows a list, the service answered {json.dumps(got)[:80]}")
            return
        at = 0
        for n, item in enumerate(shown):
            # each element shown must be in the answer, in the same order (the README skips some)
            key = item.get("code") or item.get("id") if isinstance(item, dict) else None
            candidates = [i for i in range(at, len(got)) if not isinstance(item, dict) or key is None
                          or got[i].get("code", got[i].get("id")) == key]
            best = None
            for i in candidates:
                p = []
                compare(item, got[i], f"{path}[{i}]", p)
                if not p:
                    best = (i, [])
                    break
                if best is None:
                    best = (i, p)
            if best is None:
                problems.append(f"{path}[{n}]: {json.dumps(item)[:100]} not in the answer")
            else:
                problems.extend(best[1])
                at = best[0] + 1
    elif shown != got:
        problems.append(f"{path}: README shows {json.dumps(shown)}, the service answered {json.dumps(got)}")

def check(name, ok, detail=""):
    print(("ok    " if ok else "FAIL  ") + name + (": " + detail if detail and not ok else ""))
    if not ok:
        failures.append(name)

readme = blocks(f"{root}/README.md")
# the key as the README tells to read it
key_line = next(l for l in open(f"{root}/README.md", encoding="utf-8") if "KEY=$(" in l)
key_cmd = re.search(r"`(KEY=\$\([^`]*\))`", key_line).group(1)
prelude = key_cmd + "\n"
check("README: KEY=… reads the generated key", run(prelude + 'test -n "$KEY"').returncode == 0)

for n, (lang, text, line) in enumerate(readme):
    if lang != "sh" or "curl" not in text:
        continue
    result = run(prelude + text)
    with open(f"{root}/target/readme-example-{line}.json", "w") as f:
        f.write(result.stdout)
    name = f"README line {line}: " + text.strip().split("\n")[0][:70]
    if result.returncode != 0:
        check(name, False, result.stderr[:300])
        continue
    following = readme[n + 1] if n + 1 < len(readme) else None
    if following and following[0] == "json":
        problems = []
        try:
            compare(loads_abridged(following[1]), json.loads(result.stdout), "answer", problems)
        except json.JSONDecodeError as e:
            problems.append(f"not JSON: {e}: {result.stdout[:200]}")
        # "abridged: the other conclusions, `A`, `B` … cut": with those shown, every code answered
        note = re.search(r"the other conclusions,((?:\s*`[A-Z_]+`,?)+)", open(f"{root}/README.md", encoding="utf-8").read())
        if note and not problems:
            named = set(re.findall(r"`([A-Z_]+)`", note.group(1))) | {c.get("code") for c in loads_abridged(following[1]).get("conclusions", [])}
            answered = {c["code"] for c in json.loads(result.stdout).get("conclusions", [])}
            if named != answered:
                problems.append(f"the note names {sorted(named)}, the service answered {sorted(answered)}")
        check(name, not problems, "\n      ".join(problems[:20]))
    else:
        check(name, True)

# the links and the endpoints the README names
for path, status in [("/swagger-ui.html", {200, 302}), ("/v3/api-docs", {200}), ("/console", {200, 302}),
                     ("/console/law?country=KR&passport=ORDINARY&on=2024-04-01", {200, 302})]:
    r = run(f"curl -s -o /dev/null -w '%{{http_code}}' 'localhost:8080{path}'")
    check(f"GET {path} answers {sorted(status)}", r.stdout.strip().isdigit() and int(r.stdout) in status, r.stdout)
r = run(prelude + 'curl -s -H "X-API-Key: $KEY" localhost:8080/api/v1/ruleset')
ruleset = json.loads(r.stdout) if r.returncode == 0 else {}
check("GET /api/v1/ruleset tells the version and the rules per file",
      str(ruleset.get("version", "")).startswith("sha256:") and bool(ruleset.get("files")), r.stdout[:200])
for link in sorted(set(re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", open(f"{root}/README.md", encoding="utf-8").read()))):
    check(f"README link {link} exists", subprocess.run(["test", "-e", f"{root}/{link}"]).returncode == 0)

# docs/operations.md: the audit examples (after the README's check, so there are records)
for lang, text, line in blocks(f"{root}/docs/operations.md"):
    if lang == "sh" and "api/v1/evaluations" in text and "replay" in text:
        r = run(prelude + text)
        out = r.stdout.strip().split("\n")
        ok = r.returncode == 0 and len(out) >= 2 and out[0].startswith("[") and '"valid":true' in out[-1].replace(" ", "")
        check(f"docs/operations.md line {line}: the audit examples (replay differences, verify)", ok,
              (r.stdout + r.stderr)[:400])

print(f"{sum(1 for _ in failures)} failed" if failures else "every example answers as documented")
sys.exit(1 if failures else 0)
PY
