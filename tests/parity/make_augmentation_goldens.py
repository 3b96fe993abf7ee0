#!/usr/bin/env python3
"""Goldens for the augmentations the course library adds because TorchVision 0.107 lacks them (RandomAffine,
RandomErasing) or cannot repeat them (its RandomResizedCrop and RandomRotation draw from an unseeded
System.Random), run by Debian's python3-torchvision after torch.manual_seed(seed), so the C# transforms must
draw the same values from the same generator and give the same images.
Run with Debian's python3-torch:  /usr/bin/python3 tests/parity/make_augmentation_goldens.py
Writes tests/goldens/vision/augmentations.json (re-runnable; the C# tests read it without Python)."""
import os

import torch
import torchvision
from torchvision import transforms as T

from golden_json import enc, write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "vision")
SEEDS = [0, 1, 2]


def main():
    g = {"torch_version": torch.__version__, "torchvision_version": torchvision.__version__}
    gen = torch.Generator().manual_seed(7)
    image = torch.randint(0, 256, (3, 16, 20), dtype=torch.uint8, generator=gen)
    g["image_uint8"] = enc(image)
    g["image_float"] = enc(image.float() / 255)

    affines = {
        "rotate": T.RandomAffine(30),
        "all": T.RandomAffine(30, translate=(0.1, 0.2), scale=(0.8, 1.2), shear=10),
        "shift": T.RandomAffine(0, translate=(0.25, 0.25)),
    }
    for name, t in affines.items():
        for s in SEEDS:
            torch.manual_seed(s)
            g[f"affine_{name}_{s}"] = enc(t(image))

    erasers = {
        "zero": T.RandomErasing(p=1.0),
        "value": T.RandomErasing(p=1.0, scale=(0.1, 0.4), ratio=(0.5, 2.0), value=(0.25, 0.5, 0.75)),
        "random": T.RandomErasing(p=1.0, value="random"),
        "half": T.RandomErasing(p=0.5),
    }
    x = image.float() / 255
    for name, t in erasers.items():
        for s in SEEDS:
            torch.manual_seed(s)
            g[f"erase_{name}_{s}"] = enc(t(x.clone()))
    crops = {
        "default": (image, T.RandomResizedCrop(12)),
        "scale": (image, T.RandomResizedCrop(10, scale=(0.3, 1.0))),
        "float": (x, T.RandomResizedCrop(12, scale=(0.5, 1.0))),
        "fallback": (image, T.RandomResizedCrop(8, scale=(0.9, 1.0), ratio=(5.0, 6.0))),
    }
    for name, (img, t) in crops.items():
        for s in SEEDS:
            torch.manual_seed(s)
            g[f"crop_{name}_{s}"] = enc(t(img))
    for s in SEEDS:
        torch.manual_seed(s)
        g[f"rotation_{s}"] = enc(T.RandomRotation(30)(image))
    write(OUT, "augmentations.json", g)


if __name__ == "__main__":
    main()
