#!/usr/bin/python3
"""Writes the model-file fixtures in tests/goldens/model-files/ with Debian's python3-torch.

Run with /usr/bin/python3 (the interpreter that has torch 1.13). Re-runnable: the files it
writes are deterministic (fixed seed, fixed values, torch.save's fixed zip timestamps).

Fixtures:
  sequential.pth / .safetensors   state_dict of Sequential(Linear(4,3), ReLU, Linear(3,2))
  checkpoint.pth                  {"model": state_dict, "epoch": 3, optimizer state, ...}
  dtypes.pth / .safetensors       one tensor per dtype, plus an empty and a 0-d tensor
  views.pth                       non-contiguous views, shared storages, a Parameter
  legacy.pth                      the pre-1.6 (non-zip) torch.save format, which we refuse
                                  (its storage keys are memory addresses: it differs per run)
  hostile_*.pth                   valid-looking zips whose pickle calls a forbidden global
  expected.json                   what a reader must find in each file, values exact
"""
import collections
import io
import json
import math
import os
import pickle
import struct
import sys
import zipfile

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "model-files")

# safetensors dtype names, in the reference implementation's Dtype order (its writer lays the
# tensors out by descending dtype in this order, then by name).
SAFETENSORS_DTYPES = [
    (torch.bool, "BOOL", 1), (torch.uint8, "U8", 1), (torch.int8, "I8", 1),
    (torch.int16, "I16", 2), (torch.float16, "F16", 2), (torch.bfloat16, "BF16", 2),
    (torch.int32, "I32", 4), (torch.float32, "F32", 4), (torch.float64, "F64", 8),
    (torch.int64, "I64", 8),
]
REFERENCE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16",
                   "I32", "U32", "F32", "F64", "I64", "U64"]
DTYPE_NAMES = {
    torch.bool: "bool", torch.uint8: "uint8", torch.int8: "int8", torch.int16: "int16",
    torch.int32: "int32", torch.int64: "int64", torch.float16: "float16",
    torch.bfloat16: "bfloat16", torch.float32: "float32", torch.float64: "float64",
}


def path(name):
    return os.path.join(OUT, name)


def tensor_bytes(t):
    """Contiguous little-endian bytes of a tensor, whatever its dtype."""
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.bool:
        t = t.to(torch.uint8)
    size = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}[t.element_size()]
    raw = t.view(size) if t.numel() > 0 else torch.empty(0, dtype=size)
    fmt = {torch.uint8: "B", torch.int16: "h", torch.int32: "i", torch.int64: "q"}[size]
    return struct.pack("<%d%s" % (raw.numel(), fmt), *raw.tolist())


def write_safetensors(file, tensors, metadata=None):
    """The safetensors layout as the reference writer produces it: tensors sorted by descending
    dtype then name, header JSON without spaces, padded with spaces to a multiple of 8."""
    names = {d: n for d, n, _ in SAFETENSORS_DTYPES}
    items = sorted(tensors.items(),
                   key=lambda kv: (-REFERENCE_ORDER.index(names[kv[1].dtype]), kv[0]))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    blobs = []
    offset = 0
    for name, t in items:
        data = tensor_bytes(t)
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(file, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def check_against_reference_package(file, tensors, metadata):
    """Where the safetensors package exists (Debian has none today), its save_file must write
    exactly the bytes we wrote by hand."""
    try:
        from safetensors.torch import save_file
    except ImportError:
        return
    reference = file + ".reference"
    save_file({k: v.contiguous() for k, v in tensors.items()}, reference, metadata=metadata)
    with open(reference, "rb") as a, open(file, "rb") as b:
        same = a.read() == b.read()
    os.remove(reference)
    assert same, "%s differs from safetensors.torch.save_file's output" % file


def float_hex(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return float.hex(x)


def describe_tensor(t):
    t = t.detach()
    flat = t.contiguous().reshape(-1)
    if t.dtype.is_floating_point:
        values = [float_hex(v) for v in flat.double().tolist()]
    elif t.dtype == torch.bool:
        values = [bool(v) for v in flat.tolist()]
    else:
        values = [int(v) for v in flat.tolist()]
    return {"type": "tensor", "dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape),
            "values": values}


def describe(value):
    """A JSON description of a loaded object graph, which the C# tests compare against."""
    if isinstance(value, torch.Tensor):
        return describe_tensor(value)
    if value is None:
        return {"type": "none"}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": str(value)}
    if isinstance(value, float):
        return {"type": "float", "value": float_hex(value)}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    if isinstance(value, tuple):
        return {"type": "tuple", "items": [describe(v) for v in value]}
    if isinstance(value, list):
        return {"type": "list", "items": [describe(v) for v in value]}
    if isinstance(value, dict):
        kind = "ordered_dict" if isinstance(value, collections.OrderedDict) else "dict"
        return {"type": kind, "items": [[describe(k), describe(v)] for k, v in value.items()]}
    raise TypeError("cannot describe %r" % type(value))


def tiny_sequential_state_dict():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    return model, model.state_dict()


def dtype_tensors():
    f = float
    return collections.OrderedDict([
        ("bool", torch.tensor([True, False, True])),
        ("uint8", torch.tensor([0, 1, 255], dtype=torch.uint8)),
        ("int8", torch.tensor([-128, -1, 0, 127], dtype=torch.int8)),
        ("int16", torch.tensor([-32768, 12345, 32767], dtype=torch.int16)),
        ("int32", torch.tensor([-2**31, 7, 2**31 - 1], dtype=torch.int32)),
        ("int64", torch.tensor([-2**63, 42, 2**63 - 1], dtype=torch.int64)),
        ("float16", torch.tensor([0.5, -0.0, 65504.0, 2.0**-24, f("inf"), f("nan")],
                                 dtype=torch.float16)),
        ("bfloat16", torch.tensor([1.0, -2.5, 3.0e38, 2.0**-130, f("-inf")],
                                  dtype=torch.bfloat16)),
        ("float32", torch.tensor([[math.pi, -0.0, 2.0**-149], [3.4e38, f("nan"), f("-inf")]],
                                 dtype=torch.float32)),
        ("float64", torch.tensor([math.pi, -0.0, 5e-324, 1.7976931348623157e308, f("inf")],
                                 dtype=torch.float64)),
        ("empty", torch.zeros(0, 3)),
        ("scalar", torch.tensor(2.5, dtype=torch.float64)),
    ])


def view_tensors():
    base = torch.arange(12, dtype=torch.float32)
    grid = base.view(3, 4)
    return collections.OrderedDict([
        ("base", base),
        ("transposed", grid.t()),                  # shape (4, 3), strides (1, 4)
        ("shared_a", base[2:8].view(2, 3)),        # storage offset 2
        ("shared_b", grid[:, 1]),                  # offset 1, stride 4
        ("expanded", torch.tensor([7.0]).expand(2, 3)),   # strides (0, 0)
        ("every_third", torch.arange(10, dtype=torch.int64)[::3]),
        ("empty", torch.empty(0, 3)),
        ("scalar", torch.tensor(-1.25, dtype=torch.float64)),
        ("param", torch.nn.Parameter(torch.tensor([1.0, 2.0]))),
    ])


def checkpoint():
    model, state = tiny_sequential_state_dict()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss = model(torch.ones(2, 4)).sum()
    loss.backward()
    optimizer.step()
    return {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "epoch": 3,
        "best_loss": 0.25,
        "name": "tiny",
        "history": [1.5, 0.75],
        "flags": (True, False, None),
        "big": 2**70,
        "negative": -70000,
    }


def zip_with_pickle(file, archive, pickle_bytes):
    """A zip that looks like torch.save's: <archive>/data.pkl and <archive>/version."""
    with zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as z:
        for name, data in [("data.pkl", pickle_bytes), ("version", b"3\n")]:
            info = zipfile.ZipInfo(archive + "/" + name, date_time=(1980, 1, 1, 0, 0, 0))
            z.writestr(info, data)


class RunsEval:
    def __reduce__(self):
        return (eval, ("print('pwned')",))


def hostile_fixtures():
    # A state_dict whose second entry is os.system('echo pwned'), written opcode by opcode.
    text = b"echo pwned"
    os_system = (
        b"\x80\x02" b"ccollections\nOrderedDict\n" b")R" b"("
        b"X" + struct.pack("<I", 7) + b"payload"
        + b"cos\nsystem\n" + b"X" + struct.pack("<I", len(text)) + text + b"\x85R"
        + b"u."
    )
    zip_with_pickle(path("hostile_os_system.pth"), "hostile_os_system", os_system)
    # builtins.eval through STACK_GLOBAL, as Python's own pickler writes it (protocol 4).
    zip_with_pickle(path("hostile_eval.pth"), "hostile_eval",
                    pickle.dumps({"weights": RunsEval()}, protocol=4))
    # torch.storage._load_from_bytes unpickles a nested (legacy) pickle: also refused.
    inner = b"junk"
    load_from_bytes = (
        b"\x80\x02" b"ctorch.storage\n_load_from_bytes\n"
        b"C" + bytes([len(inner)]) + inner + b"\x85R."
    )
    zip_with_pickle(path("hostile_load_from_bytes.pth"), "hostile_load_from_bytes",
                    load_from_bytes)
    return {
        "hostile_os_system.pth": "os.system",
        "hostile_eval.pth": "builtins.eval",
        "hostile_load_from_bytes.pth": "torch.storage._load_from_bytes",
    }


def write_expected(f, expected):
    """JSON with one line per file: small, and diffs stay readable."""
    compact = dict(separators=(",", ":"))
    f.write("{\n")
    for key in ("generator", "torch_version"):
        f.write(" %s: %s,\n" % (json.dumps(key), json.dumps(expected[key])))
    for section in ("files", "refused"):
        f.write(" %s: {\n" % json.dumps(section))
        entries = list(expected[section].items())
        for i, (name, value) in enumerate(entries):
            comma = "," if i < len(entries) - 1 else ""
            f.write("  %s: %s%s\n" % (json.dumps(name), json.dumps(value, **compact), comma))
        f.write(" }%s\n" % ("," if section == "files" else ""))
    f.write("}\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {"generator": "tests/parity/make_model_file_fixtures.py",
                "torch_version": torch.__version__, "files": {}, "refused": {}}
    files = expected["files"]

    _, state = tiny_sequential_state_dict()
    torch.save(state, path("sequential.pth"))
    files["sequential.pth"] = describe(state)
    write_safetensors(path("sequential.safetensors"), state, {"format": "pt"})
    check_against_reference_package(path("sequential.safetensors"), state, {"format": "pt"})
    files["sequential.safetensors"] = describe(state)

    ckpt = checkpoint()
    torch.save(ckpt, path("checkpoint.pth"))
    files["checkpoint.pth"] = describe(ckpt)

    dtypes = dtype_tensors()
    torch.save(dtypes, path("dtypes.pth"))
    files["dtypes.pth"] = describe(dtypes)
    write_safetensors(path("dtypes.safetensors"), dtypes, {"note": "every dtype"})
    check_against_reference_package(path("dtypes.safetensors"), dtypes, {"note": "every dtype"})
    files["dtypes.safetensors"] = describe(dtypes)

    views = view_tensors()
    torch.save(views, path("views.pth"))
    files["views.pth"] = describe(views)

    torch.save(collections.OrderedDict([("w", torch.ones(2))]), path("legacy.pth"),
               _use_new_zipfile_serialization=False)

    expected["refused"] = hostile_fixtures()

    # Check our own fixtures: torch reads back what we describe.
    for name, description in files.items():
        if name.endswith(".pth"):
            assert describe(torch.load(path(name))) == description, name

    with open(path("expected.json"), "w") as f:
        write_expected(f, expected)
    total = sum(os.path.getsize(path(n)) for n in os.listdir(OUT))
    print("wrote %d files, %d bytes, to %s" % (len(os.listdir(OUT)), total, os.path.normpath(OUT)))


if __name__ == "__main__":
    if sys.version_info < (3, 7):
        sys.exit("needs Python 3.7+")
    main()
