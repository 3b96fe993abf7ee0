# Shared by the data scripts (sourced, not run): messages, temporary files removed on exit, SHA-256,
# and a download that keeps a file only once it is verified, renamed into place atomically.
# A script sets SCRIPT_NAME and FETCH_REMEDY, and defines intact PATH KEY (true when the file at
# PATH is the one KEY names) before it calls download_verified; it ends with fetch_data (below).

say()  { if [ -t 2 ]; then printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi; }
fail() { printf '%s: error: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

# Temporary files and folders of this run, removed on any exit (a completed file has been renamed away).
TEMPS=()
cleanup() { local f; for f in "${TEMPS[@]+"${TEMPS[@]}"}"; do rm -rf -- "$f"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

sha256_of() { sha256sum -- "$1" | cut -d' ' -f1; }

fetch() {  # url output: progress on the terminal
  if command -v curl >/dev/null 2>&1; then
    curl -fL --retry 2 --connect-timeout 20 $([ -t 2 ] && echo --progress-bar || echo -sS) -o "$2" -- "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q $([ -t 2 ] && echo --show-progress) --tries=3 --timeout=20 -O "$2" -- "$1"
  else
    fail "neither curl nor wget is installed; install one (apt-get install curl), or $FETCH_REMEDY"
  fi
}

# download_verified TARGET KEY URL...: tries each URL in turn; the first download that passes
# `intact FILE KEY` becomes TARGET. Returns 1 when none did.
download_verified() {
  local target="$1" key="$2" url tmp; shift 2
  for url in "$@"; do
    tmp="$(mktemp "$(dirname -- "$target")/.$(basename -- "$target").XXXXXX")"; TEMPS+=("$tmp")
    say "downloading $url"
    if fetch "$url" "$tmp"; then
      if intact "$tmp" "$key"; then
        chmod 644 "$tmp"; mv -fT -- "$tmp" "$target"
        say "$(basename -- "$target"): SHA-256 verified, saved to $target"
        return 0
      fi
      say "$url failed the SHA-256 check (got $(sha256_of "$tmp")); discarded"
    else
      say "could not download $url"
    fi
    rm -f -- "$tmp"
  done
  return 1
}

# fetch_data CHECKED DAMAGED PRESENT NO_DEBIAN: the flow every data script ends with, over its hooks
# all_intact, from_debian and download, and its four messages. With --check (CHECK_ONLY=1) it only
# verifies (CHECKED, or fails with DAMAGED); data already intact is left alone (PRESENT); otherwise
# Debian's package is used in auto MODE, and a download when that is not available (NO_DEBIAN) or
# with --download.
fetch_data() {
  if [ "$CHECK_ONLY" = 1 ]; then
    if all_intact; then say "$1"; exit 0; fi
    fail "$2"
  fi
  mkdir -p -- "$DEST"
  if all_intact; then
    say "$3"
    exit 0
  fi
  if [ "$MODE" != auto ] || ! from_debian; then
    [ "$MODE" = auto ] && say "$4"
    download
  fi
}

# For data sets unpacked from one archive into $DEST, with the SHA-256 sums of their files in
# $DEST/SHA256SUMS (written when the archive was verified).
# manifest_intact COUNT: true when SHA256SUMS lists COUNT files and every one still matches.
manifest_intact() {
  [ -s "$DEST/SHA256SUMS" ] && [ "$(wc -l <"$DEST/SHA256SUMS")" -eq "$1" ] \
    && (cd "$DEST" && sha256sum --quiet --status -c SHA256SUMS) 2>/dev/null
}

# place_tree TREE: replaces $DEST by the verified folder TREE (a rename within the data folder).
place_tree() {
  rm -rf -- "$DEST"
  mv -T -- "$1" "$DEST"
}

# check_or_skip NAME: with --check, only verifies (all_intact) and exits; otherwise exits when the
# data is already there and intact. The caller goes on to fetch when it returns.
check_or_skip() {
  if [ "$CHECK_ONLY" = 1 ]; then
    if all_intact; then say "$1 in $DEST is complete and intact"; exit 0; fi
    fail "$1 in $DEST is missing or damaged; run data-scripts/$SCRIPT_NAME"
  fi
  mkdir -p -- "$(dirname -- "$DEST")"
  if all_intact; then say "$1 is already in $DEST (SHA-256 verified); nothing to do"; exit 0; fi
}

# unpack_zip ZIP FOLDER: unpacks with whatever the machine has (unzip, python3 -m zipfile or bsdtar).
unpack_zip() {
  if command -v unzip >/dev/null 2>&1; then unzip -q "$1" -d "$2"
  elif command -v python3 >/dev/null 2>&1; then python3 -m zipfile -e "$1" "$2"
  elif command -v bsdtar >/dev/null 2>&1; then bsdtar -xf "$1" -C "$2"
  else say "no unzip, python3 or bsdtar to unpack $1; install unzip"; return 1
  fi
}
