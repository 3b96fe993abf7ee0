#!/usr/bin/env bash
# Fetches a few freely licensed sample photos into the data folder:
#   <data folder>/sample-photos/{astronaut,camera,coffee,chelsea,...}.png|jpg  and  README.md (credits, licences)
# and scikit-image's lfw_subset.npy (200 small crops of faces and background, chapter 5's image folder).
# The data folder is $TORCHBOOK_DATA, or data/ at the repository root.
#
# The photos ship in two Debian packages: python3-skimage (skimage/data) and python3-sklearn
# (sklearn/datasets/images). Where apt exists, the packages are downloaded with `apt-get download`
# (no root needed, nothing is installed) and unpacked with `dpkg-deb -x` into a temporary folder.
# Elsewhere, or with --download, each file is downloaded from the projects' GitHub repositories at
# the released versions Debian packages. Every file is checked by SHA-256, written under a temporary
# name and renamed when complete; running it again does nothing when the photos are there and intact.
#
# usage: data-scripts/sample-photos.sh [--download] [--check] [-h]
#   SAMPLE_PHOTOS_BASE_URL  download from this mirror (or file:// folder) holding all the files instead
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${TORCHBOOK_DATA:-$ROOT/data}"
DEST="$DATA/sample-photos"

# file | Debian package | path inside the package | SHA-256 | what it shows | credit | licence
# (credits and licences as scikit-image's skimage/data/_fetchers.py and scikit-learn's
# sklearn/datasets/images/README.txt state them; the skimage hashes equal skimage's own registry)
SKIMAGE=usr/lib/python3/dist-packages/skimage/data
SKLEARN=usr/lib/python3/dist-packages/sklearn/datasets/images
PHOTOS=(
  "astronaut.png|python3-skimage|$SKIMAGE|88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5|Eileen Collins, NASA astronaut (512x512 RGB)|NASA Great Images database, https://flic.kr/p/r9qvLn|public domain"
  "camera.png|python3-skimage|$SKIMAGE|b0793d2adda0fa6ae899c03989482bff9a42d3d5690fc7e3648f2795d730c23a|a photographer with a camera (512x512 gray)|Lav Varshney|CC0"
  "coffee.png|python3-skimage|$SKIMAGE|cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7|a cup of coffee (400x600 RGB)|Rachel Michetti, courtesy of Pikolo Espresso Bar|CC0"
  "chelsea.png|python3-skimage|$SKIMAGE|596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb|Chelsea the cat (300x451 RGB)|Stefan van der Walt|CC0"
  "rocket.jpg|python3-skimage|$SKIMAGE|c2dd0de7c538df8d111e479619b129464d0269d0ae5fd18ca91d33a7fdfea95c|launch of DSCOVR on a Falcon 9 (427x640 RGB)|SpaceX, https://www.flickr.com/photos/spacexphotos/16511594820|public domain"
  "hubble_deep_field.jpg|python3-skimage|$SKIMAGE|3a19c5dd8a927a9334bb1229a6d63711b1c0c767fb27e2286e7c84a3e2c2f5f4|Hubble eXtreme Deep Field (872x1000 RGB)|NASA, HubbleSite release 2012-37|public domain"
  "retina.jpg|python3-skimage|$SKIMAGE|38a07f36f27f095e818aea7b96d34202c05176d30253c66733f2e00379e9e0e6|fundus photograph of a human retina (1411x1411 RGB)|Mikael Häggström, https://commons.wikimedia.org/wiki/File:Fundus_photograph_of_normal_left_eye.jpg|CC0 1.0"
  "coins.png|python3-skimage|$SKIMAGE|f8d773fc9cfa6f4d8e5942dc34d0a0788fcaed2a4fefbbed0aef5398d7ef4cba|Greek coins from Pompeii (303x384 gray)|Brooklyn Museum Collection|no known copyright restrictions"
  "clock_motion.png|python3-skimage|$SKIMAGE|f029226b28b642e80113d86622e9b215ee067a0966feaf5e60604a1e05733955|a wall clock, blurred by camera motion (300x400 gray)|Stefan van der Walt|public domain"
  "horse.png|python3-skimage|$SKIMAGE|c7fb60789fe394c485f842291ea3b21e50d140f39d6dcb5fb9917cc178225455|silhouette of a horse (328x400 RGBA)|Andreas Preuss (marauder), openclipart|CC0"
  "brick.png|python3-skimage|$SKIMAGE|7966caf324f6ba843118d98f7a07746d22f6a343430add0233eca5f6eaaa8fcf|a brick wall (512x512 gray)|CC0Textures (Bricks25), transformed by scikit-image|CC0"
  "grass.png|python3-skimage|$SKIMAGE|b6b6022426b38936c43a4ac09635cd78af074e90f42ffa8227ac8b7452d39f89|grass (512x512 gray)|linolafett, https://www.deviantart.com/linolafett/art/Grass-01-434853879|CC0"
  "gravel.png|python3-skimage|$SKIMAGE|c48615b451bf1e606fbd72c0aa9f8cc0f068ab7111ef7d93bb9b0f2586440c12|gravel (512x512 gray)|CC0Textures (Gravel04), transformed by scikit-image|CC0"
  "cell.png|python3-skimage|$SKIMAGE|8d23a7fb81f7cc877cd09f330357fc7f595651306e84e17252f6e0a1b3f61515|a cell floating in saline, quantitative phase image (660x550 gray)|Paul Müller et al., Optics Express 26(8) 2018|CC0"
  "microaneurysms.png|python3-skimage|$SKIMAGE|a1e1be59aa447f8ce082f7fa809997ab369a2b137cb6c4202abc647c7ccf6456|detail of a retina with lesions (102x102 gray)|Andreas Maier, High-Resolution Fundus (HRF) Image Database|CC0"
  "text.png|python3-skimage|$SKIMAGE|bd84aa3a6e3c9887850d45d606c96b2e59433fbef50338570b63c319e668e6d1|text on a gray background, for corner detection (172x448 gray)|https://en.wikipedia.org/wiki/File:Corner.png|public domain"
  "ihc.png|python3-skimage|$SKIMAGE|f8dd1aa387ddd1f49d8ad13b50921b237df8e9b262606d258770687b0ef93cef|immunohistochemical staining of colonic glands (512x512 RGB)|Center for Microscopy And Molecular Imaging (CMMI)|no known copyright restrictions"
  "china.jpg|python3-sklearn|$SKLEARN|8378025ad2519d649d02e32bd98990db4ab572357d9f09841c2fbfbb4fefad29|a pagoda above a lake in China (427x640 RGB)|danielbuechele, https://www.flickr.com/photos/danielbuechele/6061409035|CC BY 2.0 (attribution required)"
  "flower.jpg|python3-sklearn|$SKLEARN|a77f6ec41e353afdf8bdff2ea981b2955535d8d83294f8cfa49cf4e423dd5638|an orange dahlia (427x640 RGB)|vultilion, https://www.flickr.com/photos/vultilion/6056698931 (scikit-learn's README names danielbuechele)|CC BY 2.0 (attribution required)"
  "lfw_subset.npy|python3-skimage|$SKIMAGE|9560ec2f5edfac01973f63a8a99d00053fecd11e21877e18038fbe500f8e872c|200 grey 25x25 crops from Labeled Faces in the Wild: 100 faces, then 100 of background (a numpy float64 array)|Huang, Mattar, Lee and Learned-Miller, Labeled Faces in the Wild, http://vis-www.cs.umass.edu/lfw/ (the subset as scikit-image made it)|no licence stated by LFW; shipped in scikit-image (BSD-3-Clause)"
)
# Where --download fetches from: the upstream releases Debian bookworm packages.
declare -A UPSTREAM=(
  [python3-skimage]="https://raw.githubusercontent.com/scikit-image/scikit-image/v0.19.3/skimage/data"
  [python3-sklearn]="https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/images"
)

MODE=auto CHECK_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --download) MODE=download ;;
    --check) CHECK_ONLY=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "sample-photos.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

SCRIPT_NAME=sample-photos.sh
FETCH_REMEDY="run this where apt-get can download Debian's python3-skimage and python3-sklearn"
# shellcheck source=common.sh
. "$ROOT/data-scripts/common.sh"

field() { cut -d'|' -f"$2" <<<"$1"; }
intact() { [ -s "$1" ] && [ "$(sha256_of "$1")" = "$2" ]; }

all_intact() {
  local p
  for p in "${PHOTOS[@]}"; do intact "$DEST/$(field "$p" 1)" "$(field "$p" 4)" || return 1; done
  [ -s "$DEST/README.md" ]
}

# Copies $1 to $DEST/$2 atomically (a temporary name in the same folder, then a rename).
place() {
  local tmp; tmp="$(mktemp "$DEST/.$2.XXXXXX")"; TEMPS+=("$tmp")
  cp -- "$1" "$tmp"; chmod 644 "$tmp"; mv -fT -- "$tmp" "$DEST/$2"
}

write_readme() {
  local tmp p; tmp="$(mktemp "$DEST/.README.md.XXXXXX")"; TEMPS+=("$tmp")
  {
    echo "# Sample photos"
    echo
    echo "Written by data-scripts/sample-photos.sh from Debian's python3-skimage (scikit-image's skimage/data)"
    echo "and python3-sklearn (scikit-learn's sklearn/datasets/images). Each photo keeps its own licence:"
    echo "public domain or CC0 for the scikit-image photos; china.jpg and flower.jpg are CC BY 2.0"
    echo "(https://creativecommons.org/licenses/by/2.0/): credit the photographer when you show them."
    echo
    echo "| file | what it shows | credit | licence |"
    echo "|---|---|---|---|"
    for p in "${PHOTOS[@]}"; do
      echo "| $(field "$p" 1) | $(field "$p" 5) | $(field "$p" 6) | $(field "$p" 7) |"
    done
  } >"$tmp"
  chmod 644 "$tmp"; mv -fT -- "$tmp" "$DEST/README.md"
}

# Puts every photo from the unpacked packages in $1 into $DEST; fails on a checksum mismatch.
place_from_tree() {
  local tree="$1" p file
  for p in "${PHOTOS[@]}"; do
    file="$(field "$p" 1)"
    local src="$tree/$(field "$p" 3)/$file"
    [ -f "$src" ] || { say "$(field "$p" 2) has no $file"; return 1; }
    intact "$src" "$(field "$p" 4)" || { say "$file in $(field "$p" 2) differs from the expected file (SHA-256 $(sha256_of "$src"))"; return 1; }
  done
  for p in "${PHOTOS[@]}"; do
    file="$(field "$p" 1)"
    intact "$DEST/$file" "$(field "$p" 4)" || place "$tree/$(field "$p" 3)/$file" "$file"
  done
}

from_debian() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || return 1
  local work; work="$(mktemp -d "${TMPDIR:-/tmp}/sample-photos.XXXXXX")"; TEMPS+=("$work")
  local packages=(python3-skimage python3-sklearn)
  say "downloading Debian's ${packages[*]} (about 23 MB; apt-get download, nothing is installed)"
  # apt warns when it cannot drop privileges to write into a private folder; that warning is noise here.
  if ! (cd "$work" && apt-get download -q "${packages[@]}" 2> >(grep -v "unsandboxed" >&2)); then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo -n"
    if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
      say "apt-get download failed; refreshing the package lists once"
      $sudo apt-get update -q >/dev/null && (cd "$work" && apt-get download -q "${packages[@]}" 2> >(grep -v "unsandboxed" >&2)) \
        || { say "could not download ${packages[*]} with apt-get"; return 1; }
    else
      say "could not download ${packages[*]} with apt-get (refreshing the package lists needs root: sudo apt-get update)"
      return 1
    fi
  fi
  local deb
  for deb in "$work"/*.deb; do
    say "unpacking $(basename "$deb")"
    dpkg-deb -x "$deb" "$work/tree"
  done
  place_from_tree "$work/tree" || return 1
  say "copied ${#PHOTOS[@]} files to $DEST (SHA-256 verified)"
}

# Not tested against the real upstream URLs (written on a machine without internet access); the
# SHA-256 checks make a wrong file fail loudly rather than slip in.
download() {
  local p file sha
  for p in "${PHOTOS[@]}"; do
    file="$(field "$p" 1)" sha="$(field "$p" 4)"
    if intact "$DEST/$file" "$sha"; then say "$file: already there and intact"; continue; fi
    download_verified "$DEST/$file" "$sha" "${SAMPLE_PHOTOS_BASE_URL:-${UPSTREAM[$(field "$p" 2)]}}/$file" && continue
    fail "could not fetch $file from any source. Without network access, run this script where apt-get works, or copy the photos into $DEST."
  done
}

fetch_data "the ${#PHOTOS[@]} sample photos in $DEST are complete and intact" \
  "the sample photos in $DEST are missing or damaged; run data-scripts/sample-photos.sh" \
  "the sample photos are already in $DEST (SHA-256 verified); nothing to do" \
  "Debian's packages are not available here; downloading from the upstream repositories instead"
write_readme
all_intact || fail "the photos in $DEST are still incomplete after fetching"
say "the ${#PHOTOS[@]} files (sample photos and lfw_subset.npy) are ready in $DEST"
