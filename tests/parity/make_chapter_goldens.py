#!/usr/bin/python3
"""Writes tests/goldens/chapters/*.json: the numbers and messages the chapters print, computed by
PyTorch with the chapters' own seeds, so the chapter tests check the notebooks against PyTorch.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tests/parity/make_chapter_goldens.py
"""
import os

import torch

from golden_json import enc, write

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "chapters")


def error_message(f):
    try:
        f()
    except RuntimeError as e:
        return str(e)
    raise AssertionError("expected an error")


def chapter01():
    seed = 0
    cases = {}

    # The "fills" cell: rand, randn, randint in that order after one manual_seed.
    torch.manual_seed(seed)
    cases["fills"] = {
        "rand": str(torch.rand(2, 3)),
        "randn": str(torch.randn(2, 3)),
        "randint": str(torch.randint(0, 10, (2, 3))),
    }

    # The "max-argmax" cell: x = rand(3, 3) after manual_seed(seed).
    torch.manual_seed(seed)
    x = torch.rand(3, 3)
    values, indexes = x.max(1)
    cases["max_argmax"] = {
        "x": enc(x),
        "max": round(x.max().item(), 4),
        "argmax": x.argmax().item(),
        "argmax0": str(x.argmax(0)),
        "argmax1": str(x.argmax(1)),
        "max1_values": str(values),
        "max1_indexes": str(indexes),
    }

    # The messages the chapter shows.
    cases["errors"] = {
        "broadcast": error_message(lambda: torch.ones(2, 2) + torch.ones(3, 3)),
        "view_numel": error_message(lambda: torch.rand(784).view(5, 5)),
        "view_noncontiguous": error_message(lambda: torch.arange(12).view(3, 4).T.view(12)),
        "leaf_inplace": error_message(lambda: torch.ones(3, requires_grad=True).add_(1)),
    }
    return cases


if __name__ == "__main__":
    write(OUT, "01-tensors.json", chapter01())
