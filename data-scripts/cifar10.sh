#!/usr/bin/env bash
# Fetches CIFAR-10, binary version (Alex Krizhevsky's 60,000 32x32 colour images in 10 classes) into
# the data folder:
#   <data folder>/CIFAR10/cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin, batches.meta.txt, SHA256SUMS
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root.
#
# The archive (cifar-10-binary.tar.gz, 170,052,171 bytes) is checked against the MD5 the dataset's
# page publishes (c32a1d4ab5d03f1284b67883e8d87530) before it is unpacked; each of the six batch files
# must then hold 10,000 records of 3,073 bytes. The files' SHA-256 sums are written to SHA256SUMS and
# checked on every later run and with --check. Everything is downloaded and unpacked under temporary
# names and renamed into place when complete; running it again does nothing when the files are there
# and intact.
#
# usage: data-scripts/cifar10.sh [--archive FILE] [--check] [-h]
#   --archive FILE   use a cifar-10-binary.tar.gz you already have instead of downloading it
#   CIFAR10_URL      download from this URL (or file://) instead of the dataset's page
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/CIFAR10/cifar-10-batches-bin"
URL="${CIFAR10_URL:-https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz}"
MD5=c32a1d4ab5d03f1284b67883e8d87530
BATCHES=(data_batch_1 data_batch_2 data_batch_3 data_batch_4 data_batch_5 test_batch)
BATCH_BYTES=$((10000 * 3073))

ARCHIVE="" CHECK_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) [ $# -ge 2 ] || { echo "cifar10.sh: --archive needs a file" >&2; exit 2; }; ARCHIVE="$2"; shift ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cifar10.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

SCRIPT_NAME=cifar10.sh
FETCH_REMEDY="download $URL elsewhere and pass it with --archive"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

all_intact() { manifest_intact "${#BATCHES[@]}"; }

# Checks archive $1 by its published MD5, unpacks its six batch files, checks their sizes, and renames the folder into place.
install_archive() {
  local archive="$1" work sum name
  sum="$(md5sum -- "$archive" | cut -d' ' -f1)"
  [ "$sum" = "$MD5" ] || { say "$(basename -- "$archive") failed the MD5 check (got $sum, expected $MD5)"; return 1; }
  work="$(mktemp -d "$DATA/CIFAR10/.cifar10.XXXXXX")"; TEMPS+=("$work")
  say "MD5 verified; unpacking"
  tar -xzf "$archive" -C "$work" cifar-10-batches-bin || { say "could not unpack $archive"; return 1; }
  for name in "${BATCHES[@]}"; do
    [ "$(stat -c %s -- "$work/cifar-10-batches-bin/$name.bin" 2>/dev/null || echo 0)" -eq "$BATCH_BYTES" ] \
      || { say "$name.bin is missing or not $BATCH_BYTES bytes"; return 1; }
  done
  (cd "$work/cifar-10-batches-bin" && sha256sum "${BATCHES[@]/%/.bin}") >"$work/cifar-10-batches-bin/SHA256SUMS"
  place_tree "$work/cifar-10-batches-bin"
  say "CIFAR-10 saved to $DEST"
}

check_or_skip CIFAR-10

if [ -n "$ARCHIVE" ]; then
  [ -f "$ARCHIVE" ] || fail "no file at $ARCHIVE"
  install_archive "$ARCHIVE" || fail "$ARCHIVE is not CIFAR-10's binary archive (see above)"
else
  tmp="$(mktemp "$DATA/CIFAR10/.cifar-10-binary.tar.gz.XXXXXX")"; TEMPS+=("$tmp")
  say "downloading $URL (162 MB)"
  fetch "$URL" "$tmp" || fail "could not download $URL. Without network access, $FETCH_REMEDY."
  install_archive "$tmp" || fail "the download from $URL is not CIFAR-10's binary archive (see above)"
fi
all_intact || fail "the files in $DEST do not verify after fetching"
say "CIFAR-10 is ready in $DEST"
