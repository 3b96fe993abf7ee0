#!/usr/bin/env bash
# Side-by-side benchmarks: the same workloads in C# (Torchbook) and in Python (PyTorch) on this
# machine, in one run, reported as ratios (C# time / PyTorch time: below 1 means C# is faster).
# Usage: ./build.sh bench   (or tests/bench/run.sh after a Release build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_DLL="$ROOT/tests/bench/Torchbook.Bench/bin/Release/net10.0/torchbook-bench.dll"
[ -f "$BENCH_DLL" ] || dotnet build "$ROOT/tests/bench/Torchbook.Bench" -c Release -nologo -v:q
OUT="$ROOT/output/bench"; mkdir -p "$OUT"
for threads in 1 2; do
  dotnet "$BENCH_DLL" "$threads" > "$OUT/csharp-$threads.json"
  /usr/bin/python3 "$ROOT/tests/bench/bench.py" "$threads" > "$OUT/pytorch-$threads.json"
done
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
targets = {"add_4": ("x + y, 4 elements", 0.8), "matmul_1024": ("1024x1024 matmul", 1.05),
           "tensor_from_array_1m": ("tensor from 1M-float array (copy)", 1.0),
           "from_array_1m": ("tensor over 1M-float array (zero-copy)", 1.0)}
print(f"{'workload':42} {'threads':>7} {'C# (us)':>10} {'PyTorch (us)':>13} {'ratio':>7} {'target':>7}")
for threads in (1, 2):
    cs = json.load(open(os.path.join(out, f"csharp-{threads}.json")))["results"]
    py = json.load(open(os.path.join(out, f"pytorch-{threads}.json")))["results"]
    for key, (label, target) in targets.items():
        ratio = cs[key] / py[key]
        mark = "ok" if ratio <= target else "MISS"
        print(f"{label:42} {threads:>7} {cs[key]*1e6:>10.2f} {py[key]*1e6:>13.2f} {ratio:>7.2f} {'<=' + str(target):>7} {mark}")
PY
