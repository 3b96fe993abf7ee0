#!/usr/bin/env bash
# Fetches the ants-and-bees images of PyTorch's transfer-learning tutorial (a small subset of
# ImageNet: 244 training and 153 validation photos in two classes) into the data folder:
#   <data folder>/hymenoptera_data/{train,val}/{ants,bees}/*.jpg  and  SHA256SUMS
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root. Chapter 8 uses it when it is
# there, and an offline stand-in (faces or background) when it is not.
#
# PyTorch publishes no checksum for hymenoptera_data.zip. The script therefore checks what the
# archive holds: both splits with both class folders, and 244 and 153 images, as the tutorial
# reports. Set HYMENOPTERA_SHA256 to the archive's SHA-256 to pin one exact file as well. The
# SHA-256 sums of every image are written to SHA256SUMS and checked on every later run and with
# --check. Everything is downloaded and unpacked under temporary names and renamed into place when
# complete; running it again does nothing when the images are there and intact.
#
# usage: data-scripts/hymenoptera.sh [--archive FILE] [--check] [-h]
#   --archive FILE     use a hymenoptera_data.zip you already have instead of downloading it
#   HYMENOPTERA_URL    download from this URL (or file://) instead of download.pytorch.org
#   HYMENOPTERA_SHA256 refuse an archive whose SHA-256 is not this
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/hymenoptera_data"
URL="${HYMENOPTERA_URL:-https://download.pytorch.org/tutorial/hymenoptera_data.zip}"
PINNED="${HYMENOPTERA_SHA256:-}"
TRAIN_IMAGES=244 VAL_IMAGES=153

ARCHIVE="" CHECK_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --archive) [ $# -ge 2 ] || { echo "hymenoptera.sh: --archive needs a file" >&2; exit 2; }; ARCHIVE="$2"; shift ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "hymenoptera.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

SCRIPT_NAME=hymenoptera.sh
FETCH_REMEDY="download $URL elsewhere and pass it with --archive"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

# The images torchvision's ImageFolder would read in folder $1 (the archive also holds a .gif placeholder).
images_in() { find "$1" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) | LC_ALL=C sort; }

all_intact() { manifest_intact "$((TRAIN_IMAGES + VAL_IMAGES))"; }

# Checks archive $1 (its pinned SHA-256 if one is set, then its contents), and renames the image folder into place.
install_archive() {
  local archive="$1" work sum split class count
  sum="$(sha256_of "$archive")"
  if [ -n "$PINNED" ] && [ "$sum" != "$PINNED" ]; then
    say "$(basename -- "$archive") has SHA-256 $sum, not the pinned $PINNED"; return 1
  fi
  work="$(mktemp -d "$DATA/.hymenoptera.XXXXXX")"; TEMPS+=("$work")
  say "unpacking $(basename -- "$archive") (SHA-256 $sum)"
  unpack_zip "$archive" "$work" || { say "could not unpack $archive"; return 1; }
  [ -d "$work/hymenoptera_data" ] || { say "the archive has no hymenoptera_data folder"; return 1; }
  for split in train val; do
    for class in ants bees; do
      [ -d "$work/hymenoptera_data/$split/$class" ] || { say "the archive has no $split/$class folder"; return 1; }
    done
    count="$(images_in "$work/hymenoptera_data/$split" | wc -l)"
    if [ "$split" = train ]; then want=$TRAIN_IMAGES; else want=$VAL_IMAGES; fi
    [ "$count" -eq "$want" ] || { say "$split holds $count images; the tutorial's data has $want"; return 1; }
  done
  (cd "$work/hymenoptera_data" && images_in . | sed 's|^\./||' | xargs -d '\n' sha256sum) >"$work/SHA256SUMS"
  mv -- "$work/SHA256SUMS" "$work/hymenoptera_data/SHA256SUMS"
  place_tree "$work/hymenoptera_data"
  say "the ants and bees saved to $DEST"
}

check_or_skip "The ants-and-bees data"

if [ -n "$ARCHIVE" ]; then
  [ -f "$ARCHIVE" ] || fail "no file at $ARCHIVE"
  install_archive "$ARCHIVE" || fail "$ARCHIVE is not the tutorial's hymenoptera_data.zip (see above)"
else
  mkdir -p -- "$DATA"
  tmp="$(mktemp "$DATA/.hymenoptera_data.zip.XXXXXX")"; TEMPS+=("$tmp")
  say "downloading $URL (about 45 MB)"
  fetch "$URL" "$tmp" || fail "could not download $URL. Without network access, $FETCH_REMEDY."
  install_archive "$tmp" || fail "the download from $URL is not the tutorial's hymenoptera_data.zip (see above)"
fi
all_intact || fail "the files in $DEST do not verify after fetching"
say "the ants and bees are ready in $DEST"
