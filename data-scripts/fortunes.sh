#!/usr/bin/env bash
# Fetches six of the fortune-cookie files of Debian's fortunes package (fortune-mod 1.99.1), chapter 9's
# offline stand-in for labelled text, into the data folder:
#   <data folder>/fortunes/{computers,linux,perl,love,men-women,people}  and  SHA256SUMS
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root. Each file holds short texts
# separated by lines of "%"; the chapter labels them by topic (computers, linux, perl: about computers;
# love, men-women, people: about people).
#
# The package is fetched with `apt-get download` (no root needed, nothing installed) where apt exists,
# else (or with --download) from Debian's archive over HTTP; either way the .deb must have the SHA-256
# Debian's archive publishes for fortunes 1:1.99.1-7.3 before it is unpacked (dpkg-deb, or ar and tar).
# The files' SHA-256 sums are written to SHA256SUMS and checked on every later run and with --check.
# Everything is made under temporary names and renamed into place when complete; running it again does
# nothing when the files are there and intact. The fortunes are in the public domain or quoted, as
# Debian's copyright file for the package says.
#
# usage: data-scripts/fortunes.sh [--download] [--check] [-h]
#   FORTUNES_URL   download the .deb from this URL (or file://) instead of Debian's archive
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/fortunes"
URL="${FORTUNES_URL:-https://deb.debian.org/debian/pool/main/f/fortune-mod/fortunes_1.99.1-7.3_all.deb}"
DEB_SHA256=41d0551dc0ff52f875a2ecef7c39da2f672ab468c37e170119f7e0245a9d63c5
FILES=(computers linux perl love men-women people)

MODE=auto CHECK_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --download) MODE=download ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fortunes.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

SCRIPT_NAME=fortunes.sh
FETCH_REMEDY="download $URL elsewhere and point FORTUNES_URL at it (file://...)"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

all_intact() { manifest_intact "${#FILES[@]}"; }

# install_deb DEB: checks the package's SHA-256, unpacks it, copies the six files with their SHA256SUMS into place.
install_deb() {
  local deb="$1" work sum name
  sum="$(sha256_of "$deb")"
  [ "$sum" = "$DEB_SHA256" ] || { say "$(basename -- "$deb") failed the SHA-256 check (got $sum, expected $DEB_SHA256)"; return 1; }
  work="$(mktemp -d "$DATA/.fortunes.XXXXXX")"; TEMPS+=("$work")
  if command -v dpkg-deb >/dev/null 2>&1; then
    dpkg-deb -x "$deb" "$work/x" || { say "could not unpack $deb"; return 1; }
  else
    mkdir -p "$work/x" && (cd "$work" && ar x "$deb" && tar -xf data.tar.* -C x) || { say "could not unpack $deb (needs ar and tar)"; return 1; }
  fi
  mkdir -p "$work/out"
  for name in "${FILES[@]}"; do
    [ -s "$work/x/usr/share/games/fortunes/$name" ] || { say "the package has no $name"; return 1; }
    cp -- "$work/x/usr/share/games/fortunes/$name" "$work/out/$name"
  done
  (cd "$work/out" && sha256sum "${FILES[@]}") >"$work/out/SHA256SUMS"
  place_tree "$work/out"
  say "SHA-256 verified; the fortunes saved to $DEST"
}

from_debian() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local work deb
  work="$(mktemp -d "$DATA/.fortunes-deb.XXXXXX")"; TEMPS+=("$work")
  say "fetching Debian's fortunes with apt-get download"
  (cd "$work" && apt-get download -q fortunes=1:1.99.1-7.3 >/dev/null 2>&1) || { say "apt-get download fortunes=1:1.99.1-7.3 failed"; return 1; }
  deb="$(ls "$work"/fortunes_*.deb 2>/dev/null | head -n1)"
  [ -n "$deb" ] && install_deb "$deb"
}

download() {
  local tmp
  tmp="$(mktemp "$DATA/.fortunes.deb.XXXXXX")"; TEMPS+=("$tmp")
  say "downloading $URL (830 KB)"
  fetch "$URL" "$tmp" || fail "could not download $URL. Without network access, $FETCH_REMEDY."
  install_deb "$tmp" || fail "the download from $URL is not Debian's fortunes 1:1.99.1-7.3 (see above)"
}

mkdir -p -- "$DATA"
fetch_data "the fortunes in $DEST are complete and intact" \
  "the fortunes in $DEST are missing or damaged; run data-scripts/fortunes.sh" \
  "the fortunes are already in $DEST (SHA-256 verified); nothing to do" \
  "Debian's archive is not reachable with apt here; downloading the package instead"
all_intact || fail "the files in $DEST do not verify after fetching"
say "the fortunes are ready in $DEST"
