"""Shared by the golden scripts in this folder: how a tensor and a file of cases are written, in
the layout tests/Torchbook.Parity.Tests/Goldens.cs reads."""
import json
import os

import torch


def enc(t, shortest_float32=False):
    """{"shape", "dtype", "values"} for a tensor. Floats are written so they read back exactly;
    with shortest_float32, float32 values use the shortest text that reads back as the same
    float32 (smaller files)."""
    t = t.detach()
    if t.dtype == torch.bool:
        values = [bool(v) for v in t.flatten().tolist()]
    elif shortest_float32 and t.dtype == torch.float32:
        values = [float(repr(v)) for v in t.flatten().numpy()]
    elif t.dtype.is_floating_point:
        values = [float(v) for v in t.to(torch.float64).flatten().tolist()]
        values = [v if v == v and abs(v) != float("inf") else repr(v) for v in values]
    else:
        values = [int(v) for v in t.flatten().tolist()]
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "values": values}


def write(folder, name, cases):
    """Writes one golden file, deterministically (sorted keys)."""
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w") as f:
        json.dump(cases, f, indent=0, sort_keys=True)
        f.write("\n")
