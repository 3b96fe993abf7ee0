#!/usr/bin/env bash
# Torchbook's one entry point.
#   ./build.sh            the main job: install what is missing, build, run the notebooks, write the book
#   ./build.sh --quick    the same with each notebook's quick parameters (also when CI=true)
#   ./build.sh test       install what is missing, build, run every test; ends with "N passed, N failed"
#   ./build.sh data       fetch the data the notebooks read (data-scripts/)
#   ./build.sh prereqs    only install what is missing (apt packages); fast when nothing is
#   ./build.sh bench      benchmarks side by side with PyTorch (tests/bench)
#   ./build.sh kernel     install the Torchbook C# kernel for Jupyter for this user (args go to `kernel install`;
#                         the kernelspec runs the ReadyToRun build in output/cli)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the project needs. Later chapters append here.
APT_PACKAGES=(
  g++                   # builds the small guard library the native fix-up adds (lib/Torchbook.Natives)
  libzmq5               # Jupyter kernel transport
  python3-torch         # golden values for parity tests and the PyTorch side of benchmarks
  python3-torchaudio    # golden values of the audio library (tests/parity/make_audio_goldens.py)
  python3-torchvision   # golden values of ImageFolder and the model zoo (tests/parity/make_image_folder_goldens.py)
  python3-torchtext     # golden values of the text library (tests/parity/make_text_goldens.py)
  libopenblas0-pthread  # the BLAS Debian's PyTorch should run on (without it: the reference BLAS, 15x slower matmuls)
  librsvg2-bin          # SVG -> PNG export of plots (rsvg-convert)
  fonts-dejavu-core     # the fonts plots are laid out for
  chromium              # browser tests of the HTML book (Playwright drives Debian's chromium)
  time                  # /usr/bin/time for the runner benchmark
  python3-jupyter-client jupyter-nbconvert python3-nbconvert jupyter-notebook python3-notebook
                        # real Jupyter clients for the kernel's tests (and for you)
  dataset-fashion-mnist # Fashion-MNIST IDX files (/usr/share/datasets/fashion-mnist); data-scripts/fashion-mnist.sh links them
  wordnet-base          # WordNet 3.0's database files (/usr/share/wordnet), the synonyms of text augmentation; data-scripts/wordnet.sh copies them
)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

prereqs() {
  if ! command -v dotnet >/dev/null; then
    echo "error: the .NET SDK (dotnet, version 10) is not on PATH. Install it first: https://dotnet.microsoft.com/download" >&2
    exit 1
  fi
  # Only the .NET SDK is required. On Debian and Ubuntu the optional tools above are installed;
  # elsewhere they are named, and what needs them is skipped.
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    local absent=()
    for t in rsvg-convert chromium python3 c++; do command -v "$t" >/dev/null || absent+=("$t"); done
    [ ${#absent[@]} -eq 0 ] || log "optional tools not found (the features that need them are skipped): ${absent[*]}"
    return 0
  fi
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]}"
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  log "building the C# projects"
  dotnet build "$ROOT/Torchbook.slnx" -c Release -nologo -v:q -clp:ErrorsOnly
}

run_tests() {
  local results="$ROOT/output/test-results"
  rm -rf "$results"; mkdir -p "$results"
  log "running tests"
  local rc=0
  dotnet test "$ROOT/Torchbook.slnx" -c Release --no-build -nologo -v:q \
    --logger "trx" --results-directory "$results" "$@" || rc=$?
  # One closing line from the TRX counters of every test project.
  local passed=0 failed=0 skipped=0 f
  for f in "$results"/*.trx; do
    [ -e "$f" ] || continue
    local c; c=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c")))
    local nx; nx=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$c"); skipped=$((skipped + ${nx:-0}))
  done
  if [ $rc -ne 0 ] && [ $failed -eq 0 ]; then failed=1; echo "dotnet test exited with $rc" >&2; fi
  echo "$skipped skipped"
  echo "$passed passed, $failed failed"
  return $rc
}

# The `torchbook` command. A ReadyToRun publish (precompiled Roslyn) halves the start-up of every
# notebook process; it needs the crossgen2 pack from NuGet once, so without it (offline, or
# TORCHBOOK_R2R=0) the plain Release build is used.
torchbook_cli() {
  local out="$ROOT/output/cli"
  if [ "${TORCHBOOK_R2R:-1}" != "0" ] && dotnet publish "$ROOT/lib/Torchbook.Cli/Torchbook.Cli.csproj" -c Release \
       --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
       --artifacts-path "$ROOT/output/cli-build" -o "$out" -nologo -v:q -clp:ErrorsOnly >&2; then
    echo "$out/Torchbook.Cli.dll"
  else
    log "using the plain build of torchbook (no ReadyToRun: slower start-up)"
    echo "$ROOT/lib/Torchbook.Cli/bin/Release/net10.0/Torchbook.Cli.dll"
  fi
}

# The .NET Interactive tool: the kernel behind VS Code's Polyglot Notebooks and Jupyter's `.net-csharp`
# kernel. `./build.sh test` installs it into output/tools (never into ~/.dotnet/tools) and runs every
# chapter in it, through `jupyter nbconvert`, with its kernelspec in a temporary JUPYTER_PATH
# (tests/Torchbook.Chapters.Tests/DotNetInteractiveKernelTests.cs). Idempotent; offline, those tests
# fail and say why.
DOTNET_INTERACTIVE_VERSION=1.0.712001
dotnet_interactive_tool() {
  local dir="$ROOT/output/tools/dotnet-interactive"
  if [ -x "$dir/dotnet-interactive" ] && [ -d "$dir/.store/microsoft.dotnet-interactive/$DOTNET_INTERACTIVE_VERSION" ]; then return 0; fi
  log "installing the .NET Interactive tool $DOTNET_INTERACTIVE_VERSION into output/tools"
  rm -rf "$dir"
  dotnet tool install Microsoft.dotnet-interactive --version "$DOTNET_INTERACTIVE_VERSION" --tool-path "$dir" >/dev/null \
    || log "could not install the .NET Interactive tool (offline?): the tests that run the chapters in it will fail"
}

# Data the chapters need, fetched into the data folder ($TORCHBOOK_DATA or data/); each script is
# idempotent (fast when the data is there).
data_fashion_mnist() {
  log "Fashion-MNIST (data-scripts/fashion-mnist.sh)"
  bash "$ROOT/data-scripts/fashion-mnist.sh"
}

data_sample_photos() {
  log "sample photos and lfw_subset.npy (data-scripts/sample-photos.sh)"
  bash "$ROOT/data-scripts/sample-photos.sh"
}

data_wordnet() {
  log "WordNet (data-scripts/wordnet.sh)"
  bash "$ROOT/data-scripts/wordnet.sh"
}

data_fortunes() {
  log "fortunes (data-scripts/fortunes.sh)"
  bash "$ROOT/data-scripts/fortunes.sh"
}

# The data the notebooks read, fetched before they run (each script is idempotent and fast when
# the files are there): Fashion-MNIST (chapters 3, 4, 6, and the CIFAR-10 stand-in), the sample
# photos (chapter 6's photo) and lfw_subset.npy (chapter 5's image folder), WordNet (text augmentation) and the
# fortunes (the offline stand-in of the text chapter).
data() {
  data_fashion_mnist
  data_sample_photos
  data_wordnet
  data_fortunes
}

# ./build.sh [book] [--quick]: run every notebook (quick parameters when CI=true, TORCHBOOK_QUICK=1
# or --quick), then write the HTML book. Fails when a notebook failed, after writing the book.
main_job() {
  local quick=()
  if [ "${CI:-}" = "true" ] || [ "${TORCHBOOK_QUICK:-}" = "1" ] || [ "${1:-}" = "--quick" ]; then quick=(--quick); fi
  log "preparing the torchbook command"
  local tb; tb="$(torchbook_cli)"
  log "running notebooks/ ${quick[*]:-(full parameters)}"
  local rc=0
  dotnet "$tb" run "$ROOT/notebooks" --output "$ROOT/output/notebooks" "${quick[@]}" || rc=$?
  log "writing the book"
  dotnet "$tb" book "$ROOT/output/notebooks" --output "$ROOT/output/book" || rc=$?
  echo "The book: $ROOT/output/book/index.html  (or serve it: python3 -m http.server -d output/book)"
  return $rc
}

cmd="${1:-book}"; shift || true
case "$cmd" in
  prereqs) prereqs ;;
  build)   prereqs; build ;;
  test)    prereqs; build || { echo "the build failed (above)" >&2; echo "0 passed, 1 failed"; exit 1; }; data; dotnet_interactive_tool; run_tests "$@" ;;
  book|"") prereqs; build; data; main_job "$@" ;;
  --quick) prereqs; build; data; main_job --quick ;;
  data)    prereqs; data ;;
  bench)   prereqs; build; bash "$ROOT/tests/bench/run.sh" "$@" ;;
  kernel)  prereqs; build; tb="$(torchbook_cli)"; dotnet "$tb" kernel install "$@" ;;   # the ReadyToRun build: faster kernel start
  *) echo "usage: ./build.sh [book|test|prereqs|build|data|bench|kernel]" >&2; exit 2 ;;
esac
