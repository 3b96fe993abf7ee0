#!/usr/bin/python3
"""The PyTorch half of the tensor benchmarks: same workloads, same timing method as
Torchbook.Bench/Program.cs. Prints one JSON object of seconds per operation (the fastest round)."""
import json
import sys
import time

import numpy as np
import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)


def fastest_time(rounds, iterations, body):
    # Warm-up rounds for at least half a second, as Program.cs does for .NET's tiered JIT.
    start = time.perf_counter()
    while True:
        for _ in range(iterations):
            body()
        if time.perf_counter() - start >= 0.5:
            break
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(iterations):
            body()
        samples.append((time.perf_counter() - start) / iterations)
    return min(samples)  # other processes only ever add time to a round


results = {}
x, y = torch.rand(4), torch.rand(4)
results["add_4"] = fastest_time(15, 20_000, lambda: x + y)
a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
results["matmul_1024"] = fastest_time(9, 5, lambda: a.matmul(b))
array = np.arange(1_000_000, dtype=np.float32) * 0.5
results["tensor_from_array_1m"] = fastest_time(15, 50, lambda: torch.tensor(array))
results["from_array_1m"] = fastest_time(15, 2_000, lambda: torch.from_numpy(array))
# The chapter 4 CNN's first layer on a batch of 64: conv2d(1->6, 5x5) forward and backward.
conv_x = torch.randn(64, 1, 28, 28)
conv_w = torch.randn(6, 1, 5, 5, requires_grad=True)
conv_b = torch.randn(6, requires_grad=True)
def conv_step():
    torch.nn.functional.conv2d(conv_x, conv_w, conv_b).sum().backward()
    conv_w.grad = None
    conv_b.grad = None
results["conv2d_fwd_bwd"] = fastest_time(9, 20, conv_step)
print(json.dumps({"threads": threads, "torch": torch.__version__, "results": results}))
