#!/usr/bin/python3
"""Writes tests/goldens/nn/*.json: what PyTorch 1.13 (Debian's python3-torch, the same libtorch the
C# binding uses) computes for torch.nn and torch.optim, for the binding's parity tests.

Run from anywhere: /usr/bin/python3 tests/parity/make_nn_goldens.py
Deterministic: running it again writes the same files. The tests read the files; they never need
Python. Where a case says "seed k", the C# test seeds the default generator with k, builds the
same layer and draws its input with the same calls, so only outputs are stored.
"""
import json
import math
import os
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

import golden_json
from fashion_mlp import GarmentClassifier

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "nn")
torch.set_num_threads(1)


def enc(t):
    return golden_json.enc(t, shortest_float32=True)


def write(name, cases):
    golden_json.write(OUT, name, cases)


# The models of the course notes.

class LSTMClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(100, 16)
        self.lstm = nn.LSTM(16, 32, batch_first=True)
        self.fc = nn.Linear(32, 2)

    def forward(self, x):
        out, (h, c) = self.lstm(self.embedding(x))
        return self.fc(h[-1])


def bn_cnn():
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 4 * 4, 10))


def cifar2_net():
    return nn.Sequential(
        nn.Conv2d(3, 16, kernel_size=3, padding=1), nn.Tanh(), nn.MaxPool2d(2),
        nn.Conv2d(16, 8, kernel_size=3, padding=1), nn.Tanh(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8 * 8 * 8, 32), nn.Tanh(), nn.Linear(32, 2))


class CNNNet(nn.Module):
    """AlexNet-style network of the notes."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2))
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(inplace=True),
            nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Linear(4096, num_classes))

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def vgg_ish():
    return nn.Sequential(OrderedDict([
        ("block1", nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
                                 nn.Conv2d(32, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(inplace=True), nn.MaxPool2d(2, 2))),
        ("block2", nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True), nn.MaxPool2d(2, 2), nn.Dropout2d(0.25))),
        ("pool", nn.AdaptiveAvgPool2d(1)),
        ("flatten", nn.Flatten()),
        ("head", nn.Sequential(nn.Linear(64, 128), nn.GELU(), nn.Dropout(0.5), nn.Linear(128, 10), nn.LogSoftmax(dim=1))),
    ]))


def summary_text(model, input_size):
    """torchsummary's summary(model, input_size) output, reproduced with its own algorithm and format."""
    rows = []
    hooks = []

    def register(module):
        def hook(module, inp, output):
            name = module.__class__.__name__
            key = "%s-%i" % (name, len(rows) + 1)
            shape = list(output.size())
            shape[0] = -1
            params = sum(p.numel() for p in module.parameters(recurse=False))
            trainable = any(p.requires_grad for p in module.parameters(recurse=False))
            rows.append((key, shape, params, trainable))

        if not isinstance(module, nn.Sequential) and not isinstance(module, nn.ModuleList) and module is not model:
            hooks.append(module.register_forward_hook(hook))

    model.apply(register)
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        model(torch.rand(2, *input_size, generator=g))
    for h in hooks:
        h.remove()
    lines = ["-" * 64, "{:>20}  {:>25} {:>15}".format("Layer (type)", "Output Shape", "Param #"), "=" * 64]
    total = trainable = total_output = 0
    for key, shape, params, tr in rows:
        lines.append("{:>20}  {:>25} {:>15}".format(key, str(shape), "{0:,}".format(params)))
        total += params
        total_output += math.prod(shape)
        if tr:
            trainable += params
    input_mb = abs(math.prod(input_size) * -1 * 4. / (1024 ** 2.))
    output_mb = abs(2. * total_output * 4. / (1024 ** 2.))
    params_mb = abs(total * 4. / (1024 ** 2.))
    lines += ["=" * 64, "Total params: {0:,}".format(total), "Trainable params: {0:,}".format(trainable),
              "Non-trainable params: {0:,}".format(total - trainable), "-" * 64,
              "Input size (MB): %0.2f" % input_mb, "Forward/backward pass size (MB): %0.2f" % output_mb,
              "Params size (MB): %0.2f" % params_mb, "Estimated Total Size (MB): %0.2f" % (params_mb + output_mb + input_mb), "-" * 64]
    return "\n".join(lines)


def model_cases():
    cases = {}
    for name, make in [("garment", GarmentClassifier), ("lstm", LSTMClassifier), ("bn_cnn", bn_cnn), ("cifar2", cifar2_net)]:
        torch.manual_seed(0)
        m = make()
        for k, v in m.state_dict().items():
            cases[f"{name}/init/{k}"] = enc(v)
        cases[f"{name}/keys"] = list(m.state_dict().keys())
    # LSTM classifier forward on fixed tokens.
    torch.manual_seed(0)
    m = LSTMClassifier()
    tokens = torch.randint(0, 100, (3, 7))
    cases["lstm/tokens"] = enc(tokens)
    cases["lstm/output"] = enc(m(tokens))
    # BatchNorm CNN: a training step's forward updates the running statistics; eval uses them.
    torch.manual_seed(0)
    m = bn_cnn()
    x = torch.randn(4, 3, 8, 8)
    cases["bn_cnn/train_output"] = enc(m(x))
    cases["bn_cnn/running_mean"] = enc(m[1].running_mean)
    cases["bn_cnn/running_var"] = enc(m[1].running_var)
    m.eval()
    cases["bn_cnn/eval_output"] = enc(m(x))
    return cases


def training_cases():
    """50 SGD steps (lr 1e-3, momentum 0.9) of GarmentClassifier on one fixed batch."""
    cases = {}
    g = torch.Generator().manual_seed(1234)
    x = torch.rand(16, 1, 28, 28, generator=g)
    y = torch.randint(0, 10, (16,), generator=g)
    cases["inputs"] = enc(x)
    cases["labels"] = enc(y)
    torch.manual_seed(0)
    model = GarmentClassifier()
    opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(50):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    cases["losses"] = losses
    cases["final/fc3.bias"] = enc(model.fc3.bias)
    return cases


def repr_cases():
    layers = {
        "linear": nn.Linear(784, 512),
        "linear_nobias": nn.Linear(3, 2, bias=False),
        "conv_pad1": nn.Conv2d(3, 16, 3, padding=1),
        "conv_lenet": nn.Conv2d(1, 6, 5),
        "conv_same": nn.Conv2d(3, 8, 3, padding="same"),
        "conv_full": nn.Conv2d(4, 8, (3, 5), stride=(2, 1), padding=(1, 2), dilation=2, groups=2, bias=False, padding_mode="reflect"),
        "conv1d": nn.Conv1d(16, 33, 3, stride=2),
        "convt": nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1),
        "maxpool2": nn.MaxPool2d(2),
        "maxpool3s2": nn.MaxPool2d(3, stride=2),
        "maxpool_tuple": nn.MaxPool2d((2, 2)),
        "maxpool1d": nn.MaxPool1d(3),
        "avgpool2": nn.AvgPool2d(2),
        "avgpool1d": nn.AvgPool1d(2),
        "adaptive66": nn.AdaptiveAvgPool2d((6, 6)),
        "adaptive1": nn.AdaptiveAvgPool2d(1),
        "adaptive1d": nn.AdaptiveAvgPool1d(5),
        "adaptivemax": nn.AdaptiveMaxPool2d((2, 2)),
        "bn1d": nn.BatchNorm1d(100),
        "bn2d_nomomentum": nn.BatchNorm2d(16, momentum=None, affine=False),
        "layernorm": nn.LayerNorm(10),
        "layernorm2": nn.LayerNorm([4, 5], eps=1e-6),
        "dropout": nn.Dropout(),
        "dropout25": nn.Dropout(0.25),
        "dropout2d": nn.Dropout2d(0.2),
        "relu": nn.ReLU(),
        "relu_inplace": nn.ReLU(inplace=True),
        "leaky": nn.LeakyReLU(),
        "leaky02": nn.LeakyReLU(0.2),
        "gelu": nn.GELU(),
        "tanh": nn.Tanh(),
        "sigmoid": nn.Sigmoid(),
        "softmax": nn.Softmax(dim=1),
        "logsoftmax": nn.LogSoftmax(dim=1),
        "flatten": nn.Flatten(),
        "unflatten": nn.Unflatten(1, (2, 5)),
        "identity": nn.Identity(),
        "embedding": nn.Embedding(100, 16),
        "embedding_pad": nn.Embedding(10, 3, padding_idx=0),
        "lstm": nn.LSTM(16, 32, batch_first=True),
        "lstm_big": nn.LSTM(10, 20, num_layers=2, dropout=0.5, bidirectional=True),
        "gru": nn.GRU(8, 16),
        "rnn_relu": nn.RNN(4, 8, nonlinearity="relu"),
        "upsample": nn.Upsample(scale_factor=2),
        "upsample_bilinear": nn.Upsample(scale_factor=2, mode="bilinear"),
        "ce": nn.CrossEntropyLoss(),
        "mse": nn.MSELoss(),
        "modulelist": nn.ModuleList([nn.Linear(2, 2), nn.ReLU()]),
        "moduledict": nn.ModuleDict({"conv": nn.Conv2d(1, 2, 3), "act": nn.ReLU()}),
        "sequential_named": nn.Sequential(OrderedDict([("fc1", nn.Linear(4, 8)), ("act", nn.ReLU()), ("fc2", nn.Linear(8, 1))])),
        "mlp": nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10)),
        "garment": GarmentClassifier(),
        "lstm_classifier": LSTMClassifier(),
        "cnnnet": CNNNet(),
        "vgg_ish": vgg_ish(),
        "cifar2": cifar2_net(),
        "bn_cnn": bn_cnn(),
    }
    cases = {}
    for k, m in layers.items():
        cases[f"repr/{k}"] = repr(m)
        cases[f"params/{k}"] = sum(p.numel() for p in m.parameters())
    cases["summary/garment"] = summary_text(GarmentClassifier(), (1, 28, 28))
    cases["summary/cifar2"] = summary_text(cifar2_net(), (3, 32, 32))
    cases["summary/bn_cnn"] = summary_text(bn_cnn(), (3, 8, 8))
    torch.manual_seed(0)
    cases["parameter_repr"] = repr(nn.Linear(3, 2).bias)
    # load_state_dict's messages.
    m = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
    sd = m.state_dict()
    bad = OrderedDict(sd)
    del bad["0.bias"]
    bad["3.weight"] = torch.zeros(1)
    bad["2.weight"] = torch.zeros(1, 3)
    for name, strict in [("strict", True), ("lenient", False)]:
        try:
            m.load_state_dict(bad, strict=strict)
            cases[f"load_error/{name}"] = ""
        except RuntimeError as e:
            cases[f"load_error/{name}"] = str(e)
    return cases


def layer_cases():
    """Forward outputs: seed k, build the layer, draw the input with randn."""
    cases = {}

    def run(key, seed, make, shape, fn=None):
        torch.manual_seed(seed)
        layer = make()
        x = torch.randn(*shape)
        y = fn(layer, x) if fn else layer(x)
        if isinstance(y, tuple):
            for i, t in enumerate(y):
                cases[f"{key}/{i}"] = enc(t)
        else:
            cases[key] = enc(y)

    run("conv2d", 1, lambda: nn.Conv2d(4, 6, 3, stride=2, padding=1, dilation=1, groups=2), (2, 4, 9, 9))
    run("conv2d_dilated", 2, lambda: nn.Conv2d(3, 5, (3, 2), padding=(2, 1), dilation=2, bias=False), (1, 3, 8, 7))
    run("conv2d_same", 3, lambda: nn.Conv2d(2, 3, 4, padding="same"), (1, 2, 6, 6))
    run("conv2d_reflect", 4, lambda: nn.Conv2d(2, 3, 3, padding=1, padding_mode="reflect"), (1, 2, 5, 5))
    run("conv1d", 5, lambda: nn.Conv1d(3, 4, 3, stride=2), (2, 3, 11))
    run("convt2d", 6, lambda: nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1), (1, 3, 4, 4))
    run("maxpool2d", 7, lambda: nn.MaxPool2d(3, stride=2, padding=1), (1, 2, 7, 7))
    run("maxpool2d_ceil", 8, lambda: nn.MaxPool2d(2, ceil_mode=True), (1, 1, 5, 5))
    run("maxpool1d", 9, lambda: nn.MaxPool1d(2), (2, 3, 8))
    run("avgpool2d", 10, lambda: nn.AvgPool2d(3, stride=2, padding=1), (1, 2, 7, 7))
    run("avgpool1d", 11, lambda: nn.AvgPool1d(3), (1, 2, 9))
    run("adaptive_avg2d", 12, lambda: nn.AdaptiveAvgPool2d((3, 2)), (1, 2, 7, 5))
    run("adaptive_avg1d", 13, lambda: nn.AdaptiveAvgPool1d(4), (1, 2, 9))
    run("adaptive_max2d", 14, lambda: nn.AdaptiveMaxPool2d(2), (1, 2, 5, 5))
    run("batchnorm2d_train", 15, lambda: nn.BatchNorm2d(3), (4, 3, 2, 2), lambda l, x: (l(x), l.running_mean, l.running_var))
    run("batchnorm1d_train", 16, lambda: nn.BatchNorm1d(5), (6, 5), lambda l, x: (l(x), l.running_mean, l.running_var))
    run("layernorm", 17, lambda: nn.LayerNorm([3, 4]), (2, 3, 4))
    run("linear", 18, lambda: nn.Linear(5, 3), (4, 5))
    run("lstm", 19, lambda: nn.LSTM(4, 6, num_layers=2, bidirectional=True, batch_first=True), (2, 5, 4),
        lambda l, x: (lambda o: (o[0], o[1][0], o[1][1]))(l(x)))
    run("gru", 20, lambda: nn.GRU(4, 5), (3, 2, 4), lambda l, x: l(x))
    run("rnn", 21, lambda: nn.RNN(4, 5, nonlinearity="relu", num_layers=2), (3, 2, 4), lambda l, x: l(x))
    run("upsample_nearest", 22, lambda: nn.Upsample(scale_factor=2), (1, 1, 2, 3))
    run("upsample_bilinear", 23, lambda: nn.Upsample(size=(5, 4), mode="bilinear", align_corners=False), (1, 1, 2, 3))
    run("pad_reflect", 24, lambda: None, (1, 1, 3, 3), lambda l, x: F.pad(x, (1, 2, 2, 1), mode="reflect"))
    run("gelu", 25, lambda: nn.GELU(), (7,))
    run("leaky", 26, lambda: nn.LeakyReLU(0.2), (7,))
    torch.manual_seed(27)
    emb = nn.Embedding(6, 3, padding_idx=2)
    cases["embedding_pad/weight"] = enc(emb.weight)
    cases["embedding_pad/out"] = enc(emb(torch.tensor([[0, 2, 5], [1, 1, 2]])))
    torch.manual_seed(28)
    w = torch.empty(4, 5)
    out = {}
    nn.init.kaiming_uniform_(w)
    out["kaiming_uniform"] = enc(w)
    nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
    out["kaiming_normal"] = enc(w)
    nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain("tanh"))
    out["xavier_uniform"] = enc(w)
    nn.init.xavier_normal_(w)
    out["xavier_normal"] = enc(w)
    for k, v in out.items():
        cases[f"init/{k}"] = v
    # clip_grad_norm_
    torch.manual_seed(29)
    a = torch.randn(3, 4, requires_grad=True)
    b = torch.randn(5, requires_grad=True)
    ((a * 3).sum() + (b ** 2).sum()).backward()
    total = torch.nn.utils.clip_grad_norm_([a, b], 1.0)
    cases["clip/total"] = float(total)
    cases["clip/a_grad"] = enc(a.grad)
    cases["clip/b_grad"] = enc(b.grad)
    return cases


def loss_cases():
    cases = {}
    torch.manual_seed(30)
    logits = torch.randn(5, 4)
    target = torch.tensor([0, 3, 1, 1, 2])
    probs_target = torch.softmax(torch.randn(5, 4), 1)
    weight = torch.tensor([1.0, 2.0, 0.5, 1.5])
    reg_in = torch.randn(3, 4)
    reg_target = torch.randn(3, 4)
    bin_logits = torch.randn(3, 4)
    bin_target = torch.randint(0, 2, (3, 4)).float()
    pos_weight = torch.tensor([1.0, 2.0, 3.0, 0.5])
    seq_logits = torch.randn(2, 4, 3)
    seq_target = torch.tensor([[0, 1, 3], [2, 2, 1]])
    for red in ["none", "mean", "sum"]:
        cases[f"ce/{red}"] = enc(F.cross_entropy(logits, target, reduction=red))
        cases[f"ce_weight/{red}"] = enc(F.cross_entropy(logits, target, weight=weight, reduction=red))
        cases[f"ce_ignore/{red}"] = enc(F.cross_entropy(logits, target, ignore_index=1, reduction=red))
        cases[f"ce_smooth/{red}"] = enc(F.cross_entropy(logits, target, label_smoothing=0.1, reduction=red))
        cases[f"ce_probs/{red}"] = enc(F.cross_entropy(logits, probs_target, reduction=red))
        cases[f"ce_seq/{red}"] = enc(F.cross_entropy(seq_logits, seq_target, reduction=red))
        cases[f"nll/{red}"] = enc(F.nll_loss(F.log_softmax(logits, 1), target, weight=weight, reduction=red))
        cases[f"mse/{red}"] = enc(F.mse_loss(reg_in, reg_target, reduction=red))
        cases[f"l1/{red}"] = enc(F.l1_loss(reg_in, reg_target, reduction=red))
        cases[f"smoothl1/{red}"] = enc(F.smooth_l1_loss(reg_in, reg_target, reduction=red, beta=0.5))
        cases[f"bce/{red}"] = enc(F.binary_cross_entropy(torch.sigmoid(bin_logits), bin_target, reduction=red))
        cases[f"bcelogits/{red}"] = enc(F.binary_cross_entropy_with_logits(bin_logits, bin_target, pos_weight=pos_weight, reduction=red))
    x = logits.clone().requires_grad_()
    F.cross_entropy(x, target).backward()
    cases["ce/grad"] = enc(x.grad)
    messages = {}
    for name, fn in [
        ("ce_target_float", lambda: F.cross_entropy(logits, target.float())),
        ("ce_target_out_of_range", lambda: F.cross_entropy(logits, torch.tensor([0, 4, 1, 1, 2]))),
        ("ce_batch_mismatch", lambda: F.cross_entropy(logits, torch.tensor([0, 1]))),
        ("linear_shape", lambda: F.linear(torch.randn(2, 3), torch.randn(4, 5))),
        ("conv_channels", lambda: F.conv2d(torch.randn(1, 2, 5, 5), torch.randn(3, 4, 3, 3))),
    ]:
        try:
            fn()
            messages[name] = ""
        except Exception as e:
            messages[name] = str(e).split("\n")[0]
    for k, v in messages.items():
        cases[f"error/{k}"] = v
    return cases


def optim_cases():
    """Trajectories on f(w) = sum(c * w^2) + w0 * w1 from w = (1.5, -0.5, 2.0), 20 steps."""
    c = torch.tensor([1.0, 2.0, 3.0])
    makers = {
        "sgd_nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
        "sgd_full": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
        "sgd_plain": lambda p: torch.optim.SGD(p, lr=0.05),
        "adam": lambda p: torch.optim.Adam(p, lr=0.1),
        "adam_amsgrad_wd": lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True),
        "adamw": lambda p: torch.optim.AdamW(p, lr=0.1),
        "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
        "rmsprop_centered_momentum": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9, centered=True, weight_decay=0.1),
        "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1),
    }
    cases = {}
    for name, make in makers.items():
        w = torch.tensor([1.5, -0.5, 2.0], requires_grad=True)
        opt = make([w])
        traj = []
        for _ in range(20):
            opt.zero_grad()
            loss = (c * w ** 2).sum() + w[0] * w[1]
            loss.backward()
            opt.step()
            traj.append(w.detach().clone())
        cases[name] = enc(torch.stack(traj))
    return cases


def scheduler_cases():
    """Learning rates after construction and 29 steps (30 values)."""
    cases = {}

    def run(name, make_opt, make_sched, metrics=None, extra=None):
        p = torch.zeros(1, requires_grad=True)
        opt = make_opt([p])
        sched = make_sched(opt)
        lrs = [opt.param_groups[0]["lr"]]
        ext = [extra(opt)] if extra else None
        for i in range(29):
            opt.step()
            if metrics is not None:
                sched.step(metrics[i])
            else:
                sched.step()
            lrs.append(opt.param_groups[0]["lr"])
            if extra:
                ext.append(extra(opt))
        cases[name] = lrs
        if extra:
            cases[name + "/momentum"] = ext

    sgd = lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)
    adam = lambda p: torch.optim.Adam(p, lr=0.1)
    run("step", sgd, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=5, gamma=0.5))
    run("multistep", sgd, lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[5, 12, 12, 20], gamma=0.3))
    run("exponential", sgd, lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9))
    run("cosine", sgd, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001))
    run("linear", sgd, lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, total_iters=8))
    run("onecycle", sgd, lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.5, total_steps=30),
        extra=lambda o: o.param_groups[0]["momentum"])
    run("onecycle_three_linear_adam", adam, lambda o: torch.optim.lr_scheduler.OneCycleLR(
        o, max_lr=0.01, epochs=3, steps_per_epoch=10, three_phase=True, anneal_strategy="linear"),
        extra=lambda o: o.param_groups[0]["betas"][0])
    metrics = [1.0, 0.9, 0.95, 0.96, 0.97, 0.8, 0.85, 0.86, 0.87, 0.88, 0.7, 0.71, 0.72, 0.73, 0.74,
               0.75, 0.6, 0.61, 0.62, 0.63, 0.64, 0.65, 0.66, 0.67, 0.68, 0.69, 0.7, 0.71, 0.72]
    cases["plateau/metrics"] = metrics
    run("plateau", sgd, lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=2, cooldown=1, min_lr=0.01), metrics=metrics)
    return cases


if __name__ == "__main__":
    write("models.json", model_cases())
    write("training.json", training_cases())
    write("repr.json", repr_cases())
    write("layers.json", layer_cases())
    write("losses.json", loss_cases())
    write("optim.json", optim_cases())
    write("schedulers.json", scheduler_cases())
    print("wrote", OUT)
