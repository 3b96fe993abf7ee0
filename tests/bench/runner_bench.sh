#!/usr/bin/env bash
# Runner benchmark (not a test): start-up to first result, per-cell overhead, peak memory.
#   tests/bench/runner_bench.sh [path/to/torchbook.dll]   (default: output/cli (ReadyToRun) or the Release build)
# Targets (issue 4): one-cell notebook under 2 s, trivial cell under 50 ms, runner under 300 MB.
# Prints a table and writes it to output/bench/runner.txt. Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TB="${1:-}"
if [ -z "$TB" ]; then
  if [ -f "$ROOT/output/cli/torchbook.dll" ]; then TB="$ROOT/output/cli/torchbook.dll"; else TB="$ROOT/lib/Torchbook.Cli/bin/Release/net10.0/torchbook.dll"; fi
fi
[ -f "$TB" ] || { echo "error: $TB not found; run ./build.sh build (or ./build.sh, which also makes the ReadyToRun output/cli)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }
RUNS="${RUNS:-5}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
export CI=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Notebooks: one cell that prints; 201 trivial cells.
make_notebook() { # name cells
  local name="$1" cells="$2" i sep=""
  { printf '{"cells":['
    for ((i = 0; i < cells; i++)); do
      if [ "$i" -eq 0 ]; then src='Console.WriteLine(\"hello\");'; else src="var x$i = $i;"; fi
      printf '%s{"cell_type":"code","execution_count":null,"id":"c%d","metadata":{},"outputs":[],"source":"%s"}' "$sep" "$i" "$src"
      sep=","
    done
    printf '],"metadata":{},"nbformat":4,"nbformat_minor":5}\n'; } > "$WORK/$name.ipynb"
}
make_notebook one 1
make_notebook many 201

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }

one_wall=(); many_wall=(); first_cell=(); cell_ms=(); child_rss=(); parent_rss=()
for ((r = 0; r < RUNS; r++)); do
  t0=$(now_ms); /usr/bin/time -f "%M" -o "$WORK/parent.rss" dotnet "$TB" run "$WORK/one.ipynb" --output "$WORK/out" >/dev/null; t1=$(now_ms)
  one_wall+=($((t1 - t0))); parent_rss+=($(( $(cat "$WORK/parent.rss") / 1024 )))

  # The child alone: its own events give the first cell's and the other cells' times.
  /usr/bin/time -f "%M" -o "$WORK/child.rss" dotnet "$TB" run-one "$WORK/one.ipynb" "$WORK/out/one-child.ipynb" > "$WORK/one.events"
  child_rss+=($(( $(cat "$WORK/child.rss") / 1024 )))
  first_cell+=($(grep -o '"seconds":[0-9.]*' "$WORK/one.events" | head -1 | cut -d: -f2 | awk '{printf "%d", $1 * 1000}'))

  t0=$(now_ms); dotnet "$TB" run-one "$WORK/many.ipynb" "$WORK/out/many.ipynb" > "$WORK/many.events"; t1=$(now_ms)
  many_wall+=($((t1 - t0)))
  # Mean of cells 2..201 as the child timed them (compile + run + save of the notebook after each).
  cell_ms+=($(grep -o '"seconds":[0-9.]*' "$WORK/many.events" | tail -n +2 | cut -d: -f2 | awk '{s += $1} END {printf "%.1f", s * 1000 / NR}'))
done

m_one=$(printf '%s\n' "${one_wall[@]}" | median)
m_first=$(printf '%s\n' "${first_cell[@]}" | median)
m_cell=$(printf '%s\n' "${cell_ms[@]}" | median)
m_many=$(printf '%s\n' "${many_wall[@]}" | median)
m_child=$(printf '%s\n' "${child_rss[@]}" | median)
m_parent=$(printf '%s\n' "${parent_rss[@]}" | median)
per_cell_wall=$(awk -v a="$m_many" -v b="$m_one" 'BEGIN {printf "%.1f", (a - b) / 200}')

mkdir -p "$ROOT/output/bench"
{
  echo "torchbook runner benchmark ($(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), median of $RUNS)"
  echo "binary: $TB"
  printf '%-58s %10s %10s\n' "measure" "value" "target"
  printf '%-58s %8s ms %10s\n' "torchbook run, one-cell notebook: start to exit (result saved)" "$m_one" "< 2000"
  printf '%-58s %8s ms %10s\n' "  of which the first cell in the child (Roslyn warm-up)" "$m_first" ""
  printf '%-58s %8s ms %10s\n' "trivial cell, as timed by the child (mean of 200)" "$m_cell" "< 50"
  printf '%-58s %8s ms %10s\n' "trivial cell, wall ((201 cells - 1 cell) / 200)" "$per_cell_wall" "< 50"
  printf '%-58s %8s MB %10s\n' "peak RSS, notebook process (run-one) of a printing notebook" "$m_child" "< 300"
  printf '%-58s %8s MB %10s\n' "peak RSS, torchbook run (the larger of it and its child)" "$m_parent" "< 300"
} | tee "$ROOT/output/bench/runner.txt"
