#!/usr/bin/env bash
# DataLoader throughput on Fashion-MNIST (batch 64, shuffled), C# beside PyTorch in one run, in
# batches per second (higher is better). Needs the data: data-scripts/fashion-mnist.sh.
# usage: tests/bench/data_bench.sh [threads] [epochs]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
THREADS="${1:-1}" EPOCHS="${2:-2}"
DLL="$ROOT/tests/bench/Torchbook.DataBench/bin/Release/net10.0/torchbook-data-bench.dll"
dotnet build "$ROOT/tests/bench/Torchbook.DataBench" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null
OUT="$ROOT/output/bench"; mkdir -p "$OUT"
(cd "$ROOT" && dotnet "$DLL" "$THREADS" "$EPOCHS") > "$OUT/data-csharp.json"
RAW="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["source"])' "$OUT/data-csharp.json")"
DIR="$(dirname "$RAW")"; EXT=""; [[ "$RAW" == *.gz ]] && EXT=".gz"
/usr/bin/python3 "$ROOT/tests/bench/data_bench.py" "$THREADS" "$EPOCHS" "$DIR/train-images-idx3-ubyte$EXT" "$DIR/train-labels-idx1-ubyte$EXT" > "$OUT/data-pytorch.json"
/usr/bin/python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
cs = json.load(open(os.path.join(out, "data-csharp.json")))
py = json.load(open(os.path.join(out, "data-pytorch.json")))["results"]
print(f"Fashion-MNIST train, batch 64, shuffled, {cs['threads']} intra-op thread(s); data from {os.path.dirname(cs['source'])}")
print(f"{'path':34} {'C# batches/s':>13} {'PyTorch batches/s':>18} {'C#/PyTorch':>11}")
for key, v in cs["results"].items():
    p = py.get(key)
    print(f"{key:34} {v:>13.0f} {(f'{p:.0f}' if p else '-'):>18} {(f'{v / p:.2f}' if p else '-'):>11}")
PY
