#!/usr/bin/env bash
# Fetches ESC-50 (Karol Piczak's 2,000 five-second clips of environmental sounds in 50 classes,
# CC BY-NC 3.0) into the data folder:
#   <data folder>/ESC-50/audio/*.wav, ESC-50/meta/esc50.csv, ESC-50/SHA256SUMS
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root.
#
# ESC-50 is published only as its GitHub repository, so the archive is GitHub's zip of the master
# branch (about 600 MB). GitHub makes that zip on request, so its bytes (and any checksum of them)
# are not stable; instead the content is verified: the metadata file has ESC-50's columns and 2,000
# rows, and every clip it lists is present and is a WAV file. The verified files' SHA-256 sums are
# then written to ESC-50/SHA256SUMS, against which every later run (and --check) verifies them.
# The archive is downloaded and unpacked under temporary names and the folder renamed into place
# when complete, so an interrupted run leaves nothing half-made. Running it again does nothing when
# the files are there and intact. Where ESC-50 cannot be fetched, chapter 10 uses a synthesized
# stand-in instead and says so.
#
# usage: data-scripts/esc50.sh [--archive FILE] [--check] [-h]
#   --archive FILE   unpack an ESC-50 zip you already have instead of downloading one
#   ESC50_URL        download from this URL (or file://) first
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/ESC-50"
URLS=(
  ${ESC50_URL:+"$ESC50_URL"}
  "https://github.com/karolpiczak/ESC-50/archive/refs/heads/master.zip"
)
HEADER="filename,fold,target,category,esc10,src_file,take"
CLIPS=2000

ARCHIVE="" CHECK_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) [ $# -ge 2 ] || { echo "esc50.sh: --archive needs a file" >&2; exit 2; }; ARCHIVE="$2"; shift ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "esc50.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

SCRIPT_NAME=esc50.sh
FETCH_REMEDY="download https://github.com/karolpiczak/ESC-50/archive/refs/heads/master.zip elsewhere and pass it with --archive"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

# True when $DEST holds a complete ESC-50 whose files match the sums recorded when it was verified.
all_intact() { manifest_intact "$((CLIPS + 1))"; }

# Unpacks zip $1 into folder $2 with whatever is installed.
unpack() {
  if command -v unzip >/dev/null 2>&1; then unzip -q -- "$1" -d "$2"
  elif command -v bsdtar >/dev/null 2>&1; then bsdtar -xf "$1" -C "$2"
  elif command -v python3 >/dev/null 2>&1; then python3 -m zipfile -e "$1" "$2"
  else fail "cannot unpack $1: install unzip (apt-get install unzip), bsdtar or python3"
  fi
}

# Checks the unpacked data set in $1 (the folder holding meta/ and audio/); says what is wrong.
verify_tree() {
  local tree="$1" csv="$1/meta/esc50.csv" rows missing=0 name
  [ -f "$csv" ] || { say "the archive has no meta/esc50.csv"; return 1; }
  [ "$(head -n1 -- "$csv" | tr -d '\r')" = "$HEADER" ] || { say "meta/esc50.csv does not start with ESC-50's header '$HEADER'"; return 1; }
  rows="$(tail -n +2 -- "$csv" | grep -c .)"
  [ "$rows" -eq "$CLIPS" ] || { say "meta/esc50.csv lists $rows clips; ESC-50 has $CLIPS"; return 1; }
  while IFS=, read -r name _; do
    if [ ! -f "$tree/audio/$name" ] || [ "$(head -c4 -- "$tree/audio/$name")" != "RIFF" ]; then
      missing=$((missing + 1)); [ "$missing" -le 3 ] && say "audio/$name is missing or not a WAV file"
    fi
  done < <(tail -n +2 -- "$csv" | tr -d '\r')
  [ "$missing" -eq 0 ] || { say "$missing of the $CLIPS clips are missing or damaged"; return 1; }
}

# Unpacks zip $1, verifies it and moves it into place as $DEST.
install_archive() {
  local work tree
  work="$(mktemp -d "$DATA/.esc50.XXXXXX")"; TEMPS+=("$work")
  say "unpacking $(basename -- "$1")"
  unpack "$1" "$work" || { say "could not unpack $1"; return 1; }
  tree="$(dirname -- "$(find "$work" -path '*/meta/esc50.csv' -print -quit)")"
  [ "$tree" != "." ] || { say "$1 holds no meta/esc50.csv: not an ESC-50 archive"; return 1; }
  tree="$(dirname -- "$tree")"
  verify_tree "$tree" || return 1
  say "writing SHA-256 sums of the $CLIPS clips and the metadata"
  (cd "$tree" && { echo meta/esc50.csv; tail -n +2 meta/esc50.csv | tr -d '\r' | cut -d, -f1 | sed 's|^|audio/|'; } | xargs -d '\n' sha256sum) >"$tree/SHA256SUMS"
  place_tree "$tree"
  say "ESC-50 verified and saved to $DEST"
}

check_or_skip ESC-50

if [ -n "$ARCHIVE" ]; then
  [ -f "$ARCHIVE" ] || fail "no file at $ARCHIVE"
  install_archive "$ARCHIVE" || fail "$ARCHIVE is not a complete ESC-50 archive (see above)"
else
  done=0
  for url in "${URLS[@]}"; do
    zip="$(mktemp "$DATA/.ESC-50-master.zip.XXXXXX")"; TEMPS+=("$zip")
    say "downloading $url (about 600 MB)"
    if fetch "$url" "$zip" && install_archive "$zip"; then done=1; break; fi
    say "$url did not give a complete ESC-50"
    rm -f -- "$zip"
  done
  [ "$done" = 1 ] || fail "could not fetch ESC-50 from any source (${URLS[*]}). Without network access, $FETCH_REMEDY; chapter 10 runs on its synthesized stand-in meanwhile."
fi
all_intact || fail "the files in $DEST do not verify after fetching"
say "ESC-50 is ready in $DEST"
