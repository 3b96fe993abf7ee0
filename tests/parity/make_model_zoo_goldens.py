#!/usr/bin/env python3
"""Goldens for chapter 7 (classic architectures), read by the chapter's tests and by
tests/Torchbook.Tests/NN: what Debian's python3-torchvision 0.14 says about the models of its zoo.

For each model: the parameter count, the number of entries in its state_dict (parameters and
buffers), and the shape of its output for one 3 x 224 x 224 image; for AlexNet (depths 1 and 2) and GoogLeNet (depth 1),
each layer's name, type, input and output shapes and parameters on that image, as forward hooks see
them (what Torchbook's ShapeTrace.Of reports), and AlexNet's named_parameters (ParameterTable.Of). GoogLeNet is built without its
auxiliary heads (aux_logits=False), as TorchVision for C# builds it.
Run: /usr/bin/python3 tests/parity/make_model_zoo_goldens.py
Writes tests/goldens/vision/model_zoo.json and tests/goldens/nn/shape_trace.json (re-runnable; the tests read it without Python)."""
import os

import torch
from torchvision import models

from golden_json import write

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "goldens", "vision")

NAMES = ["alexnet", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
         "googlenet", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
         "mobilenet_v2", "mobilenet_v3_small"]


def build(name):
    if name == "googlenet":
        return models.googlenet(weights=None, aux_logits=False, init_weights=False)
    return getattr(models, name)(weights=None)


def trace(model, x, depth):
    """Forward hooks on every module at `depth` (or a leaf above it), in the order their calls end."""
    rows, hooks, counted = [], [], set()
    for name, module in model.named_modules():
        if not name:
            continue
        level = name.count(".") + 1
        if level == depth or (level < depth and not list(module.children())):
            def hook(m, inputs, output, name=name):
                params = 0 if id(m) in counted else sum(p.numel() for p in m.parameters())
                counted.add(id(m))
                rows.append({"name": name, "type": type(m).__name__, "input": list(inputs[0].shape),
                             "output": list(output.shape), "params": params})
            hooks.append(module.register_forward_hook(hook))
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return rows


def main():
    torch.manual_seed(0)
    cases = {}
    x = torch.rand(1, 3, 224, 224)
    for name in NAMES:
        model = build(name).eval()
        with torch.no_grad():
            out = model(x)
        cases[name] = {
            "parameters": sum(p.numel() for p in model.parameters()),
            "state_dict_entries": len(model.state_dict()),
            "output_shape": list(out.shape),
        }
        print(name, cases[name])
    write(OUT, "model_zoo.json", cases)
    traces = {
        "alexnet_depth1": trace(models.alexnet(weights=None).eval(), x, 1),
        "alexnet_depth2": trace(models.alexnet(weights=None).eval(), x, 2),
        "googlenet_depth1": trace(build("googlenet").eval(), x, 1),
        "alexnet_parameters": [{"name": n, "shape": list(p.shape)} for n, p in models.alexnet(weights=None).named_parameters()],
    }
    write(os.path.join(HERE, "..", "goldens", "nn"), "shape_trace.json", traces)


if __name__ == "__main__":
    main()
