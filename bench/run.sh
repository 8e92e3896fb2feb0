#!/usr/bin/env bash
# Runs the benchmark in one go: builds the Standalone host and the harness in Release, generates the
# inputs once (cached in ~/.cache/functionsdownloader/bench), starts Azurite, the local media site and the
# host itself, and measures the service against the bare tools. Results: bench/results/latest.md and
# latest.json. Pass --quick for a smoke test of the harness (one run per case; not figures to keep).
set -euo pipefail
cd "$(dirname "$0")/.."

# Figures taken while something else keeps the cores busy say more about that than about the service;
# the load is read before the build below, which adds its own.
read -r load1 load5 load15 _ < /proc/loadavg
if awk -v l="$load1" -v c="$(nproc)" 'BEGIN { exit !(l >= c) }'; then
  echo "bench: warning: load average $load1 on $(nproc) cores; the figures will carry that load (it is recorded)"
fi

bash scripts/setup.sh
echo "bench: building (Release)"
dotnet build src/FunctionsDownloader.Standalone/FunctionsDownloader.Standalone.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/FunctionsDownloader.Bench/FunctionsDownloader.Bench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

exec dotnet bench/FunctionsDownloader.Bench/bin/Release/net10.0/FunctionsDownloader.Bench.dll \
  --load-before-build "$load1, $load5, $load15" "$@"
