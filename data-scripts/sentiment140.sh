#!/usr/bin/env bash
# Fetches Sentiment140 (Go, Bhayani and Huang, 2009: 1,600,000 tweets labelled negative or positive by
# their emoticons, and 498 labelled by hand) into the data folder, the notes' data for chapter 9:
#   <data folder>/sentiment140/{training.1600000.processed.noemoticon.csv,testdata.manual.2009.06.14.csv}
#   and SHA256SUMS
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root.
#
# The dataset's page publishes no checksum, so the script checks what the archive holds: both CSV files,
# 1,600,000 training rows (800,000 of polarity 0 and 800,000 of polarity 4) and 498 test rows. The files'
# SHA-256 sums are then written to SHA256SUMS and checked on every later run and with --check. Everything
# is downloaded and unpacked under temporary names and renamed into place when complete; running it again
# does nothing when the files are there and intact. Our machines cannot download it: chapter 9 then uses
# an offline stand-in (Torchbook.Text.FortuneTopics) and says so.
#
# usage: data-scripts/sentiment140.sh [--archive FILE] [--check] [-h]
#   --archive FILE     use a trainingandtestdata.zip you already have instead of downloading it
#   SENTIMENT140_URL   download from this URL (or file://) instead of the dataset's page
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/sentiment140"
URL="${SENTIMENT140_URL:-https://cs.stanford.edu/people/alecmgo/trainingandtestdata.zip}"
TRAIN=training.1600000.processed.noemoticon.csv
TEST=testdata.manual.2009.06.14.csv

ARCHIVE="" CHECK_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) [ $# -ge 2 ] || { echo "sentiment140.sh: --archive needs a file" >&2; exit 2; }; ARCHIVE="$2"; shift ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "sentiment140.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

SCRIPT_NAME=sentiment140.sh
FETCH_REMEDY="download $URL elsewhere and pass it with --archive"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

all_intact() { manifest_intact 2; }

# Checks archive $1's contents and renames the two files into place.
install_archive() {
  local archive="$1" work rows
  work="$(mktemp -d "$DATA/.sentiment140.XXXXXX")"; TEMPS+=("$work")
  say "unpacking $(basename -- "$archive") (SHA-256 $(sha256_of "$archive"))"
  unpack_zip "$archive" "$work" || { say "could not unpack $archive"; return 1; }
  for f in "$TRAIN" "$TEST"; do [ -s "$work/$f" ] || { say "the archive has no $f"; return 1; }; done
  rows="$(wc -l <"$work/$TRAIN")"
  [ "$rows" -eq 1600000 ] || { say "$TRAIN has $rows rows; Sentiment140's has 1,600,000"; return 1; }
  [ "$(grep -c '^"0",' "$work/$TRAIN")" -eq 800000 ] && [ "$(grep -c '^"4",' "$work/$TRAIN")" -eq 800000 ] \
    || { say "$TRAIN does not hold 800,000 tweets of polarity 0 and 800,000 of polarity 4"; return 1; }
  rows="$(wc -l <"$work/$TEST")"
  [ "$rows" -eq 498 ] || { say "$TEST has $rows rows; Sentiment140's has 498"; return 1; }
  mkdir -p "$work/out" && mv -- "$work/$TRAIN" "$work/$TEST" "$work/out/"
  (cd "$work/out" && sha256sum "$TRAIN" "$TEST") >"$work/out/SHA256SUMS"
  place_tree "$work/out"
  say "Sentiment140 saved to $DEST"
}

check_or_skip Sentiment140
mkdir -p -- "$DATA"
if [ -n "$ARCHIVE" ]; then
  [ -f "$ARCHIVE" ] || fail "no file at $ARCHIVE"
  install_archive "$ARCHIVE" || fail "$ARCHIVE is not Sentiment140's trainingandtestdata.zip (see above)"
else
  tmp="$(mktemp "$DATA/.trainingandtestdata.zip.XXXXXX")"; TEMPS+=("$tmp")
  say "downloading $URL (81 MB)"
  fetch "$URL" "$tmp" || fail "could not download $URL. Without network access, $FETCH_REMEDY."
  install_archive "$tmp" || fail "the download from $URL is not Sentiment140's trainingandtestdata.zip (see above)"
fi
all_intact || fail "the files in $DEST do not verify after fetching"
say "Sentiment140 is ready in $DEST"
