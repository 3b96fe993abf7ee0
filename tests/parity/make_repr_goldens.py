#!/usr/bin/python3
"""Writes tests/goldens/repr/cases.json: PyTorch's own repr() of many tensors.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tests/parity/make_repr_goldens.py

Each case records what the C# formatter gets as input (shape, dtype, the flat row-major element
values, the autograd/device suffix information, the print options in effect) and the string
PyTorch printed. Float elements are written as repr() of their exact float64 value (shortest
round-trip form; 'nan', 'inf', '-inf' for the non-finite ones), so the C# side reads back the
very same bits. The script is deterministic: fixed seeds, fixed case list, sorted JSON keys.

  make_repr_goldens.py --fuzz 3000 /tmp/fuzz.json   writes random cases elsewhere (not committed);
  TORCHBOOK_REPR_GOLDENS=/tmp/fuzz.json dotnet test tests/Torchbook.TorchSharp.Tests \
      --filter FullyQualifiedName~ReprGoldenTests          checks the C# formatter against them.
"""

import json
import math
import os
import sys

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "repr", "cases.json")

DTYPE_NAMES = {
    torch.bool: "bool",
    torch.uint8: "uint8",
    torch.int8: "int8",
    torch.int16: "int16",
    torch.int32: "int32",
    torch.int64: "int64",
    torch.float16: "float16",
    torch.bfloat16: "bfloat16",
    torch.float32: "float32",
    torch.float64: "float64",
}

cases = []


def reset_options():
    torch.set_printoptions(profile="default", sci_mode=None)


def float_text(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    return repr(v)  # 'inf', '-inf', '-0.0', '1e-06', '0.1': exact round trip


def element_values(t):
    flat = t.detach().reshape(-1)
    if t.dtype.is_floating_point:
        return [float_text(v) for v in flat.double().tolist()] if t.dtype == torch.float64 \
            else [float_text(v) for v in flat.float().tolist()]
    if t.dtype == torch.bool:
        return [bool(v) for v in flat.tolist()]
    return [int(v) for v in flat.tolist()]


def add(name, t, set_args=None, default_dtype=None):
    """Records repr(t) under the print options set by set_args (keyword arguments of
    torch.set_printoptions) and, if given, the default dtype (torch.set_default_dtype)."""
    if any(c["name"] == name for c in cases):
        raise SystemExit("duplicate case name: " + name)
    reset_options()
    previous_default = torch.get_default_dtype()
    try:
        if default_dtype is not None:
            torch.set_default_dtype(default_dtype)
        if set_args:
            torch.set_printoptions(**set_args)
        opts = torch._tensor_str.PRINT_OPTS
        threshold = opts.threshold
        expected = repr(t)
        as_str = str(t)
        case = {
            "name": name,
            "shape": list(t.shape),
            "dtype": DTYPE_NAMES[t.dtype],
            "values": element_values(t),
            "device": str(t.device),
            "requires_grad": bool(t.requires_grad),
            "grad_fn": None if t.grad_fn is None else type(t.grad_fn).__name__,
            "is_parameter": isinstance(t, torch.nn.Parameter),
            "default_dtype": DTYPE_NAMES[torch.get_default_dtype()],
            "set_printoptions": {k: (v if not (isinstance(v, float) and math.isinf(v)) else "inf")
                                 for k, v in (set_args or {}).items()},
            "options": {
                "precision": opts.precision,
                "threshold": "inf" if math.isinf(threshold) else threshold,
                "edgeitems": opts.edgeitems,
                "linewidth": opts.linewidth,
                "sci_mode": opts.sci_mode,
            },
            "expected": expected,
            "str_equals_repr": as_str == expected,
        }
        if as_str != expected:
            case["expected_str"] = as_str
        cases.append(case)
    finally:
        torch.set_default_dtype(previous_default)
        reset_options()


def randn(seed, shape, scale=1.0, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(shape, generator=g, dtype=torch.float64) * scale).to(dtype)


def randint(seed, low, high, shape, dtype):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(low, high, shape, generator=g, dtype=torch.int64).to(dtype)


f32, f64, f16, bf16 = torch.float32, torch.float64, torch.float16, torch.bfloat16

def fixed_cases():
    """The committed cases."""
    # ---- scalars (rank 0)
    add("scalar_float32_int_valued", torch.tensor(3.0))
    add("scalar_float32_fraction", torch.tensor(3.5))
    add("scalar_float32_negative_zero", torch.tensor(-0.0))
    add("scalar_float64", torch.tensor(2.718281828459045, dtype=f64))
    add("scalar_int64", torch.tensor(3))
    add("scalar_int32_negative", torch.tensor(-42, dtype=torch.int32))
    add("scalar_bool", torch.tensor(True))
    add("scalar_uint8", torch.tensor(200, dtype=torch.uint8))
    add("scalar_float16_third", torch.tensor(1.0 / 3.0, dtype=f16))
    add("scalar_bfloat16", torch.tensor(-7.3, dtype=bf16))
    add("scalar_nan", torch.tensor(float("nan")))
    add("scalar_neg_inf", torch.tensor(float("-inf")))
    add("scalar_tiny_sci", torch.tensor(1.5e-8))
    add("scalar_huge_int_valued_sci", torch.tensor(1e10))
    add("scalar_requires_grad", torch.tensor(0.25, requires_grad=True))
    _a = torch.tensor([1.0, 2.0, 3.5], requires_grad=True)
    add("scalar_grad_fn_sum", _a.sum())
    add("scalar_grad_fn_mean_float64", torch.tensor([1.0, 2.0], dtype=f64, requires_grad=True).mean())

    # ---- rank 1
    add("vector_int_valued_floats", torch.tensor([1.0, 2.0, 3.0]))
    add("vector_mixed_fractions", torch.tensor([1.5, -2.25, 3.0, 100.125]))
    add("vector_negative_zero_int_mode", torch.tensor([-0.0, 1.0, -2.0]))
    add("vector_negative_zero_fraction", torch.tensor([-0.0, 0.5, -0.0001]))
    add("vector_nonfinite_int_mode", torch.tensor([1.0, float("nan"), float("inf"), float("-inf"), -3.0]))
    add("vector_nonfinite_fraction", torch.tensor([1.25, float("nan"), float("inf"), float("-inf")]))
    add("vector_all_nan_inf", torch.tensor([float("nan"), float("inf"), float("-inf")]))
    add("vector_all_zeros", torch.zeros(5))
    add("vector_all_zeros_sci_forced", torch.zeros(4), {"sci_mode": True})
    for seed, scale in [(0, 1.0), (1, 1e-6), (2, 1e-3), (3, 1e3), (4, 1e5), (5, 1e9), (6, 1e-2)]:
        add(f"vector_randn_seed{seed}_scale{scale:g}_float32", randn(seed, (7,), scale))
    for seed, scale in [(10, 1.0), (11, 1e-6), (12, 1e9), (13, 3e4)]:
        add(f"vector_randn_seed{seed}_scale{scale:g}_float64", randn(seed, (6,), scale, f64))
    add("vector_ratio_just_over_1000", torch.tensor([0.5, 501.0]))
    add("vector_ratio_exactly_1000", torch.tensor([0.25, 250.0, 1.5]))
    add("vector_min_below_1e-4", torch.tensor([0.00009, 0.5]))
    add("vector_int_valued_over_1e8", torch.tensor([1.0, 2e8]))
    add("vector_int_valued_ratio_over_1000", torch.tensor([1.0, 2000.0, -3.0]))
    add("vector_arange_int64", torch.arange(20))
    add("vector_arange_int32", torch.arange(-5, 15, dtype=torch.int32))
    add("vector_int8", randint(20, -128, 128, (12,), torch.int8))
    add("vector_int16", randint(21, -32768, 32768, (10,), torch.int16))
    add("vector_uint8", randint(22, 0, 256, (16,), torch.uint8))
    add("vector_int64_extremes", torch.tensor([-9223372036854775808, 0, 9223372036854775807, 5]))
    add("vector_bool", randint(23, 0, 2, (9,), torch.bool))
    add("vector_bool_all_true", torch.ones(3, dtype=torch.bool))
    add("vector_wide_wraps_float32", randn(24, (30,), 10.0))
    add("vector_wide_wraps_int64", randint(25, -1000, 1000, (40,), torch.int64))
    add("vector_2000_summarised", randn(26, (2000,)))
    add("vector_1001_summarised_int", torch.arange(1001))
    add("vector_1000_not_summarised_int", torch.arange(1000))

    # ---- rounding: ties and exact decimal expansion of binary values
    ties = torch.tensor([0.125, 0.375, 2.5, 1.0625, -0.625, 0.0625], dtype=f64)
    add("rounding_ties_precision2", ties, {"precision": 2})
    add("rounding_ties_precision0", torch.tensor([0.5, 1.5, 2.5, -3.5, 4.25], dtype=f64), {"precision": 0})
    add("rounding_ties_precision3", ties, {"precision": 3})
    add("rounding_ties_sci_precision1", torch.tensor([1.25e-5, 3.75e-6, 2.5e3], dtype=f64), {"precision": 1})
    add("rounding_carry_to_next_power", torch.tensor([9.99996, 0.99999, 99.99999], dtype=f64))
    add("rounding_carry_sci", torch.tensor([9.99996e-7, 1.0, 999999.5], dtype=f64))

    # ---- extreme float64 magnitudes
    add("float64_subnormal_and_huge", torch.tensor([5e-324, 1e-300, 1e300, -2.5], dtype=f64))
    add("float64_huge_fixed_forced", torch.tensor([1e20, 1.5], dtype=f64), {"sci_mode": False})
    add("float64_sci_exponent_three_digits", torch.tensor([1.5e-120, 3.0], dtype=f64))

    # ---- half precisions (printed from their float32 values)
    add("float16_randn", randn(30, (8,), 1.0, f16))
    add("float16_extremes", torch.tensor([65504.0, -65504.0, 6.1e-5, float("inf")], dtype=f16))
    add("float16_int_valued", torch.tensor([1.0, 2.0, 2048.0], dtype=f16))
    add("bfloat16_randn_2d", randn(31, (3, 4), 100.0, bf16))
    add("bfloat16_large", torch.tensor([1e30, -3.0e-20, 1.0], dtype=bf16))

    # ---- rank 2..4
    add("matrix_randn_3x4", randn(40, (3, 4)))
    add("matrix_int_3x5", randint(41, -50, 50, (3, 5), torch.int64))
    add("matrix_bool_2x3", randint(42, 0, 2, (2, 3), torch.bool))
    add("matrix_wide_rows_wrap_5x30", randn(43, (5, 30)))
    add("matrix_40x40_summarised", randn(44, (40, 40)))
    add("matrix_3x500_summarised_big_rows", randn(45, (3, 500), 1e3))
    add("matrix_3x500_float64_full_profile", randn(46, (3, 500), 1.0, f64), {"profile": "full"})
    add("matrix_single_row", randn(47, (1, 5)))
    add("matrix_single_column", randn(48, (5, 1)))
    add("tensor3d_2x3x4", randn(50, (2, 3, 4)))
    add("tensor3d_10x10x20_summarised", randn(51, (10, 10, 20)))
    add("tensor3d_int32", randint(52, 0, 100, (2, 2, 3), torch.int32))
    add("tensor4d_2x2x2x3", randn(53, (2, 2, 2, 3)))
    add("tensor4d_8x3x5x10_summarised", randn(54, (8, 3, 5, 10), 1e-5))
    add("tensor4d_uint8_summarised", randint(55, 0, 256, (4, 4, 8, 10), torch.uint8))

    # ---- empty tensors
    add("empty_float32", torch.tensor([]))
    add("empty_float32_0x3", torch.zeros(0, 3))
    add("empty_int64", torch.zeros(0, dtype=torch.int64))
    add("empty_bool_2x0x4", torch.zeros(2, 0, 4, dtype=torch.bool))
    add("empty_float64_requires_grad", torch.zeros(0, dtype=f64, requires_grad=True))
    add("empty_float16_3x0", torch.zeros(3, 0, dtype=f16))

    # ---- suffixes
    add("requires_grad_float32", randn(60, (2, 3)).requires_grad_())
    add("requires_grad_float64", randn(61, (4,), 1.0, f64).requires_grad_())
    add("requires_grad_float16", randn(62, (3,), 1.0, f16).requires_grad_())
    _x = randn(63, (3,)).requires_grad_()
    add("grad_fn_add", _x + 1)
    _y = randn(64, (9,), 1.0, f64).requires_grad_()
    add("grad_fn_mul_float64_suffix_wraps", _y * 2)
    _z = randn(65, (2, 8), 1.0, f64).requires_grad_()
    add("grad_fn_matrix_float64", _z.tanh())
    add("suffix_breaks_after_long_line", torch.arange(14, dtype=f64) * 1.5 + 100)
    add("suffix_dtype_and_requires_grad_wrap",
        torch.tensor([123456.5, 234567.25, 345678.125, 456789.5, 567890.75], dtype=f64, requires_grad=True))
    add("parameter_float32", torch.nn.Parameter(randn(66, (2, 3))))
    add("parameter_float64", torch.nn.Parameter(randn(67, (3,), 1.0, f64)))
    add("int16_dtype_suffix", torch.tensor([1, -2, 3], dtype=torch.int16))
    add("default_dtype_float64_prints_float32_suffix", torch.tensor([1.5, 2.0], dtype=f32), default_dtype=f64)
    add("default_dtype_float64_no_suffix", torch.tensor([1.5, 2.0], dtype=f64), default_dtype=f64)
    add("default_dtype_float64_empty_int64", torch.zeros(0, dtype=torch.int64), default_dtype=f64)

    # ---- print options
    add("options_precision2", randn(70, (2, 4)), {"precision": 2})
    add("options_precision8_float64", randn(71, (5,), 1.0, f64), {"precision": 8})
    add("options_sci_true", randn(72, (2, 3)), {"sci_mode": True})
    add("options_sci_true_int_valued", torch.tensor([1.0, 2.0, 30.0]), {"sci_mode": True})
    add("options_sci_false_big_ratio", torch.tensor([0.00012, 5.0, 123456.0]), {"sci_mode": False})
    add("options_sci_false_int_valued_huge", torch.tensor([1.0, 3e9]), {"sci_mode": False})
    add("options_threshold5_arange", torch.arange(10), {"threshold": 5})
    add("options_threshold5_matrix", randn(73, (8, 8)), {"threshold": 5})
    add("options_threshold0_scalar", torch.tensor(1.5), {"threshold": 0})
    add("options_linewidth40", randn(74, (3, 12)), {"linewidth": 40})
    add("options_linewidth40_suffix", randn(75, (6,), 1.0, f64).requires_grad_(), {"linewidth": 40})
    add("options_linewidth10_narrow", torch.arange(6), {"linewidth": 10})
    add("options_edgeitems1", randn(76, (5, 6, 7)), {"edgeitems": 1, "threshold": 10})
    add("options_edgeitems5", torch.arange(2000), {"edgeitems": 5})
    add("options_profile_short", randn(77, (3, 4)), {"profile": "short"})
    add("options_profile_short_summarised", randn(78, (30, 40)), {"profile": "short"})
    add("options_profile_full_2000", randn(79, (2000,)), {"profile": "full"})
    add("options_profile_short_precision6", randn(80, (4,)), {"profile": "short", "precision": 6})
    add("options_precision0_fractions", torch.tensor([0.4, 1.6, -2.5]), {"precision": 0})
    add("options_precision0_sci", torch.tensor([1.5e-7, 2.0]), {"precision": 0})

    # ---- boundaries of the automatic notation choice, odd shapes, more wrapping
    add("boundary_max_exactly_1e8_int_valued", torch.tensor([1e8]))
    add("boundary_max_above_1e8_int_valued", torch.tensor([100000008.0, 1.0]))
    add("boundary_min_exactly_1e-4_float64", torch.tensor([1e-4, 0.05], dtype=f64))
    add("boundary_min_float32_1e-4", torch.tensor([1e-4, 0.05]))
    add("zeros_and_nan_only", torch.tensor([0.0, float("nan"), -0.0]))
    add("negative_values_only", torch.tensor([-1.5, -22.25, -0.125]))
    add("rank5_small", randn(90, (2, 1, 2, 1, 3)))
    add("rank3_ones_1x1x1", torch.ones(1, 1, 1))
    add("int_matrix_wide_rows_wrap", randint(91, -100000, 100000, (3, 25), torch.int64))
    add("bool_2000_summarised", randint(92, 0, 2, (2000,), torch.bool))
    add("int8_matrix_summarised", randint(93, -128, 128, (50, 30), torch.int8))
    add("options_linewidth1", torch.tensor([1.5, 2.5, -3.0]), {"linewidth": 1})
    add("options_threshold_float_2_5", torch.arange(3.0), {"threshold": 2.5})
    for seed in range(100, 106):
        add(f"matrix_randn_seed{seed}_4x6", randn(seed, (4, 6), 10.0 ** (seed - 103)))
    _w = torch.arange(10, dtype=f64).requires_grad_()
    add("grad_fn_float64_long_name", (_w * 3.25).cumsum(0))
    add("suffix_exactly_fits_linewidth", torch.arange(9, dtype=torch.int16) * 1111)

    os.makedirs(os.path.dirname(os.path.abspath(OUT)), exist_ok=True)


def fuzz_cases(count):
    """Random tensors and options (dtype, rank 0-4, magnitudes 1e-9..1e10, non-finite values,
    autograd suffixes), for a wider check than the committed list; not committed."""
    import random
    rng = random.Random(1234)
    dtypes = [f32, f64, f16, bf16, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]
    for i in range(count):
        dt = rng.choice(dtypes)
        shape = tuple(rng.choice([1, 2, 3, 4, 7, 8, 13, 40]) for _ in range(rng.randint(0, 4)))
        n = math.prod(shape)
        if n > 20000:
            continue
        gen = torch.Generator().manual_seed(i)
        if dt.is_floating_point:
            kind = rng.random()
            t = torch.randn(shape, generator=gen, dtype=f64) * 10 ** rng.uniform(-9, 10)
            if kind < 0.2:
                t = t.round()
            if kind < 0.1:
                t.view(-1)[rng.randrange(n)] = rng.choice([float("nan"), float("inf"), -float("inf"), -0.0, 0.0])
            t = t.to(dt)
        elif dt == torch.bool:
            t = torch.randint(0, 2, shape, generator=gen).bool()
        else:
            info = torch.iinfo(dt)
            high = min(info.max, 10 ** rng.randint(1, 18))
            t = torch.randint(max(info.min, -high), high, shape, generator=gen, dtype=torch.int64).to(dt)
        options = {}
        if rng.random() < 0.5:
            for key, choices in [("precision", [0, 1, 2, 3, 6, 10]), ("threshold", [0, 5, 50, 100, 1000]),
                                 ("edgeitems", [1, 2, 3, 4]), ("linewidth", [10, 30, 40, 80, 120]),
                                 ("sci_mode", [True, False])]:
                if rng.random() < 0.35:
                    options[key] = rng.choice(choices)
        if dt.is_floating_point and rng.random() < 0.2:
            t = t.requires_grad_()
            if rng.random() < 0.5:
                t = t * 1
        add(f"fuzz_{i}", t, options)


if len(sys.argv) == 4 and sys.argv[1] == "--fuzz":
    # make_repr_goldens.py --fuzz COUNT PATH: random cases to PATH instead of the committed list.
    # Check them with TORCHBOOK_REPR_GOLDENS=PATH dotnet test ... --filter FullyQualifiedName~ReprGoldenTests
    fuzz_cases(int(sys.argv[2]))
    OUT = sys.argv[3]
elif len(sys.argv) == 1:
    fixed_cases()
else:
    raise SystemExit("usage: make_repr_goldens.py [--fuzz COUNT PATH]")

# One case per line: small diffs when a case changes, still plain JSON.
with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    f.write("{\"generator\": \"tests/parity/make_repr_goldens.py\",\n")
    f.write(" \"torch_version\": " + json.dumps(torch.__version__) + ",\n")
    f.write(" \"cases\": [\n")
    f.write(",\n".join("  " + json.dumps(c, sort_keys=True, ensure_ascii=False) for c in cases))
    f.write("\n ]\n}\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}", file=sys.stderr)
