#!/usr/bin/env bash
# Bundles the pinned yt-dlp, ffmpeg, ffprobe and deno (infra/tools.lock) into
# src/FunctionsDownloader/tools/, which `dotnet publish` copies into the app package. Every download
# is checked against its SHA-256 before use; on any failure the script exits non-zero and leaves the
# tools folder empty, so no unverified or half-updated bundle can be published.
#
#   bundle-tools.sh                                    bundle every pinned tool
#   bundle-tools.sh --update NAME VERSION URL [MEMBER] download URL and pin it (and its sum) for NAME
#
# Environment:
#   TOOLS_LOCK        the pins file (default infra/tools.lock)
#   TOOLS_DEST        where the tools go (default src/FunctionsDownloader/tools)
#   TOOLS_SOURCE_DIR  take each file from this folder, by the last segment of its URL, instead of
#                     downloading it (offline runs and tests); file:// URLs work as well
#   TOOLS_CACHE_DIR   keeps verified downloads between runs (default ~/.cache/functionsdownloader/
#                     tools); set it empty to switch the cache off
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lock="${TOOLS_LOCK:-$here/../tools.lock}"
dest="${TOOLS_DEST:-$here/../../src/FunctionsDownloader/tools}"
source_dir="${TOOLS_SOURCE_DIR:-}"
cache="${TOOLS_CACHE_DIR-${XDG_CACHE_HOME:-$HOME/.cache}/functionsdownloader/tools}"
staging=""
work=""

say() { echo "bundle-tools: $*" >&2; }
die() { say "$*"; exit 1; }

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# fetch URL OUT: the file behind URL, from TOOLS_SOURCE_DIR when set. Only https and file URLs,
# and redirects only to https.
fetch() {
  local url="$1" out="$2" file_name
  file_name="${url##*/}"
  file_name="${file_name%%\?*}"
  if [ -n "$source_dir" ]; then
    [ -f "$source_dir/$file_name" ] || die "$file_name is not in TOOLS_SOURCE_DIR ($source_dir)."
    cp "$source_dir/$file_name" "$out"
    return
  fi

  case "$url" in
    https://* | file://*) ;;
    *) die "refusing $url: only https:// and file:// URLs are allowed." ;;
  esac
  curl --fail --silent --show-error --location --retry 3 \
    --proto '=https,file' --proto-redir '=https' --output "$out" "$url" \
    || die "could not download $url."
}

# extract URL ARTIFACT MEMBER OUT: the binary itself, or MEMBER out of a zip or tar archive.
extract() {
  local url="$1" artifact="$2" member="$3" out="$4"
  case "$url" in
    *.zip)
      [ -n "$member" ] || die "$url is a zip archive: name the binary inside it in the pins file."
      if command -v unzip >/dev/null 2>&1; then
        unzip -p "$artifact" "$member" >"$out" || die "$member is not in $url."
      else
        python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
          "$artifact" "$member" >"$out" || die "$member is not in $url."
      fi
      ;;
    *.tar.xz | *.txz | *.tar.gz | *.tgz | *.tar)
      [ -n "$member" ] || die "$url is a tar archive: name the binary inside it in the pins file."
      tar -xOf "$artifact" "$member" >"$out" || die "$member is not in $url."
      ;;
    *)
      [ -z "$member" ] || die "$url is not an archive, but the pins file names $member inside it."
      mv "$artifact" "$out"
      ;;
  esac
  [ -s "$out" ] || die "the binary taken from $url is empty."
}

# verified NAME URL SHA OUT: OUT holds the file behind URL and its sum is SHA.
verified() {
  local name="$1" url="$2" sha="$3" out="$4" actual
  if [ -n "$cache" ] && [ -f "$cache/$sha" ] && [ "$(sha256_of "$cache/$sha")" = "$sha" ]; then
    cp "$cache/$sha" "$out"
    return
  fi

  fetch "$url" "$out"
  actual="$(sha256_of "$out")"
  if [ "$actual" != "$sha" ]; then
    die "checksum mismatch for $name ($url): expected $sha, got $actual. Nothing was bundled."
  fi
  if [ -n "$cache" ]; then
    mkdir -p "$cache" && cp "$out" "$cache/$sha.tmp" && mv "$cache/$sha.tmp" "$cache/$sha" || true
  fi
}

# Lines of the pins file: name version sha256 url [member].
read_pins() {
  grep -Ev '^[[:space:]]*(#|$)' "$lock" || true
}

bundle() {
  [ -f "$lock" ] || die "no pins file at $lock."
  local parent
  parent="$(dirname "$dest")"
  mkdir -p "$parent"
  staging="$(mktemp -d "$parent/.tools-staging.XXXXXX")"
  # On any failure: no staging left behind, and no tools folder either.
  trap 'status=$?; rm -rf "$staging"; if [ $status -ne 0 ]; then rm -rf "$dest"; fi' EXIT

  local count=0 name version sha url member extra
  while read -r name version sha url member extra; do
    [[ "$name" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "bad tool name '$name' in $lock."
    [[ "$sha" =~ ^[0-9a-f]{64}$ ]] || die "bad SHA-256 for $name in $lock (64 lowercase hex digits)."
    [ -n "$url" ] || die "no URL for $name in $lock."
    [ -z "$extra" ] || die "too many fields for $name in $lock."

    say "$name $version"
    verified "$name" "$url" "$sha" "$staging/.download"
    extract "$url" "$staging/.download" "$member" "$staging/$name"
    rm -f "$staging/.download"
    chmod 0755 "$staging/$name"
    count=$((count + 1))
  done < <(read_pins)
  [ "$count" -gt 0 ] || die "$lock pins no tool."

  rm -rf "$dest"
  mv "$staging" "$dest"
  chmod 0755 "$dest"
  say "bundled $count tools into $dest"
}

update() {
  [ $# -ge 3 ] && [ $# -le 4 ] || { usage; exit 2; }
  local name="$1" version="$2" url="$3" member="${4:-}" sha line
  [[ "$name" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || die "bad tool name '$name'."
  [[ "$version" =~ ^[^[:space:]]+$ ]] || die "bad version '$version'."
  [ -f "$lock" ] || die "no pins file at $lock."

  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  fetch "$url" "$work/artifact"
  sha="$(sha256_of "$work/artifact")"
  cp "$work/artifact" "$work/check"
  extract "$url" "$work/check" "$member" "$work/binary"

  line="$(printf '%-8s %-11s %s  %s' "$name" "$version" "$sha" "$url")"
  [ -z "$member" ] || line="$line $member"
  awk -v name="$name" -v line="$line" '
    $1 == name && !done { print line; done = 1; next }
    { print }
    END { if (!done) print line }
  ' "$lock" >"$work/lock"
  cat "$work/lock" >"$lock"
  say "pinned $name $version ($sha). Compare the sum with the one upstream publishes before committing."
}

case "${1:-}" in
  -h | --help) usage ;;
  --update) shift; update "$@" ;;
  "") bundle ;;
  *) usage; exit 2 ;;
esac
