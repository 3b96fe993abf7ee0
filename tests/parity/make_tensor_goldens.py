#!/usr/bin/python3
"""Writes tests/goldens/tensor/*.json: values computed by PyTorch 1.13 (Debian's python3-torch,
the same libtorch the C# binding uses), for the binding's parity tests.

Run from anywhere: /usr/bin/python3 tests/parity/make_tensor_goldens.py
Deterministic: running it again writes the same files. The tests read the files; they never
need Python.
"""
import json
import os

import torch

import golden_json
from golden_json import enc

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "tensor")
torch.set_num_threads(1)


def write(name, cases):
    golden_json.write(OUT, name, cases)


def random_cases():
    cases = {}
    for seed in (0, 42, 2023):
        torch.manual_seed(seed)
        cases[f"seed{seed}/rand_5"] = enc(torch.rand(5))
        cases[f"seed{seed}/randn_2x3"] = enc(torch.randn(2, 3))
        cases[f"seed{seed}/randint_0_10_x6"] = enc(torch.randint(0, 10, (6,)))
        cases[f"seed{seed}/normal_2_3_x4"] = enc(torch.normal(2.0, 3.0, (4,)))
        cases[f"seed{seed}/randperm_8"] = enc(torch.randperm(8))
        cases[f"seed{seed}/rand_f64_3"] = enc(torch.rand(3, dtype=torch.float64))
        cases[f"seed{seed}/randn_1000_sum"] = enc(torch.randn(1000).sum().reshape(1))
    g = torch.Generator().manual_seed(7)
    cases["generator7/rand_3"] = enc(torch.rand(3, generator=g))
    cases["generator7/randn_3"] = enc(torch.randn(3, generator=g))
    torch.manual_seed(5)
    x = torch.empty(4)
    x.normal_(0, 2)
    cases["seed5/normal__4"] = enc(x)
    x.uniform_(-1, 1)
    cases["seed5/uniform__4"] = enc(x)
    cases["seed5/bernoulli_half_8"] = enc(torch.bernoulli(torch.full((8,), 0.5)))
    cases["seed5/multinomial"] = enc(torch.multinomial(torch.tensor([0.1, 0.2, 0.7]), 5, replacement=True))
    # Dropout masks under a seed: the functional form, the module, and Dropout2d's whole channels.
    torch.manual_seed(9)
    cases["seed9/dropout_half_2x8"] = enc(torch.nn.functional.dropout(torch.ones(2, 8), 0.5))
    cases["seed9/Dropout_0.2_10"] = enc(torch.nn.Dropout(0.2)(torch.ones(10)))
    cases["seed9/Dropout2d_0.5_2x4x2x2"] = enc(torch.nn.Dropout2d(0.5)(torch.ones(2, 4, 2, 2)))
    cases["seed9/rand_after_dropout_3"] = enc(torch.rand(3))
    return cases


def inputs():
    torch.manual_seed(1)
    a = torch.randn(3, 4)
    b = torch.randn(3, 4)
    v = torch.randn(4)
    m = torch.randn(4, 2)
    i = torch.tensor([[0, 2, 1, 3], [3, 0, 0, 1], [1, 1, 2, 2]])
    return a, b, v, m, i


def op_cases():
    a, b, v, m, i = inputs()
    cases = {"in/a": enc(a), "in/b": enc(b), "in/v": enc(v), "in/m": enc(m), "in/i": enc(i)}
    c = {
        "add": a + b, "add_alpha": torch.add(a, b, alpha=2), "add_scalar": a + 1.5, "sub": a - b, "rsub": 2 - a,
        "mul": a * b, "mul_scalar": a * 3, "div": a / b, "div_scalar": a / 4, "rdiv": 1 / b,
        "div_floor": torch.div(a, b, rounding_mode="floor"), "div_trunc": torch.div(a, b, rounding_mode="trunc"),
        "remainder": a % 0.7, "pow_scalar": a.pow(2), "pow_tensor": a.abs().pow(b), "neg": -a,
        "broadcast_add": a + v, "broadcast_mul_col": a * torch.tensor([[1.0], [2.0], [3.0]]),
        "exp": a.exp(), "log": a.abs().log(), "sqrt": a.abs().sqrt(), "sin": a.sin(), "cos": a.cos(),
        "tanh": a.tanh(), "sigmoid": a.sigmoid(), "relu": a.relu(), "abs": a.abs(), "floor": a.floor(),
        "ceil": a.ceil(), "round": (a * 10).round(), "round_decimals": torch.round(a, decimals=2),
        "clamp": a.clamp(-0.5, 0.5), "clamp_min": a.clamp(min=0),
        "softmax1": a.softmax(1), "log_softmax1": a.log_softmax(1), "softmax0": a.softmax(0),
        "eq": a.eq(b), "gt": a > b, "le_scalar": a <= 0, "ne": a != b,
        "sum": a.sum(), "sum0": a.sum(0), "sum1_keep": a.sum(1, keepdim=True), "mean": a.mean(),
        "mean1": a.mean(1), "std": a.std(), "std0": a.std(0), "var_biased": a.var(unbiased=False),
        "prod": a.prod(), "max": a.max(), "min": a.min(), "argmax": a.argmax(), "argmax1": a.argmax(1),
        "argmin0": a.argmin(0), "max1_values": a.max(1).values, "max1_indices": a.max(1).indices,
        "min0_values": a.min(0).values, "min0_indices": a.min(0).indices, "all": (a > -5).all(),
        "any": (a > 2).any(), "cumsum1": a.cumsum(1), "norm": a.norm(), "logsumexp1": a.logsumexp(1),
        "matmul": a.matmul(m), "mm": a.mm(m), "matmul_mv": a.matmul(v), "dot": v.dot(v), "outer": v.outer(v[:3]),
        "bmm": torch.bmm(a.reshape(1, 3, 4), m.reshape(1, 4, 2)),
        "t": a.t(), "transpose": a.transpose(0, 1), "permute": a.reshape(3, 2, 2).permute(2, 0, 1),
        "view": a.view(4, 3), "reshape_neg": a.reshape(-1, 6), "flatten": a.reshape(3, 2, 2).flatten(1),
        "unsqueeze": a.unsqueeze(1), "squeeze": a.reshape(1, 3, 1, 4).squeeze(), "expand": v.expand(2, 4),
        "repeat": v.repeat(2, 1), "cat0": torch.cat([a, b], 0), "cat1": torch.cat([a, b], 1),
        "stack": torch.stack([a, b]), "stack1": torch.stack([a, b], 1), "flip": a.flip(1),
        "where": torch.where(a > 0, a, b), "masked_fill": a.masked_fill(a < 0, 0.0), "masked_select": a[a > 0],
        "gather": a.gather(1, i), "index_select": a.index_select(1, torch.tensor([3, 0])),
        "scatter_": torch.zeros(3, 5).scatter_(1, torch.tensor([[1], [4], [0]]), 1.0),
        "scatter_add": torch.zeros(3, 4).scatter_add(1, i, b), "nonzero": (a > 0).nonzero(),
        "topk_values": a.topk(2, 1).values, "topk_indices": a.topk(2, 1).indices,
        "sort_values": a.sort(1).values, "sort_indices": a.sort(1).indices,
        "sort_desc_values": a.sort(0, descending=True).values,
        "unique": torch.tensor([3, 1, 2, 3, 1, 5]).unique(), "argsort": v.argsort(),
        "tril": a.tril(), "triu1": a.triu(1), "linspace": torch.linspace(0, 1, 5), "arange": torch.arange(5),
        "arange_float": torch.arange(0, 1, 0.25), "eye": torch.eye(3), "full_int": torch.full((2,), 3),
        "full_float": torch.full((2,), 3.5), "to_int32": (a * 10).to(torch.int32), "to_uint8": (a.abs() * 50).to(torch.uint8),
        "to_half": a.half(), "to_bfloat16": a.bfloat16(), "to_double": a.double(), "to_bool": a.round().bool(),
        "int_div": torch.tensor([7, -7, 5]) // 2, "int_true_div": torch.tensor([7, -7, 5]) / 2,
        "int_float_promote": torch.tensor([1, 2, 3]) * 0.5, "einsum": torch.einsum("ij,jk->ik", a, m),
    }
    x = a.clone()
    x.add_(1).mul_(2).clamp_(max=3.0)
    c["inplace_chain"] = x
    y = a.clone()
    y[:, 1] = 0
    y[0] = torch.tensor([9.0, 8.0, 7.0, 6.0])
    y[y < -1] = -1
    c["index_assign"] = y
    c["index_row"] = a[1]
    c["index_col"] = a[:, 0]
    c["index_slice_step"] = a[::2, 1:3]
    c["index_ellipsis_none"] = a[..., None, 2]
    c["index_neg"] = a[-1, -2]
    c["index_tensor"] = a[torch.tensor([2, 0])]
    c["index_pair"] = a[torch.tensor([0, 2]), torch.tensor([1, 3])]
    c["split_0"], c["split_1"] = a.split(2, 1)
    c["chunk_last"] = a.chunk(3, 0)[2]
    for k, t in c.items():
        cases["op/" + k] = enc(t)
    return cases


def grad_cases():
    cases = {}
    torch.manual_seed(0)
    x = torch.randn(5, 4)
    y = torch.tensor([0, 1, 1, 0, 1])
    w1 = torch.randn(4, 3, requires_grad=True)
    b1 = torch.zeros(3, requires_grad=True)
    w2 = torch.randn(3, 2, requires_grad=True)
    h = (x @ w1 + b1).tanh()
    logits = h @ w2
    loss = -logits.log_softmax(1).gather(1, y.unsqueeze(1)).mean()
    loss.backward()
    for name, t in {"x": x, "y": y, "w1": w1, "b1": b1, "w2": w2, "loss": loss, "w1.grad": w1.grad,
                    "b1.grad": b1.grad, "w2.grad": w2.grad}.items():
        cases["net/" + name] = enc(t)
    # A one-layer binary classifier with BCE-with-logits written out (chapter 2's example).
    torch.manual_seed(0)
    xi = torch.ones(5)
    yt = torch.zeros(3)
    w = torch.randn(5, 3, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    z = xi @ w + b
    p = z.sigmoid()
    bce = -(yt * p.log() + (1 - yt) * (1 - p).log()).mean()
    bce.backward()
    for name, t in {"w": w, "b": b, "loss": bce, "w.grad": w.grad, "b.grad": b.grad}.items():
        cases["bce/" + name] = enc(t)
    # backward with a gradient argument, and autograd.grad.
    v = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    out = v * v * 2
    out.backward(torch.tensor([1.0, 0.1, 0.01]))
    cases["vjp/v.grad"] = enc(v.grad)
    u = torch.tensor([0.5, -1.0], requires_grad=True)
    (g,) = torch.autograd.grad((u ** 3).sum(), [u])
    cases["autograd.grad/u3"] = enc(g)
    return cases


def repr_cases():
    cases = {}
    leaf = torch.tensor([[0.1, 0.2]], requires_grad=True)
    cases["add_grad_fn"] = repr(leaf + 1)
    cases["leaf_requires_grad"] = repr(leaf)
    cases["mm_grad_fn"] = repr(leaf @ torch.ones(2, 1))
    cases["sum_grad_fn"] = repr((leaf * 2).sum())
    torch.manual_seed(0)
    cases["randn_3x3"] = repr(torch.randn(3, 3))
    cases["arange_2000"] = repr(torch.arange(2000))
    cases["rand_40x40"] = repr(torch.rand(40, 40))
    cases["int32"] = repr(torch.tensor([1, 2, 3], dtype=torch.int32))
    cases["float64"] = repr(torch.tensor([1.5, 2.25], dtype=torch.float64))
    cases["bool"] = repr(torch.tensor([True, False]))
    cases["scalar"] = repr(torch.tensor(3.0))
    cases["empty"] = repr(torch.zeros(0, 3))
    cases["big_small"] = repr(torch.tensor([1e-5, 1.0, 1e5]))
    names = {}
    for k in ["add_grad_fn", "mm_grad_fn", "sum_grad_fn"]:
        names[k] = cases[k]
    return cases


def grad_fn_names():
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    chain = []
    node = out.grad_fn
    while node is not None:
        chain.append(node.name())
        nxt = [f for f, _ in node.next_functions if f is not None]
        node = nxt[0] if nxt else None
    return {"y": y.grad_fn.name(), "z": z.grad_fn.name(), "out": out.grad_fn.name(), "chain": chain,
            "relu": torch.relu(x).grad_fn.name(), "matmul": (x @ x).grad_fn.name(), "view": x.view(4).grad_fn.name(),
            "sigmoid": x.sigmoid().grad_fn.name(), "index": x[0].grad_fn.name()}


if __name__ == "__main__":
    write("random.json", random_cases())
    write("ops.json", op_cases())
    write("grads.json", grad_cases())
    write("repr.json", repr_cases())
    write("grad_fn.json", grad_fn_names())
    print("wrote", os.path.normpath(OUT), "with torch", torch.__version__)
