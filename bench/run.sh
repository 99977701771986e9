#!/usr/bin/env bash
# Runs the benchmarks (tests/ChatAi.Tests/Benchmarks, trait Category=Benchmark) and writes the table of
# figures, the machine and this command into bench/README.md between the "results" markers.
# Usage: bash bench/run.sh          (about 10 minutes on 2 cores)
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# What the benchmarks need from Debian, installed only when missing (as scripts/test.sh does).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing from Debian packages for the benchmarks: ${missing[*]}"
    as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null \
        || { echo "Could not install ${missing[*]}"; exit 1; }
fi

out="$(pwd)/artifacts/bench"
rm -rf "$out/results.tsv" "$out/test-results"
mkdir -p "$out"
results="$out/results.tsv"
: > "$results"

started=$(date +%s)
# Own build folder, so a concurrent scripts/test.sh (Debug/Release in bin/ and obj/) does not race this build.
# Server GC as the web project runs with; idle thread-pool threads do not spin, so process CPU counts work, not waiting.
CHATAI_BENCH_RESULTS="$results" DOTNET_gcServer=1 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 \
dotnet test tests/ChatAi.Tests -c Release --artifacts-path "$out/build" \
    --filter "Category=Benchmark" \
    --logger "trx;LogFileName=bench.trx" --results-directory "$out/test-results" \
    --logger "console;verbosity=normal"
status=$?
elapsed=$(( $(date +%s) - started ))

counters=$(grep -o '<Counters [^>]*>' "$out/test-results/bench.trx" 2>/dev/null | head -1)
passed=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
failed=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
load=$(cut -d' ' -f1-3 /proc/loadavg)

table=$(mktemp)
{
    echo "<!-- results:start (written by bench/run.sh; edit the text outside these markers) -->"
    echo "## Latest results"
    echo
    echo "- **Date:** $(date -u '+%Y-%m-%d %H:%M UTC') · **commit:** $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes in src/')"
    echo "- **Machine:** $(nproc) cores ($cpu), $mem memory, $os, .NET SDK $(dotnet --version), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
    echo "- **Load average when it ended:** $load (other work on the machine shares these cores)"
    echo "- **Command:** \`bash bench/run.sh\` — $(( elapsed / 60 )) min $(( elapsed % 60 )) s; benchmarks ${passed:-0} passed, ${failed:-0} failed"
    echo
    echo "| fig. | measure | value | baseline (same run) | ratio | aim | met? | note |"
    echo "|---|---|---|---|---|---|---|---|"
    sort -t $'\t' -k1,1n -s "$results" | awk -F '\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
    echo "<!-- results:end -->"
} > "$table"

readme=bench/README.md
if grep -q '<!-- results:start' "$readme" 2>/dev/null; then
    awk -v table="$table" '
        /<!-- results:start/ { while ((getline line < table) > 0) print line; skip = 1; next }
        /<!-- results:end -->/ { skip = 0; next }
        !skip { print }' "$readme" > "$readme.new" && mv "$readme.new" "$readme"
else
    { echo "# Benchmarks"; echo; cat "$table"; } > "$readme"
fi
rm -f "$table"

echo
sort -t $'\t' -k1,1n -s "$results" | awk -F '\t' '{ printf "%-3s %-90.90s %s\n", $1, $2, $3 }'
echo "Wrote $readme (${passed:-0} passed, ${failed:-0} failed, $(( elapsed / 60 )) min $(( elapsed % 60 )) s)"
exit "$status"
