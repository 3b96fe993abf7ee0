#!/usr/bin/env python3
"""Goldens for torchvision.datasets.ImageFolder and chapter 5's transforms, read by
tests/Torchbook.TorchVision.Tests/ImageFolderParityTests.cs.

Reads the image folder that Torchbook.Vision.FacesImageFolder writes into the data folder
(data/faces-or-background; run the C# tests or chapter 5 once to make it) with Debian's
python3-torchvision 0.14 and PIL, and records for each split: the classes, class_to_idx, the
samples (paths relative to the split folder) and targets; for one image, what
Compose([Resize((64, 64)), ToTensor(), Normalize(ImageNet's mean and std)]) makes of them, and for
three, the uint8 pixels PIL's resize gives before ToTensor.
Run: /usr/bin/python3 tests/parity/make_image_folder_goldens.py
Writes tests/goldens/vision/image_folder.json (re-runnable; the tests read it without Python)."""
import os

import numpy as np
import torch
from PIL import Image
from torchvision import datasets, transforms as T

from golden_json import enc, write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "vision")
DATA = os.environ.get("TORCHBOOK_DATA", os.path.join(HERE, "..", "..", "data"))
FOLDER = os.path.join(DATA, "faces-or-background")
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def main():
    if not os.path.isdir(FOLDER):
        raise SystemExit(f"{FOLDER} is missing: run chapter 5 or the TorchVision tests once to write it")
    transform = T.Compose([T.Resize((64, 64)), T.ToTensor(), T.Normalize(MEAN, STD)])
    cases = {"mean": MEAN, "std": STD, "splits": {}, "images": {}}
    for split in ("train", "val", "test"):
        root = os.path.join(FOLDER, split)
        ds = datasets.ImageFolder(root, transform=transform)
        cases["splits"][split] = {
            "classes": ds.classes,
            "class_to_idx": ds.class_to_idx,
            "samples": [os.path.relpath(p, root) for p, _ in ds.samples],
            "targets": ds.targets,
        }
    for split, index in (("train", 0), ("train", 100), ("test", 29)):
        ds = datasets.ImageFolder(os.path.join(FOLDER, split), transform=transform)
        path = ds.samples[index][0]
        x, _ = ds[index]
        resized = Image.open(path).convert("RGB").resize((64, 64), Image.BILINEAR)
        pixels = torch.from_numpy(np.asarray(resized).copy()).permute(2, 0, 1).contiguous()
        case = {"resized_uint8": enc(pixels)}
        if not cases["images"]:   # the whole pipeline once; the other two check the resize
            case["transformed"] = enc(x, shortest_float32=True)
        cases["images"][f"{split}/{os.path.relpath(path, os.path.join(FOLDER, split))}"] = case
    write(OUT, "image_folder.json", cases)
    print(f"wrote {os.path.normpath(os.path.join(OUT, 'image_folder.json'))}")


if __name__ == "__main__":
    main()
