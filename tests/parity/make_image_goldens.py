#!/usr/bin/env python3
"""Fixtures and goldens for torchvision.io (PNG and JPEG). Run with Debian's python3 (python3-pil,
which decodes JPEG with the same libjpeg-turbo the shim links):
    /usr/bin/python3 tests/parity/make_image_goldens.py
Writes tiny image files to tests/goldens/images/ and, in images.json, the pixels PIL decodes from
each in every ImageReadMode, as [channels, height, width] uint8 tensors:
  UNCHANGED  the file's own channels: L, LA, RGB or RGBA (a palette as RGB, or RGBA with
             transparency; a 1-bit image as L with 0/255; 16-bit samples as their high byte)
  GRAY, GRAY_ALPHA, RGB, RGB_ALPHA  PIL's convert("L"/"LA"/"RGB"/"RGBA") of the UNCHANGED image,
             except a colour JPEG read as GRAY: libjpeg's own gray output (PIL's draft("L")), what
             torchvision's decode_jpeg gives; for it also "CONVERT_L" and "CONVERT_LA", PIL's
             Image.open(path).convert("L"/"LA"): L computed from the decoded RGB.
Also "jpeg_encode": a PNG fixture encoded by PIL as JPEG at a few qualities and decoded again, so the
C# encoder (same libjpeg-turbo, same defaults) can be compared pixel for pixel.
Re-runnable; the C# tests read the files without Python."""
import io
import os
import struct
import zlib

import numpy as np
import torch
from PIL import Image

import golden_json

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "images")

MODES = {"GRAY": "L", "GRAY_ALPHA": "LA", "RGB": "RGB", "RGB_ALPHA": "RGBA"}


def pattern(h, w, channels, seed):
    """Deterministic pixels with edges, gradients and the extremes 0 and 255."""
    y, x = np.mgrid[0:h, 0:w]
    planes = []
    for c in range(channels):
        v = (x * (37 + 11 * c) + y * (53 + 7 * c) + seed * 29 + c * 71) % 256
        v[(x + y + c) % 5 == 0] = 255 if c % 2 == 0 else 0
        planes.append(v.astype(np.uint8))
    return np.stack(planes, axis=-1)


def chw(arr):
    """HxW or HxWxC numpy array -> [C, H, W] uint8 tensor."""
    a = np.asarray(arr, dtype=np.uint8)
    if a.ndim == 2:
        a = a[:, :, None]
    return torch.from_numpy(np.array(a.transpose(2, 0, 1), copy=True, order="C"))


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png16(samples, color_type):
    """A 16-bit PNG written by hand (PIL cannot write 16-bit RGB): samples HxWxC uint16."""
    h, w, c = samples.shape
    raw = b"".join(b"\x00" + samples[r].astype(">u2").tobytes() for r in range(h))
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, color_type, 0, 0, 0))
            + png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b""))


def png_file(pixels, depth, color_type, chunks=()):
    """A non-interlaced PNG written by hand, 8 bits or fewer a sample: pixels HxW (samples) or HxWxC uint8,
    with extra chunks (PLTE, tRNS, gAMA, ...) before the image data."""
    a = pixels if pixels.ndim == 3 else pixels[:, :, None]
    h, w, c = a.shape
    rows = []
    for r in range(h):
        if depth == 8:
            rows.append(b"\x00" + a[r].tobytes())
        else:
            bits = "".join(format(int(v), f"0{depth}b") for v in a[r].ravel())
            bits += "0" * (-len(bits) % 8)
            rows.append(b"\x00" + bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))
    body = b"".join(png_chunk(kind, data) for kind, data in chunks)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 0))
            + body + png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + png_chunk(b"IEND", b""))


def png_adam7(pixels, color_type):
    """An Adam7-interlaced 8-bit PNG written by hand (PIL cannot write interlaced PNGs): pixels HxWxC uint8."""
    h, w, _ = pixels.shape
    raw = b""
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
        sub = pixels[y0::dy, x0::dx]
        if sub.shape[0] and sub.shape[1]:
            raw += b"".join(b"\x00" + row.tobytes() for row in sub)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 1))
            + png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b""))


def save(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def pil_bytes(image, fmt, **options):
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


def modes_of(unchanged, extra=None):
    """The expected tensors for every mode, from the UNCHANGED PIL image."""
    cases = {"UNCHANGED": golden_json.enc(chw(np.asarray(unchanged)))}
    for mode, pil_mode in MODES.items():
        cases[mode] = golden_json.enc(chw(np.asarray(unchanged.convert(pil_mode))))
    cases.update(extra or {})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    g = {"pil_version": Image.__version__, "files": {}}

    # PNG: gray, gray+alpha, RGB, RGBA (7x5: odd sizes, rows that are not a multiple of anything).
    for name, mode, channels in [("gray.png", "L", 1), ("gray_alpha.png", "LA", 2), ("rgb.png", "RGB", 3), ("rgba.png", "RGBA", 4)]:
        a = pattern(5, 7, channels, seed=len(name))
        image = Image.fromarray(a[:, :, 0] if channels == 1 else a, mode)
        save(name, pil_bytes(image, "PNG"))
        g["files"][name] = modes_of(Image.open(os.path.join(OUT, name)))

    # A palette PNG, and one with a transparent palette entry (tRNS).
    rgb = pattern(6, 5, 3, seed=3)
    palette_image = Image.fromarray(rgb, "RGB").quantize(colors=6, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    save("palette.png", pil_bytes(palette_image, "PNG"))
    opened = Image.open(os.path.join(OUT, "palette.png"))
    assert opened.mode == "P" and "transparency" not in opened.info
    g["files"]["palette.png"] = modes_of(opened.convert("RGB"))
    save("palette_transparent.png", pil_bytes(palette_image, "PNG", transparency=2))
    opened = Image.open(os.path.join(OUT, "palette_transparent.png"))
    assert opened.mode == "P" and opened.info.get("transparency") == 2
    g["files"]["palette_transparent.png"] = modes_of(opened.convert("RGBA"))

    # A gray PNG with a transparent gray level (tRNS): read as gray + alpha.
    save("gray_transparent.png", pil_bytes(Image.fromarray(pattern(4, 6, 1, seed=4)[:, :, 0], "L"), "PNG", transparency=255))
    opened = Image.open(os.path.join(OUT, "gray_transparent.png"))
    assert opened.mode == "L" and opened.info.get("transparency") == 255
    g["files"]["gray_transparent.png"] = modes_of(opened.convert("LA"))

    # An interlaced (Adam7) RGB PNG, 11x9 so every pass has pixels.
    interlaced = pattern(9, 11, 3, seed=6)
    save("interlaced.png", png_adam7(interlaced, 2))
    opened = Image.open(os.path.join(OUT, "interlaced.png"))
    assert opened.info.get("interlace") == 1 and np.array_equal(np.asarray(opened), interlaced)
    g["files"]["interlaced.png"] = modes_of(opened)

    # A 1-bit PNG (libpng expands 1-bit gray to 0/255).
    bits = (pattern(4, 9, 1, seed=5)[:, :, 0] > 127)
    save("bilevel.png", pil_bytes(Image.fromarray(bits), "PNG"))
    opened = Image.open(os.path.join(OUT, "bilevel.png"))
    assert opened.mode == "1"
    g["files"]["bilevel.png"] = modes_of(opened.convert("L"))

    # 16-bit PNGs: read as 8-bit by keeping each sample's high byte.
    rng = np.random.default_rng(16)
    for name, color_type, channels in [("gray16.png", 0, 1), ("rgb16.png", 2, 3)]:
        samples = rng.integers(0, 65536, size=(3, 4, channels), dtype=np.uint16)
        samples[0, 0] = 65535
        samples[0, 1] = 0
        samples[0, 2] = 0x80FF  # rounding would give 0x81, the high byte is 0x80
        save(name, png16(samples, color_type))
        high = (samples >> 8).astype(np.uint8)
        base = Image.fromarray(high[:, :, 0] if channels == 1 else high, "L" if channels == 1 else "RGB")
        g["files"][name] = modes_of(base)
        if channels == 3:  # PIL reads 16-bit RGB itself as 8-bit RGB: the same high bytes
            assert np.array_equal(np.asarray(Image.open(os.path.join(OUT, name))), high)

    # 16-bit gray + alpha and RGBA: the high bytes. PIL opens 16-bit gray + alpha as RGBA (L, L, L, A);
    # UNCHANGED keeps the file's 2 channels, so the goldens start from that RGBA converted to LA.
    for name, color_type, channels in [("gray_alpha16.png", 4, 2), ("rgba16.png", 6, 4)]:
        samples = rng.integers(0, 65536, size=(3, 5, channels), dtype=np.uint16)
        samples[0, 0] = 0x80FF
        samples[0, 1, -1] = 0  # a transparent pixel whose colour must stay
        save(name, png16(samples, color_type))
        opened = Image.open(os.path.join(OUT, name))
        high = (samples >> 8).astype(np.uint8)
        assert opened.mode == "RGBA"
        if channels == 2:
            assert np.array_equal(np.asarray(opened), high[:, :, [0, 0, 0, 1]])
            opened = opened.convert("LA")
        assert np.array_equal(np.asarray(opened), high)
        g["files"][name] = modes_of(opened)

    # Sub-byte depths: 4-bit gray (PIL and libpng scale 0..15 to 0..255) and a 2-bit palette whose
    # tRNS gives partial alpha (read as RGBA).
    levels = (pattern(5, 7, 1, seed=10)[:, :, 0] % 16).astype(np.uint8)
    save("gray4.png", png_file(levels, 4, 0))
    opened = Image.open(os.path.join(OUT, "gray4.png"))
    assert opened.mode == "L" and np.array_equal(np.asarray(opened), levels * 17)
    g["files"]["gray4.png"] = modes_of(opened)
    indices = (pattern(6, 9, 1, seed=11)[:, :, 0] % 4).astype(np.uint8)
    palette = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 250, 250, 20])
    save("palette2.png", png_file(indices, 2, 3, [(b"PLTE", palette), (b"tRNS", bytes([0, 128, 255]))]))
    opened = Image.open(os.path.join(OUT, "palette2.png"))
    assert opened.mode == "P"
    g["files"]["palette2.png"] = modes_of(opened.convert("RGBA"))

    # An RGB PNG with a transparent colour (tRNS): read as RGBA, alpha 0 where the colour is.
    rgb_t = pattern(4, 6, 3, seed=12)
    rgb_t[1, 2] = rgb_t[3, 5] = (10, 20, 30)
    save("rgb_transparent.png", pil_bytes(Image.fromarray(rgb_t, "RGB"), "PNG", transparency=(10, 20, 30)))
    opened = Image.open(os.path.join(OUT, "rgb_transparent.png"))
    assert opened.mode == "RGB" and opened.info.get("transparency") == (10, 20, 30)
    g["files"]["rgb_transparent.png"] = modes_of(opened.convert("RGBA"))

    # An RGB PNG with gamma 1.0 and other primaries (gAMA, cHRM): PIL ignores them, the pixels are as stored.
    stored = pattern(5, 6, 3, seed=13)
    chrm = struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)
    save("gamma.png", png_file(stored, 8, 2, [(b"gAMA", struct.pack(">I", 100000)), (b"cHRM", chrm)]))
    opened = Image.open(os.path.join(OUT, "gamma.png"))
    assert opened.mode == "RGB" and np.array_equal(np.asarray(opened), stored)
    g["files"]["gamma.png"] = modes_of(opened)

    # JPEG: gray and RGB (19x13: partial 8x8 and 16x16 blocks at the edges), quality 90.
    gray = pattern(13, 19, 1, seed=7)[:, :, 0]
    save("gray.jpg", pil_bytes(Image.fromarray(gray, "L"), "JPEG", quality=90))
    g["files"]["gray.jpg"] = modes_of(Image.open(os.path.join(OUT, "gray.jpg")))
    color = pattern(13, 19, 3, seed=8)
    save("rgb.jpg", pil_bytes(Image.fromarray(color, "RGB"), "JPEG", quality=90))
    opened = Image.open(os.path.join(OUT, "rgb.jpg"))
    assert opened.mode == "RGB"
    as_gray = Image.open(os.path.join(OUT, "rgb.jpg"))
    as_gray.draft("L", as_gray.size)
    assert as_gray.mode == "L" and as_gray.size == opened.size
    y = np.asarray(as_gray)
    extra = {"GRAY": golden_json.enc(chw(y)),
             "GRAY_ALPHA": golden_json.enc(chw(np.stack([y, np.full_like(y, 255)], axis=-1))),
             "CONVERT_L": golden_json.enc(chw(np.asarray(Image.open(os.path.join(OUT, "rgb.jpg")).convert("L")))),
             "CONVERT_LA": golden_json.enc(chw(np.asarray(Image.open(os.path.join(OUT, "rgb.jpg")).convert("LA"))))}
    g["files"]["rgb.jpg"] = modes_of(opened, extra)

    # A CMYK JPEG (print): refused with a message, not decoded to garbage.
    save("cmyk.jpg", pil_bytes(Image.fromarray(pattern(4, 4, 4, seed=9), "CMYK"), "JPEG", quality=90))

    # The C# encoder against PIL's: encode rgb.png and gray.png as JPEG, decode, compare pixels.
    g["jpeg_encode"] = []
    for source in ["rgb.png", "gray.png"]:
        image = Image.open(os.path.join(OUT, source))
        image.load()
        for quality in [75, 95, 10]:
            decoded = Image.open(io.BytesIO(pil_bytes(image, "JPEG", quality=quality)))
            g["jpeg_encode"].append({"source": source, "quality": quality, "decoded": golden_json.enc(chw(np.asarray(decoded)))})

    golden_json.write(OUT, "images.json", g)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"wrote {len(os.listdir(OUT))} files to {os.path.normpath(OUT)} ({total} bytes)")


if __name__ == "__main__":
    main()
