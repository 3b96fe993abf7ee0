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


def autograd_graph(output, output_name, names):
    """The graph as lib/Torchbook/PyTorchGraph.cs reads it: breadth-first from output.grad_fn through
    next_functions, nodes numbered n1, n2, ... in the order first reached, AccumulateGrad nodes as
    leaves (with their variable's shape), repeated edges counted. names: (name, tensor) pairs."""
    nodes = [["output", output_name, output_name, list(output.shape)]]
    edges = []
    root = output.grad_fn
    if root is None:
        return {"nodes": nodes, "edges": edges}

    def tensor_name(fn):
        for name, t in names:
            if t.is_leaf and getattr(fn, "variable", None) is t:
                return name
            if not t.is_leaf and t.grad_fn is fn:
                return name
        return None

    seen = []  # (fn, id): identity of the Python node objects, which PyTorch caches per node
    queue = []

    def visit(fn):
        for known, i in seen:
            if known is fn:
                return i
        i = "n%d" % (len(seen) + 1)
        seen.append((fn, i))
        queue.append(fn)
        if hasattr(fn, "variable"):
            nodes.append(["leaf", fn.name(), tensor_name(fn), list(fn.variable.shape)])
        else:
            nodes.append(["function", fn.name(), tensor_name(fn), None])
        return i

    edges.append(["output", visit(root), 1])
    while queue:
        fn = queue.pop(0)
        source = [i for known, i in seen if known is fn][0]
        targets = [visit(nxt) for nxt, _ in fn.next_functions if nxt is not None]
        for t in dict.fromkeys(targets):
            edges.append([source, t, targets.count(t)])
    return {"nodes": nodes, "edges": edges}


def one_layer_network(seed):
    torch.manual_seed(seed)
    x = torch.ones(5)
    y = torch.zeros(3)
    w = torch.randn(5, 3, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    z = torch.matmul(x, w) + b
    loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
    return x, y, w, b, z, loss


def double_until_long(v):
    h = v * 2
    doublings = 1
    while h.norm().item() < 10:
        h = h * 2
        doublings += 1
    return h.sum(), doublings


def autograd_graphs():
    """Graphs PyTorch records for known expressions; chapter 2 draws them (TorchSharp 0.107 has no grad_fn)."""
    cases = {}
    _, _, w, b, z, loss = one_layer_network(0)
    cases["one_layer"] = autograd_graph(loss, "loss", [("w", w), ("b", b), ("z", z)])

    w = torch.randn(5, 3, requires_grad=True)
    cases["square_sum"] = autograd_graph((w * w).sum(), "q", [("w", w)])

    x = torch.randn(3, requires_grad=True)
    a = x.exp()
    cases["shared"] = autograd_graph((a * 2 + a.sin()).mean(), "out", [("x", x), ("a", a)])

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    inputs = torch.randn(5, 4)
    target = torch.tensor([0, 1, 1, 0, 1])
    out = torch.nn.functional.cross_entropy(model(inputs), target)
    cases["mlp"] = autograd_graph(out, "loss", list(model.named_parameters()))

    v = torch.tensor([0.5, 0.5], requires_grad=True)
    cases["dynamic_small"] = autograd_graph(double_until_long(v)[0], "sum", [("v", v)])

    v = torch.tensor([3.0, 4.0], requires_grad=True)
    cases["dynamic_large"] = autograd_graph(double_until_long(v)[0], "sum", [("v", v)])

    leaf = torch.randn(2, 2, requires_grad=True)
    cases["leaf_output"] = autograd_graph(leaf, "p", [])
    return cases


def chapter02(full_steps=40, learning_rate=0.5):
    seed = 0
    cases = {}
    x, y, w, b, z, loss = one_layer_network(seed)
    cases["z"] = str(z)
    cases["loss"] = str(loss)
    cases["graph"] = autograd_graph(loss, "loss", [("w", w), ("b", b), ("z", z)])
    loss.backward()
    cases["w_grad"] = str(w.grad)
    cases["b_grad"] = str(b.grad)
    try:
        loss.backward()
        raise AssertionError("expected an error")
    except RuntimeError as e:
        cases["second_backward_error"] = str(e)

    # retain_graph: two backward passes add up.
    w.grad = None
    b.grad = None
    z = torch.matmul(x, w) + b
    loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
    loss.backward(retain_graph=True)
    loss.backward()
    cases["b_grad_twice"] = str(b.grad)

    # The zero_grad experiment: SGD from the same start, with and without zero_grad().
    soft_targets = torch.tensor([0.25, 0.75, 0.5])
    curves = {}
    for zero_grad in (True, False):
        w_run = torch.nn.Parameter(w.detach().clone())
        b_run = torch.nn.Parameter(b.detach().clone())
        optimizer = torch.optim.SGD([w_run, b_run], lr=learning_rate)
        losses = []
        for _ in range(full_steps):
            if zero_grad:
                optimizer.zero_grad()
            step_loss = torch.nn.functional.binary_cross_entropy_with_logits(torch.matmul(x, w_run) + b_run, soft_targets)
            losses.append(step_loss.item())
            step_loss.backward()
            optimizer.step()
        curves["with" if zero_grad else "without"] = losses
    cases["zero_grad_losses"] = curves

    # Control flow: the gradient is 2 ** doublings.
    for name, values in (("small", [0.5, 0.5]), ("large", [3.0, 4.0])):
        v = torch.tensor(values, requires_grad=True)
        out, doublings = double_until_long(v)
        out.backward()
        cases["control_flow_" + name] = {"doublings": doublings, "grad": str(v.grad)}
    return cases


if __name__ == "__main__":
    write(OUT, "01-tensors.json", chapter01())
    write(OUT, "02-autograd.json", chapter02())
    write(os.path.join(OUT, "..", "autograd"), "graphs.json", autograd_graphs())
