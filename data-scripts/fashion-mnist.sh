#!/usr/bin/env bash
# Fetches Fashion-MNIST (Zalando's 70,000 28x28 clothing images, IDX format) into the data folder:
#   <data folder>/FashionMNIST/raw/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root.
#
# Where apt exists, Debian's dataset-fashion-mnist package provides the files (installed with sudo
# when not root) and they are linked into the data folder (--copy copies them). Otherwise, or with
# --download, the four files are downloaded from Zalando's canonical location (GitHub as a second
# source). Every file is checked by SHA-256 (of the canonical .gz, or of its uncompressed content,
# which also holds for Debian's recompressed copies). Files are written under a temporary name and
# renamed when complete, so an interrupted run never leaves a half-written file. Running it again
# does nothing when the files are there and intact.
#
# usage: data-scripts/fashion-mnist.sh [--download] [--copy] [--check] [-h]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/FashionMNIST/raw"
DEBIAN_PACKAGE=dataset-fashion-mnist
DEBIAN_DIR=/usr/share/datasets/fashion-mnist
# Base URLs tried in turn; FASHION_MNIST_BASE_URL puts another mirror (or a file:// folder) first.
URLS=(
  ${FASHION_MNIST_BASE_URL:+"$FASHION_MNIST_BASE_URL"}
  "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com"
  "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion"
)
FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

# SHA-256 of the canonical .gz files as Zalando publishes them (Zalando's README gives MD5 only;
# these SHA-256 values are the ones two independent dataset loaders pin for the same URLs).
declare -A GZ_SHA256=(
  [train-images-idx3-ubyte]=08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc
  [train-labels-idx1-ubyte]=b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc
  [t10k-images-idx3-ubyte]=78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229
  [t10k-labels-idx1-ubyte]=42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf
)
# SHA-256 of the uncompressed IDX files (measured on Debian's dataset-fashion-mnist
# 0.0~git20200523.55506a9-1, which packages Zalando's repository; the content is the same
# however a copy was compressed).
declare -A RAW_SHA256=(
  [train-images-idx3-ubyte]=c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
  [train-labels-idx1-ubyte]=bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
  [t10k-images-idx3-ubyte]=5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
  [t10k-labels-idx1-ubyte]=0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34
)

MODE=auto COPY=0 CHECK_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --download) MODE=download ;;
    --copy) COPY=1 ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fashion-mnist.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

SCRIPT_NAME=fashion-mnist.sh
FETCH_REMEDY="install Debian's $DEBIAN_PACKAGE"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

raw_sha256_of() { if [ "$(head -c2 -- "$1" | od -An -tx1 | tr -d ' \n')" = "1f8b" ]; then gzip -dc -- "$1"; else cat -- "$1"; fi | sha256sum | cut -d' ' -f1; }

# True when $1 (gzipped or not) holds the content of data file $2.
intact() {
  local path="$1" name="$2"
  [ -s "$path" ] || return 1
  [ "$(sha256_of "$path")" = "${GZ_SHA256[$name]}" ] && return 0
  [ "$(raw_sha256_of "$path" 2>/dev/null)" = "${RAW_SHA256[$name]}" ]
}

# The file in the data folder for $1, gzipped or not, if any.
present() {
  local name="$1"
  if [ -e "$DEST/$name.gz" ]; then echo "$DEST/$name.gz"; elif [ -e "$DEST/$name" ]; then echo "$DEST/$name"; fi
}

all_intact() {
  local name path
  for name in "${FILES[@]}"; do
    path="$(present "$name")"
    [ -n "$path" ] && intact "$path" "$name" || return 1
  done
}

# Places $1 at $DEST/$2 atomically: a symlink (or a copy with --copy) made under a temporary name, then renamed.
place_from_debian() {
  local src="$1" target="$DEST/$2" tmp
  tmp="$(mktemp "$DEST/.$2.XXXXXX")"; TEMPS+=("$tmp")
  if [ "$COPY" = 1 ]; then cp -- "$src" "$tmp"; chmod 644 "$tmp"; else rm -f -- "$tmp"; ln -s -- "$src" "$tmp"; fi
  mv -fT -- "$tmp" "$target"
}

from_debian() {
  command -v apt-get >/dev/null 2>&1 || return 1
  if ! dpkg-query -W -f='${Status}' "$DEBIAN_PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || { say "not root and no sudo: cannot install $DEBIAN_PACKAGE"; return 1; }
      sudo="sudo"
    fi
    say "installing Debian's $DEBIAN_PACKAGE (apt-get)"
    if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$DEBIAN_PACKAGE"; then
      say "apt-get install failed; refreshing the package lists once"
      $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$DEBIAN_PACKAGE" \
        || { say "could not install $DEBIAN_PACKAGE"; return 1; }
    fi
  fi
  local name
  for name in "${FILES[@]}"; do
    [ -f "$DEBIAN_DIR/$name.gz" ] || { say "$DEBIAN_PACKAGE is installed but $DEBIAN_DIR/$name.gz is missing"; return 1; }
    intact "$DEBIAN_DIR/$name.gz" "$name" || fail "$DEBIAN_DIR/$name.gz does not hold the expected data (SHA-256 mismatch); reinstall $DEBIAN_PACKAGE"
  done
  for name in "${FILES[@]}"; do
    rm -f -- "$DEST/$name"   # an older uncompressed copy would shadow the .gz
    place_from_debian "$DEBIAN_DIR/$name.gz" "$name.gz"
    say "$([ "$COPY" = 1 ] && echo copied || echo linked) $DEBIAN_DIR/$name.gz -> $DEST/$name.gz"
  done
}

download() {
  local name path
  for name in "${FILES[@]}"; do
    path="$(present "$name")"
    if [ -n "$path" ] && intact "$path" "$name"; then say "$name: already there and intact"; continue; fi
    local urls=() base
    for base in "${URLS[@]}"; do urls+=("$base/$name.gz"); done
    if download_verified "$DEST/$name.gz" "$name" "${urls[@]}"; then rm -f -- "$DEST/$name"; continue; fi
    fail "could not fetch $name.gz from any source (${URLS[*]}). Without network access, install Debian's $DEBIAN_PACKAGE or copy the four files into $DEST."
  done
}

fetch_data "Fashion-MNIST in $DEST is complete and intact" \
  "Fashion-MNIST in $DEST is missing or damaged; run data-scripts/fashion-mnist.sh" \
  "Fashion-MNIST is already in $DEST (SHA-256 verified); nothing to do" \
  "Debian's $DEBIAN_PACKAGE is not available here; downloading instead"
all_intact || fail "the files in $DEST are still incomplete after fetching"
say "Fashion-MNIST is ready in $DEST"
