#!/usr/bin/env bash
# Sets up and runs the API on http://127.0.0.1:7071 (Standalone host) with Azurite started for it,
# plus the local media site on http://127.0.0.1:8089 as something to download. Ctrl+C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
dotnet build FunctionsDownloader.sln -c Release -nologo -v quiet -clp:ErrorsOnly

data="${AZURITE_LOCATION:-.azurite}"
mkdir -p "$data"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --location "$data" &
pids+=($!)

dotnet tests/FunctionsDownloader.MediaSite/bin/Release/net10.0/FunctionsDownloader.MediaSite.dll \
  --urls http://127.0.0.1:8089 &
pids+=($!)

# The local example lives on loopback, which the URL guard blocks unless allowed here.
export Downloader__AllowPrivateHosts="${Downloader__AllowPrivateHosts:-127.0.0.1,::1,localhost}"
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
# Keys are off for this local example (the host warns about it at start-up); set Auth__Mode=keys and
# Auth__AdminKey to try the key routes.
export Auth__Mode="${Auth__Mode:-none}"
dotnet src/FunctionsDownloader.Standalone/bin/Release/net10.0/FunctionsDownloader.Standalone.dll \
  --urls "${ASPNETCORE_URLS:-http://127.0.0.1:7071}" &
pids+=($!)
wait -n "${pids[@]}"
