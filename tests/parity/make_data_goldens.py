#!/usr/bin/env python3
"""Goldens for torch.utils.data: random_split, samplers and DataLoader shuffling with PyTorch's own
generator. Run with Debian's python3-torch:  /usr/bin/python3 tests/parity/make_data_goldens.py
Writes tests/goldens/data-loading/data.json (re-runnable; the C# tests read it without Python). Not goldens/data: .gitignore ignores data/."""
import json
import os

import torch
from torch.utils import data

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "data-loading", "data.json")


def gen(seed):
    return torch.Generator().manual_seed(seed)


def main():
    g = {"torch_version": torch.__version__}

    # random_split with integer lengths and with fractions.
    g["random_split"] = []
    for n, lengths, seed in [(10, [3, 7], 42), (30, [0.3, 0.3, 0.4], 42), (100, [50, 25, 25], 0), (7, [0.5, 0.5], 1)]:
        parts = data.random_split(range(n), lengths, generator=gen(seed))
        g["random_split"].append({"n": n, "lengths": lengths, "seed": seed, "indices": [list(p.indices) for p in parts]})

    # Samplers with an explicit generator.
    g["random_sampler"] = []
    for n, replacement, num_samples, seed in [(10, False, None, 3), (10, False, 25, 3), (10, True, None, 5), (7, True, 40, 5)]:
        s = data.RandomSampler(range(n), replacement=replacement, num_samples=num_samples, generator=gen(seed))
        g["random_sampler"].append({"n": n, "replacement": replacement, "num_samples": num_samples, "seed": seed,
                                    "epochs": [list(s), list(s)]})

    s = data.SubsetRandomSampler([4, 8, 15, 16, 23, 42], generator=gen(11))
    g["subset_random_sampler"] = {"indices": [4, 8, 15, 16, 23, 42], "seed": 11, "epochs": [list(s), list(s)]}

    g["weighted_random_sampler"] = []
    for weights, num_samples, replacement, seed in [([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 12, True, 2), ([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 5, False, 2)]:
        s = data.WeightedRandomSampler(weights, num_samples, replacement=replacement, generator=gen(seed))
        g["weighted_random_sampler"].append({"weights": weights, "num_samples": num_samples, "replacement": replacement,
                                             "seed": seed, "epochs": [list(s), list(s)]})

    # DataLoader(shuffle=True, generator=...): each epoch first draws a base seed from the
    # generator, then permutes; batches of the dataset's indices.
    g["dataloader_shuffle"] = []
    for n, batch_size, drop_last, seed in [(10, 3, False, 7), (10, 3, True, 7), (64, 8, False, 0)]:
        loader = data.DataLoader(torch.arange(n), batch_size=batch_size, shuffle=True, drop_last=drop_last, generator=gen(seed))
        g["dataloader_shuffle"].append({"n": n, "batch_size": batch_size, "drop_last": drop_last, "seed": seed,
                                        "epochs": [[b.tolist() for b in loader] for _ in range(2)]})

    # Without a generator, the loader and the sampler seed themselves from the default generator
    # with random_() (the full int64 range, not random_(0, 2**63 - 1)), so torch.manual_seed decides
    # the order: the same seed must give PyTorch's order.
    g["random_full_range"] = []
    for seed in [0, 1, 3]:
        torch.manual_seed(seed)
        g["random_full_range"].append({"seed": seed, "values": [str(torch.empty((), dtype=torch.int64).random_().item()) for _ in range(4)]})
    g["dataloader_shuffle_default_generator"] = []
    for n, batch_size, seed in [(20, 5, 0), (20, 5, 3), (64, 8, 1)]:
        torch.manual_seed(seed)
        loader = data.DataLoader(torch.arange(n), batch_size=batch_size, shuffle=True)
        g["dataloader_shuffle_default_generator"].append({"n": n, "batch_size": batch_size, "seed": seed,
                                                         "epochs": [[b.tolist() for b in loader] for _ in range(2)]})

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(g, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
