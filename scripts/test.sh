#!/usr/bin/env bash
# Sets up, builds, publishes the Functions app, lints and builds the Bicep templates, and runs every
# test. Ends with one line "N passed, N failed". Tests start and stop their own Azurite and media site.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

results="$(mktemp -d)"
failed_checks=0

echo "test: building"
if ! dotnet build FunctionsDownloader.sln -c Release -nologo -v quiet; then
  echo "test: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "test: publishing the Functions app"
publish="$results/publish"
if dotnet publish src/FunctionsDownloader/FunctionsDownloader.csproj -c Release -o "$publish" -nologo -v quiet \
  && [ -f "$publish/functions.metadata" ] && [ -f "$publish/host.json" ]; then
  echo "test: publish ok ($(grep -c '"name"' "$publish/functions.metadata") functions)"
else
  echo "test: publish of the Functions app failed"
  failed_checks=$((failed_checks + 1))
fi

echo "test: checking the Bicep templates (infra/)"
if ! bash infra/scripts/bicep.sh check; then
  echo "test: a Bicep file does not build cleanly"
  failed_checks=$((failed_checks + 1))
fi

echo "test: running tests"
dotnet test FunctionsDownloader.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 8m "$@"
status=$?

passed=0
failed=0
found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  # Name every failed test again at the end, with the first line of its message, so that the tail
  # of the log alone tells what broke.
  python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
for r in root.iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
    first = (message.text or "").strip().splitlines()[0][:300] if message is not None and message.text else ""
    print(f"test: FAILED {r.get('testName')} [{r.get('duration')}]: {first}")
PY
done

if [ "$found" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  # The run crashed or hung before reporting: count it as a failure.
  failed=$((failed + 1))
fi
failed=$((failed + failed_checks))
rm -rf "$results"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
