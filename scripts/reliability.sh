#!/usr/bin/env bash
# Runs the reliability suite (load, races, every upstream fault) and writes its figures into docs/reliability.md.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet test tests/ChatAi.Tests --configuration Release --filter "Category=Reliability" \
    --logger "console;verbosity=detailed" | tee "$log"
status=${PIPESTATUS[0]}
rows=$(grep -o 'figure: .*' "$log" | sed 's/^figure: /| /; s/$/ |/')
{
    sed '/<!-- figures -->/q' docs/reliability.md
    echo
    echo "Produced by \`./scripts/reliability.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version). Test run: $([ "$status" = 0 ] && echo passed || echo FAILED)."
    echo
    echo "| what | load or faults injected | result | lost or stuck |"
    echo "|---|---|---|---|"
    echo "$rows"
} > docs/reliability.md.new
mv docs/reliability.md.new docs/reliability.md
rm -f "$log"
exit "$status"
