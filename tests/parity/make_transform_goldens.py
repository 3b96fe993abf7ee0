#!/usr/bin/env python3
"""Goldens for torchvision.transforms (ToTensor, Normalize, ConvertImageDtype, Compose, a one-hot
Lambda). torchvision is not a Debian package here, so the expected values are computed with the
plain torch ops torchvision's transforms are made of (torchvision/transforms/functional*.py):
  ToTensor           img (H x W x C uint8) -> permute(2, 0, 1).contiguous().to(float32).div(255)
  Normalize          (x - mean[:, None, None]) / std[:, None, None], mean/std as tensors of x's dtype
  ConvertImageDtype  int -> float: x.to(dtype) / max;  float -> int: x.mul(max + 1 - 1e-3).to(dtype);
                     int -> int: floor-divide or multiply by the power of two between the ranges
Run with Debian's python3-torch:  /usr/bin/python3 tests/parity/make_transform_goldens.py
Writes tests/goldens/vision/transforms.json (re-runnable; the C# tests read it without Python)."""
import gzip
import os

import torch

from golden_json import enc, write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "vision")
FASHION = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"


def to_tensor_hwc(img):
    return img.permute(2, 0, 1).contiguous().to(torch.float32).div(255)


def normalize(x, mean, std):
    m = torch.as_tensor(mean, dtype=x.dtype).view(-1, 1, 1)
    s = torch.as_tensor(std, dtype=x.dtype).view(-1, 1, 1)
    return x.sub(m).div_(s)


def main():
    g = {"torch_version": torch.__version__}
    gen = torch.Generator().manual_seed(2024)

    # A colour image in numpy's layout (H x W x C) and a grey one (H x W).
    hwc = torch.randint(0, 256, (5, 4, 3), dtype=torch.uint8, generator=gen)
    g["hwc_uint8"] = enc(hwc)
    g["hwc_to_tensor"] = enc(to_tensor_hwc(hwc))
    hw = torch.randint(0, 256, (6, 7), dtype=torch.uint8, generator=gen)
    g["hw_uint8"] = enc(hw)
    g["hw_to_tensor"] = enc(hw.unsqueeze(0).to(torch.float32).div(255))
    # A channels-first uint8 tensor stays channels-first.
    chw = torch.randint(0, 256, (3, 4, 5), dtype=torch.uint8, generator=gen)
    g["chw_uint8"] = enc(chw)
    g["chw_to_tensor"] = enc(chw.contiguous().to(torch.float32).div(255))

    # Normalize: ImageNet's statistics on the colour image, and one mean/std for all channels.
    rgb = to_tensor_hwc(hwc)
    g["normalize_imagenet"] = enc(normalize(rgb, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]))
    g["normalize_single"] = enc(normalize(rgb, [0.5], [0.5]))
    batch = torch.rand(2, 3, 4, 4, generator=gen)
    g["batch_input"] = enc(batch)
    g["normalize_batch"] = enc(normalize(batch, [0.1, 0.2, 0.3], [0.9, 0.8, 0.7]))
    g["normalize_float64"] = enc(normalize(batch.double(), [0.1, 0.2, 0.3], [0.9, 0.8, 0.7]))

    # Fashion-MNIST's first training image through Compose(ToTensor(), Normalize((0.2860,), (0.3530,))),
    # the dataset handing over a uint8 1 x 28 x 28 tensor.
    if os.path.exists(FASHION):
        with gzip.open(FASHION, "rb") as f:
            raw = f.read(16 + 28 * 28)
        img = torch.frombuffer(bytearray(raw[16:]), dtype=torch.uint8).view(1, 28, 28)
        g["fashion0_to_tensor"] = enc(img.to(torch.float32).div(255))
        g["fashion0_normalized"] = enc(normalize(img.to(torch.float32).div(255), [0.2860], [0.3530]))

    # ConvertImageDtype.
    u8 = torch.tensor([[[0, 1, 127, 128, 254, 255]]], dtype=torch.uint8)
    f32 = torch.tensor([[[0.0, 0.001, 0.5, 0.999, 0.9999, 1.0]]], dtype=torch.float32)
    i16 = torch.tensor([[[0, 1, 255, 256, 32766, 32767]]], dtype=torch.int16)
    g["convert_u8"] = enc(u8)
    g["convert_f32"] = enc(f32)
    g["convert_i16"] = enc(i16)
    g["convert_u8_to_f32"] = enc(u8.to(torch.float32) / 255.0)
    g["convert_u8_to_f64"] = enc(u8.to(torch.float64) / 255.0)
    g["convert_f32_to_u8"] = enc(f32.mul(255.0 + 1.0 - 1e-3).to(torch.uint8))
    g["convert_f32_to_i16"] = enc(f32.mul(32767.0 + 1.0 - 1e-3).to(torch.int16))
    g["convert_f32_to_f64"] = enc(f32.to(torch.float64))
    g["convert_u8_to_i16"] = enc(u8.to(torch.int16) * 128)
    g["convert_i16_to_u8"] = enc(torch.div(i16, 128, rounding_mode="floor").to(torch.uint8))

    # The PyTorch tutorial's one-hot target transform.
    g["one_hot_3"] = enc(torch.zeros(10, dtype=torch.float).scatter_(0, torch.tensor(3), value=1))

    write(OUT, "transforms.json", g)
    print("wrote", os.path.normpath(os.path.join(OUT, "transforms.json")))


if __name__ == "__main__":
    main()
