#!/usr/bin/python3
"""Writes chapter 4's PyTorch-trained weights with Debian's python3-torch (run with /usr/bin/python3).

  notebooks/assets/fashion-mnist-mlp.pth   state_dict of the tutorial's NeuralNetwork
                                           (784-512-512-10, float32, 2.7 MB), saved by torch.save
  notebooks/assets/fashion-mnist-mlp.json  how it was trained, its test accuracy and loss, and the
                                           logits it gives for the first test images

The chapter loads the .pth into its C# NeuralNetwork and checks that C# gives the logits recorded
here. The network is trained (3 epochs of SGD, lr 0.1, momentum 0.9, shuffled batches of 64) so
that its predictions are worth looking at. Deterministic: fixed seed, one thread.
"""
import json
import os

import torch
from torch import nn

import fashion_mlp

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.join(HERE, "..", "..", "notebooks", "assets")
NAME = "fashion-mnist-mlp"
SEED, EPOCHS, LR, MOMENTUM, BATCH = 0, 3, 0.1, 0.9, 64
SAMPLES = 8


def main():
    torch.set_num_threads(1)
    train_x, train_y = fashion_mlp.load(train=True)
    test_x, test_y = fashion_mlp.load(train=False)
    torch.manual_seed(SEED)
    model = fashion_mlp.NeuralNetwork()
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    for epoch in range(EPOCHS):
        order = torch.randperm(len(train_y))
        for X, y in fashion_mlp.batches(train_x, train_y, BATCH, order):
            loss = loss_fn(model(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        accuracy, avg_loss = fashion_mlp.evaluate(model, test_x, test_y)
        print(f"epoch {epoch + 1}: test accuracy {100 * accuracy:.1f}%, avg loss {avg_loss:.6f}")

    model.eval()
    with torch.no_grad():
        logits = model(test_x[:SAMPLES])
    os.makedirs(ASSETS, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(ASSETS, NAME + ".pth"))
    record = {
        "made_by": "tests/parity/make_chapter4_fixture.py (PyTorch " + torch.__version__ + ")",
        "architecture": str(model),
        "training": {"seed": SEED, "epochs": EPOCHS, "optimizer": "SGD", "lr": LR, "momentum": MOMENTUM,
                     "batch_size": BATCH, "shuffled": True, "train_images": len(train_y)},
        "test_accuracy": accuracy,
        "test_avg_loss": avg_loss,
        "samples": [
            {"test_index": i, "label": int(test_y[i]), "predicted": int(logits[i].argmax()),
             "logits": [float(v) for v in logits[i].tolist()]}
            for i in range(SAMPLES)
        ],
    }
    with open(os.path.join(ASSETS, NAME + ".json"), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print(f"wrote {NAME}.pth and {NAME}.json to {os.path.normpath(ASSETS)}")


if __name__ == "__main__":
    main()
