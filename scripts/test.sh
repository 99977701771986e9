#!/usr/bin/env bash
# Runs every test of ChatAi and ends with one line: "N passed, N failed".
# On a fresh machine it first installs what the tests need (Debian's Chromium for the browser tests,
# PostgreSQL's server binaries for the PostgreSQL tests, which start their own throwaway server, and
# nginx for the load-balancer test). Benchmarks are left out: bench/run.sh runs them.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# What the tests need from Debian, installed only when missing.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian packages for the tests: ${missing[*]}"
    as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { echo "Could not install ${missing[*]}"; exit 1; }
fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Arguments go to dotnet test (e.g. --filter Name~Browser); without any, everything but the benchmarks runs.
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--filter "Category!=Benchmark")
dotnet test ChatAi.Blazor.sln --configuration Release \
    --logger "trx;LogFilePrefix=results" --results-directory "$results" \
    --logger "console;verbosity=normal" "${args[@]}"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# Name what failed just above the last line, where a CI log's tail shows it.
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.*testName="\([^"]*\)".*/FAILED: \1/p'
done
echo "$passed passed, $failed failed"
exit "$status"
