#!/usr/bin/env bash
# Side-by-side benchmarks: the same workloads in C# (Torchbook) and in Python (PyTorch) on this
# machine, in one run, reported as ratios (C# time / PyTorch time: below 1 means C# is faster).
# Each figure is the best of three alternating runs, each the fastest of its timed rounds.
# Usage: ./build.sh bench   (or tests/bench/run.sh after a Release build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DLL="$ROOT/tests/bench/Torchbook.Bench/bin/Release/net10.0/torchbook-bench.dll"
[ -f "$BENCH_DLL" ] || dotnet build "$ROOT/tests/bench/Torchbook.Bench" -c Release -nologo -v:q
OUT="$ROOT/output/bench"; mkdir -p "$OUT"
# Three alternating rounds per side (C#, Python, C#, ...), so that a noisy moment hurts both; the
# report takes each side's best round.
# OpenBLAS (matmul, linear layers) keeps its own thread pool, sized to the machine, whatever
# torch.set_num_threads says; both sides get the same thread count for it through the environment.
for threads in 1 2; do
  export OPENBLAS_NUM_THREADS="$threads"
  for round in 1 2 3; do
    dotnet "$BENCH_DLL" "$threads" > "$OUT/csharp-$threads-$round.json"
    /usr/bin/python3 "$ROOT/tests/bench/bench.py" "$threads" > "$OUT/pytorch-$threads-$round.json"
  done
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
targets = {"add_4": ("x + y, 4 elements", 1.0), "matmul_1024": ("1024x1024 matmul", 1.05),
           "tensor_from_array_1m": ("tensor from 1M-float array (copy)", 1.0),
           "from_array_1m": ("tensor over 1M-float array (zero-copy)", 1.0),
           "conv2d_fwd_bwd": ("conv2d 1->6 5x5, batch 64, fwd+bwd", 1.0)}
print(f"{'workload':42} {'threads':>7} {'C# (us)':>10} {'PyTorch (us)':>13} {'ratio':>7} {'target':>7}")
for threads in (1, 2):
    def best(side):
        rounds = [json.load(open(os.path.join(out, f"{side}-{threads}-{r}.json")))["results"] for r in (1, 2, 3)]
        return {k: min(r[k] for r in rounds) for k in rounds[0]}
    cs, py = best("csharp"), best("pytorch")
    for key, (label, target) in targets.items():
        ratio = cs[key] / py[key]
        mark = "ok" if ratio <= target else "MISS"
        print(f"{label:42} {threads:>7} {cs[key]*1e6:>10.2f} {py[key]*1e6:>13.2f} {ratio:>7.2f} {'<=' + str(target):>7} {mark}")
PY

# Training: one epoch of Fashion-MNIST side by side, and the DataLoader against the step rate
# (tests/bench/train_bench.sh; skipped without the data).
if bash "$ROOT/tests/bench/train_bench.sh" --check-data 2>/dev/null; then
  bash "$ROOT/tests/bench/train_bench.sh"
else
  echo "training benchmark skipped: Fashion-MNIST not found (data-scripts/fashion-mnist.sh fetches it)"
fi
