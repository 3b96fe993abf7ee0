#!/usr/bin/env python3
"""The PyTorch half of the training benchmark (see Torchbook.TrainBench/Program.cs for the
workloads). torchvision is not installed here, so the IDX files are read into tensors, and the
two data pipelines are written as the C# side runs them:
  batched  a Dataset whose __getitem__ takes a list of indices and returns a whole batch
           (index_select of the uint8 images, to float32, / 255; index_select of the labels),
           driven by DataLoader(sampler=BatchSampler(RandomSampler(...), 64), batch_size=None),
           the way the C# DataLoader reads a dataset that supports whole-batch reads
  items    a Dataset whose __getitem__ makes one item as torchvision's ToTensor does
           (float32 1x28x28 / 255, int label) and the default DataLoader(batch_size=64, shuffle=True)
Both shuffle with torch.Generator().manual_seed(seed) passed to the DataLoader (and the sampler),
which gives the same batches as the C# loader with seed: seed.
usage: train_bench.py THREADS WORKLOAD IMAGES LABELS TEST_IMAGES TEST_LABELS"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.utils.data import BatchSampler, DataLoader, Dataset, RandomSampler

# The course's models, shared with the parity scripts.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parity"))
from fashion_mlp import GarmentClassifier, NeuralNetwork  # noqa: E402


def read_idx(path, offset):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


class Images(Dataset):
    """The uint8 images and int64 labels of the IDX files."""

    def __init__(self, data, targets):
        self.data, self.targets = data, targets

    def __len__(self):
        return len(self.targets)


class Batches(Images):
    def __getitem__(self, indices):
        index = torch.tensor(indices)
        return self.data.index_select(0, index).unsqueeze(1).to(torch.float32).div_(255), self.targets.index_select(0, index)


class Items(Images):
    def __getitem__(self, i):
        return self.data[i].unsqueeze(0).to(torch.float32).div(255), int(self.targets[i])


def median(body, n=100):
    for _ in range(20):
        body()
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            body()
        samples.append((time.perf_counter() - start) / n * 1000)
    return sorted(samples)[2]


def profile(what, threads, items, net):
    """The same phases as the C# side's Profile (milliseconds, or microseconds for the items pipeline)."""
    phases = {}
    if what == "items":
        from torch.utils.data import default_collate
        phases["item_us"] = 1000 * median(lambda: items[12345], 2000)
        batch = [items[i * 7] for i in range(64)]
        phases["collate_us"] = 1000 * median(lambda: default_collate(batch), 200)
    else:
        torch.manual_seed(0)
        loss_fn = nn.CrossEntropyLoss()
        optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
        if what == "tiny":  # a 4-8-2 network on 4 examples: nearly all the time is the framework's own
            net = nn.Sequential(nn.Flatten(), nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
            optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
            X, y = torch.rand(4, 4), torch.randint(0, 2, (4,))
        else:
            X, y = torch.rand(64, 1, 28, 28), torch.randint(0, 10, (64,))

        def forward():
            with torch.no_grad():
                net(X)

        def step():
            loss = loss_fn(net(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        phases["forward_ms"] = median(forward)
        phases["forward_backward_ms"] = median(lambda: loss_fn(net(X), y).backward())
        phases["zero_grad_ms"] = median(optimizer.zero_grad)
        phases["step_ms"] = median(step)
    print(json.dumps({"threads": threads, "workload": "profile_" + what, "phases": phases}))


def main():
    threads, workload = int(sys.argv[1]), sys.argv[2]
    images, labels, test_images, test_labels = sys.argv[3:7]
    torch.set_num_threads(threads)
    data = torch.from_numpy(read_idx(images, 16).reshape(-1, 28, 28).copy())
    targets = torch.from_numpy(read_idx(labels, 8).astype(np.int64))
    test_data = torch.from_numpy(read_idx(test_images, 16).reshape(-1, 28, 28).copy())
    test_targets = torch.from_numpy(read_idx(test_labels, 8).astype(np.int64))

    items = workload in ("mlp_items", "mlp_items_metrics", "cnn_items", "loader_items", "profile_items")

    def loader(seed):
        g = torch.Generator().manual_seed(seed)
        if items:
            return DataLoader(Items(data, targets), batch_size=64, shuffle=True, generator=g)
        ds = Batches(data, targets)
        return DataLoader(ds, sampler=BatchSampler(RandomSampler(ds, generator=g), 64, False), batch_size=None, generator=g)

    def model():
        return GarmentClassifier() if workload.startswith("cnn") or workload == "profile_cnn" else NeuralNetwork()

    if workload.startswith("profile_"):
        profile(workload[len("profile_"):], threads, Items(data, targets), model())
        return

    batches, check = 0, None
    if workload.startswith("loader"):
        ld = loader(0)
        for _ in ld:  # warm-up pass
            pass
        start, cpu = time.perf_counter(), time.process_time()
        for _ in ld:
            batches += 1
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    else:
        m = model()
        o = torch.optim.SGD(m.parameters(), lr=1e-3, momentum=0.9)
        lf = nn.CrossEntropyLoss()
        for n, (X, y) in enumerate(loader(1)):  # warm-up: 50 steps on a throwaway model
            loss = lf(m(X), y)
            o.zero_grad()
            loss.backward()
            o.step()
            if n == 49:
                break

        torch.manual_seed(0)
        net = model()
        loss_fn = nn.CrossEntropyLoss()
        optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
        ld = loader(0)
        batches = len(ld)
        start, cpu = time.perf_counter(), time.process_time()
        net.train()
        if workload.endswith("_metrics"):
            # What fit does on top of the tutorial's loop: read every batch's loss and count the correct predictions.
            total, correct, count = 0.0, 0, 0
            for X, y in ld:
                pred = net(X)
                loss = loss_fn(pred, y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += loss.item() * X.shape[0]
                correct += (pred.argmax(1) == y).sum().item()
                count += X.shape[0]
        else:
            # The PyTorch tutorial's train loop.
            for X, y in ld:
                pred = net(X)
                loss = loss_fn(pred, y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        with torch.no_grad():
            net.eval()
            X = test_data[:1000].unsqueeze(1).to(torch.float32).div(255)
            check = loss_fn(net(X), test_targets[:1000]).item()
    print(json.dumps({"threads": threads, "workload": workload, "seconds": seconds, "cpu_seconds": cpu, "batches": batches, "check_loss": check}))


if __name__ == "__main__":
    main()
