#!/usr/bin/env python3
"""Goldens for reading the sample photos (data-scripts/sample-photos.sh) with torchvision.io:
what PIL (python3-pil, the same libpng and libjpeg-turbo) decodes from each photo, as the shape,
pixel sum and SHA-256 of the [channels, height, width] uint8 bytes, in modes UNCHANGED, GRAY and RGB
(GRAY of a colour JPEG: libjpeg's own gray output, PIL's draft("L"), as torchvision's decode_jpeg
gives it; "colour_jpeg_gray" has, for those photos, PIL's Image.open(path).convert("L") (L computed
from the decoded RGB) and the largest difference between the two). Run after the data script:
    bash data-scripts/sample-photos.sh && /usr/bin/python3 tests/parity/make_sample_photo_goldens.py
Writes tests/goldens/images/sample-photos.json."""
import hashlib
import os
import sys

import numpy as np
from PIL import Image

import golden_json

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PHOTOS = os.path.join(os.environ.get("TORCHBOOK_DATA") or os.path.join(ROOT, "data"), "sample-photos")
OUT = os.path.join(HERE, "..", "goldens", "images")


def digest(array):
    a = np.asarray(array, dtype=np.uint8)
    if a.ndim == 2:
        a = a[:, :, None]
    chw = np.array(a.transpose(2, 0, 1), copy=True, order="C")
    return {"shape": list(chw.shape), "sum": int(chw.sum(dtype=np.int64)), "sha256": hashlib.sha256(chw.tobytes()).hexdigest()}


def main():
    if not os.path.isdir(PHOTOS):
        sys.exit(f"{PHOTOS} does not exist: run data-scripts/sample-photos.sh first")
    files = sorted(f for f in os.listdir(PHOTOS) if f.endswith((".png", ".jpg")))
    g = {"pil_version": Image.__version__, "photos": {}, "colour_jpeg_gray": {}}
    for f in files:
        path = os.path.join(PHOTOS, f)
        image = Image.open(path)
        assert image.mode in ("L", "LA", "RGB", "RGBA"), (f, image.mode)
        cases = {"UNCHANGED": digest(image), "RGB": digest(image.convert("RGB"))}
        if f.endswith(".jpg") and image.mode == "RGB":
            gray = Image.open(path)
            gray.draft("L", gray.size)
            assert gray.mode == "L" and gray.size == image.size
            cases["GRAY"] = digest(gray)
            converted = image.convert("L")
            difference = np.abs(np.asarray(gray, dtype=np.int32) - np.asarray(converted, dtype=np.int32))
            g["colour_jpeg_gray"][f] = {"convert_L": digest(converted), "max_difference": int(difference.max())}
        else:
            cases["GRAY"] = digest(image.convert("L"))
        g["photos"][f] = cases
    golden_json.write(OUT, "sample-photos.json", g)
    print(f"wrote goldens for {len(files)} photos to {os.path.normpath(os.path.join(OUT, 'sample-photos.json'))}")


if __name__ == "__main__":
    main()
