#!/usr/bin/env bash
# The Bicep CLI from its NuGet package (the build machines reach NuGet, not the CLI's own download
# site), pinned in infra/bicep/Bicep.csproj. Linux x86-64.
#
#   bicep.sh path          restore the CLI when missing and print the path of its binary
#   bicep.sh check [DIR]   lint every .bicep file under infra/ and build main.bicep; any lint
#                          warning fails the check. With DIR, the ARM template lands in DIR/main.json.
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$infra/bicep/Bicep.csproj"
package="azure.bicep.commandline.linux-x64"

die() { echo "bicep: $*" >&2; exit 1; }

bicep_path() {
  [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] \
    || die "the pinned Bicep CLI package is for Linux x86-64; elsewhere use 'az bicep' or the Bicep CLI."
  local version packages binary
  version="$(sed -n 's/.*Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$project")"
  [ -n "$version" ] || die "no Azure.Bicep.CommandLine.linux-x64 version in $project."
  packages="${NUGET_PACKAGES:-}"
  if [ -z "$packages" ]; then
    packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
  fi
  binary="${packages%/}/$package/$version/tools/bicep"
  if [ ! -f "$binary" ]; then
    dotnet restore "$project" -nologo -v quiet >&2 || die "could not restore $project."
  fi
  [ -f "$binary" ] || die "the package restored, but $binary is not there."
  # NuGet unpacks it executable by its owner only.
  [ -x "$binary" ] || chmod a+rx "$binary" || die "cannot make $binary executable."
  echo "$binary"
}

check() {
  local out_dir="${1:-}" bicep file output failed=0
  bicep="$(bicep_path)"
  while IFS= read -r file; do
    if ! output="$("$bicep" lint "$file" 2>&1)" || [ -n "$output" ]; then
      echo "bicep: ${file#"$infra"/} is not clean:" >&2
      echo "$output" >&2
      failed=1
    fi
  done < <(find "$infra" -name '*.bicep' -not -path '*/obj/*' | sort)
  [ "$failed" -eq 0 ] || die "lint found problems (warnings count)."

  if [ -n "$out_dir" ]; then
    mkdir -p "$out_dir"
    "$bicep" build "$infra/main.bicep" --outfile "$out_dir/main.json" || die "main.bicep does not build."
  else
    "$bicep" build "$infra/main.bicep" --stdout >/dev/null || die "main.bicep does not build."
  fi
  echo "bicep: every .bicep file builds without a warning"
}

case "${1:-}" in
  path) bicep_path ;;
  check) shift; check "$@" ;;
  *) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
