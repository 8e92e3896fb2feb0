#!/usr/bin/env bash
# Installs what the service and its tests need on Debian or Ubuntu: yt-dlp and ffmpeg from the
# distribution (and the Prometheus Python client, whose parsers the metrics tests use), and the
# pinned Azurite from package-lock.json. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v yt-dlp >/dev/null 2>&1 || need+=(yt-dlp)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
command -v setsid >/dev/null 2>&1 || need+=(util-linux)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || need+=(python3-prometheus-client)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
command -v node >/dev/null 2>&1 || { echo "setup: Node.js is required (node not on PATH)" >&2; exit 1; }

if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing Azurite (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
