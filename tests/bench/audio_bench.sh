#!/usr/bin/env bash
# Chapter 10's audio transforms, C# (Torchbook.Audio) beside torchaudio 0.13 in one run, in median
# milliseconds per call (lower is better). Makes its own 5 s, 44.1 kHz WAV file to load.
# usage: tests/bench/audio_bench.sh [threads]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
THREADS="${1:-1}"
DLL="$ROOT/tests/bench/Torchbook.AudioBench/bin/Release/net10.0/torchbook-audio-bench.dll"
dotnet build "$ROOT/tests/bench/Torchbook.AudioBench" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null
OUT="$ROOT/output/bench"; mkdir -p "$OUT"
WAV="$OUT/bench-clip.wav"
/usr/bin/python3 -c 'import sys, torch, torchaudio; torch.manual_seed(0); torchaudio.save(sys.argv[1], torch.rand(1, 5 * 44100) - 0.5, 44100, encoding="PCM_S", bits_per_sample=16)' "$WAV"
dotnet "$DLL" "$THREADS" "$WAV" > "$OUT/audio-csharp.json"
/usr/bin/python3 "$ROOT/tests/bench/audio_bench.py" "$THREADS" "$WAV" > "$OUT/audio-pytorch.json"
/usr/bin/python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
cs = json.load(open(os.path.join(out, "audio-csharp.json")))
py = json.load(open(os.path.join(out, "audio-pytorch.json")))
print(f"audio transforms, {cs['threads']} intra-op thread(s), median ms per call; torchaudio {py['torchaudio']}")
print(f"{'workload':34} {'C# ms':>9} {'torchaudio ms':>14} {'C#/torchaudio':>14}")
for key, v in cs["results"].items():
    p = py["results"][key]
    print(f"{key:34} {v:>9.3f} {p:>14.3f} {v / p:>14.2f}")
PY
