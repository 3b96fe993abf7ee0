#!/usr/bin/env python3
"""List TorchSharp's native exports that let a C++ exception escape, and write the guard table.

TorchSharp's libLibTorchSharp wraps almost every export in its CATCH macros, which turn a libtorch
error into a message that the managed side reads with THSTorch_get_and_reset_last_err. An export
without such a try/catch lets the exception unwind into .NET, and the process ends with
"terminate called after throwing an instance of 'c10::Error'" (Tensor.matmul with mismatched shapes
is the one learners meet first).

Usage: find_unguarded_exports.py TORCHSHARP_CHECKOUT [OUTPUT]
  TORCHSHARP_CHECKOUT  a checkout of github.com/dotnet/TorchSharp at the packaged version (0.107.0)
  OUTPUT               default: ../guard/unguarded_exports.inc beside this script

Each line written is GUARD(return type, name, (parameters), (arguments)); every handle type is
written as void* (the ABI is the same), value types keep their C names.
"""
import pathlib
import re
import sys

# Bodies that cannot throw a libtorch error: freeing handles and plain C helpers.
NEVER_THROWS = re.compile(r"^(\s*(//[^\n]*|delete(\[\])?\s+\w+\s*;))*\s*$")
SKIP = {
    "THSTorch_get_and_reset_last_err",  # replaced by the guard library's own reader
    "THSTensor_free",                   # empty body
}
VALUE_TYPES = {"void", "bool", "int", "int8_t", "uint8_t", "int16_t", "int32_t", "int64_t",
               "size_t", "float", "double"}


def c_type(t: str) -> str:
    t = " ".join(t.replace("const ", "").split())
    if "*" in t or "&" in t:
        return "void*"
    if t in VALUE_TYPES:
        return t
    return "void*"  # a handle typedef (Tensor, NNModule, Scalar, ...): a pointer


def split_params(params: str):
    params = re.sub(r"/\*.*?\*/", "", params, flags=re.S).strip()
    if params in ("", "void"):
        return []
    out, depth, cur = [], 0, ""
    for ch in params:
        if ch == "," and depth == 0:
            out.append(cur); cur = ""
            continue
        depth += ch in "<("
        depth -= ch in ">)"
        cur += ch
    out.append(cur)
    result = []
    for i, p in enumerate(out):
        p = " ".join(p.split("=")[0].split())  # drop a C++ default value
        fp = re.search(r"\(\s*\*\s*(\w+)\s*\)\s*\(", p)
        if fp:  # a function pointer parameter, e.g. Tensor* (*allocator)(size_t length)
            result.append(("void*", fp.group(1)))
            continue
        m = re.match(r"^(.*?)(\w+)(\s*\[\s*\])?$", p)
        typ, name = m.group(1), m.group(2)
        if m.group(3) or not typ.strip():
            typ = typ + "*"
        result.append((c_type(typ), name))
    return result


def balanced(s: str, i: int, open_: str, close: str) -> int:
    """The index just past the bracket that closes the one opened at s[i - 1]."""
    depth = 1
    while depth and i < len(s):
        depth += (s[i] == open_) - (s[i] == close)
        i += 1
    return i


def declared_exports(src: pathlib.Path):
    """name -> parameter count, from the headers' EXPORT_API declarations (the C-linkage exports)."""
    decl = re.compile(r"EXPORT_API\(([^)]*)\)\s*(THS\w+)\s*\(")
    out = {}
    for f in sorted(src.glob("*.h")):
        s = f.read_text()
        for m in decl.finditer(s):
            params = s[m.end():balanced(s, m.end(), "(", ")") - 1]
            out[m.group(2)] = len(split_params(params))
    return out


def exports(src: pathlib.Path):
    """(file, return type, name, parameters, body) of each exported definition. Where a name has
    overloads (only one has C linkage), the one whose parameter count matches the header's."""
    declared = declared_exports(src)
    defn = re.compile(r"^([A-Za-z_][\w\s\*:<>,&]*?)\b(THS\w+)\s*\(", re.M)
    for f in sorted(src.glob("*.cpp")):
        s = f.read_text()
        for m in defn.finditer(s):
            name = m.group(2)
            close = balanced(s, m.end(), "(", ")")
            brace = re.match(r"\s*\{", s[close:])
            if not brace or name not in declared:
                continue
            params = s[m.end():close - 1]
            if len(split_params(params)) != declared[name]:
                continue
            start = close + brace.end()
            yield f.name, m.group(1).strip(), name, params, s[start:balanced(s, start, "{", "}") - 1]


def guarded(body: str) -> bool:
    """Whether every statement that can reach libtorch sits inside TorchSharp's try/CATCH: bodies
    like THSTensor_index build their arguments first (which can throw) and catch only the last call."""
    first = min((i for i in (body.find("CATCH"), body.find("try")) if i >= 0), default=-1)
    if first < 0:
        return False
    before = re.sub(r"//[^\n]*", "", body[:first])
    return "(" not in before


def main():
    root = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else \
        pathlib.Path(__file__).resolve().parent.parent / "guard" / "unguarded_exports.inc"
    src = root / "src" / "Native" / "LibTorchSharp"
    lines, total = [], 0
    for file, ret, name, params, body in exports(src):
        total += 1
        if guarded(body) or name in SKIP or NEVER_THROWS.match(body):
            continue
        ps = split_params(params)
        decl = ", ".join(f"{t} {n}" for t, n in ps)
        args = ", ".join(n for _, n in ps)
        lines.append(f"GUARD({c_type(ret)}, {name}, ({decl}), ({args}))  // {file}")
    version = (root / "build" / "BranchInfo.props").read_text()
    ver = ".".join(re.search(f"<{k}Version>(\\d+)</", version).group(1) for k in ("Major", "Minor", "Patch"))
    header = [
        f"// Generated by lib/Torchbook.Natives/tools/find_unguarded_exports.py from TorchSharp {ver}'s",
        f"// src/Native/LibTorchSharp: {len(lines)} of its {total} exports have no try/catch around libtorch calls.",
        "// Do not edit by hand; rerun the script against a TorchSharp checkout when the package changes.",
    ]
    out.write_text("\n".join(header + lines) + "\n")
    print(f"{len(lines)} unguarded exports of {total} written to {out}")


if __name__ == "__main__":
    main()
