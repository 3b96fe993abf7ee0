#!/usr/bin/python3
"""Writes tests/goldens/chapters/03-data.json: which Fashion-MNIST samples PyTorch picks in
chapter 3 (run with /usr/bin/python3, Debian's python3-torch).

The chapter seeds the global generator, then
  1. draws nine indices with torch.randint(len(training_data), size=(1,)) for the sample grid;
  2. seeds again, and takes the first batch of three passes of a shuffled DataLoader over the
     training set (batch size 64), keeping the first 16 labels of each.
With the same seed, the C# chapter must pick the same samples.
"""
import os

import torch
from torch.utils.data import DataLoader, TensorDataset

import fashion_mlp
from golden_json import write

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "chapters")
SEED, BATCH, SHOWN = 0, 64, 16


def main():
    _, labels = fashion_mlp.load(train=True)

    torch.manual_seed(SEED)
    indices = [torch.randint(len(labels), size=(1,)).item() for _ in range(9)]

    torch.manual_seed(SEED)
    loader = DataLoader(TensorDataset(labels), batch_size=BATCH, shuffle=True)
    passes = []
    for _ in range(3):
        (first,) = next(iter(loader))
        passes.append([int(v) for v in first[:SHOWN]])

    write(OUT, "03-data.json", {
        "made_by": "tests/parity/make_chapter3_goldens.py (PyTorch " + torch.__version__ + ")",
        "seed": SEED,
        "grid_indices": indices,
        "grid_labels": [int(labels[i]) for i in indices],
        "shuffled_first_labels": passes,
        "in_order_first_labels": [int(v) for v in labels[:SHOWN]],
    })


if __name__ == "__main__":
    main()
