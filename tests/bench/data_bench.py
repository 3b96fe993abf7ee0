#!/usr/bin/env python3
"""The PyTorch side of the DataLoader benchmark: Fashion-MNIST's training set held as a uint8
tensor, items made as torchvision's ToTensor makes them (float32 1x28x28 / 255, int label),
batch 64, shuffled; batches per second over whole epochs with 0 and 2 worker processes.
usage: data_bench.py THREADS EPOCHS IMAGES.gz LABELS.gz"""
import gzip
import json
import sys
import time

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class FashionMNIST(Dataset):
    def __init__(self, images, labels):
        with gzip.open(images) as f:
            self.data = torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28).copy())
        with gzip.open(labels) as f:
            self.targets = torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64))

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        return self.data[i].unsqueeze(0).to(torch.float32).div(255), int(self.targets[i])


def batches_per_second(dataset, workers, epochs, with_step=False):
    loader = DataLoader(dataset, batch_size=64, shuffle=True, num_workers=workers,
                        generator=torch.Generator().manual_seed(0), persistent_workers=workers > 0)
    for _ in loader:  # warm-up epoch (starts the workers)
        pass
    w = torch.rand(784, 512)
    n = 0
    start = time.perf_counter()
    for _ in range(epochs):
        for x, _ in loader:
            if with_step:  # the same stand-in training step as the C# side
                x.reshape(x.shape[0], 784).mm(w)
            n += 1
    return n / (time.perf_counter() - start)


def main():
    threads, epochs, images, labels = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    torch.set_num_threads(threads)
    ds = FashionMNIST(images, labels)
    results = {"item_by_item_0_workers": batches_per_second(ds, 0, epochs),
               "item_by_item_2_workers": batches_per_second(ds, 2, epochs),
               "item_by_item_with_step_0_workers": batches_per_second(ds, 0, epochs, True),
               "item_by_item_with_step_2_workers": batches_per_second(ds, 2, epochs, True)}
    print(json.dumps({"threads": threads, "results": results}))


if __name__ == "__main__":
    main()
