#!/usr/bin/python3
"""Writes tests/goldens/chapters/04-models-and-training.json: what PyTorch prints for chapter 4's
training run (run with /usr/bin/python3, Debian's python3-torch, the libtorch the chapter runs on).

The chapter seeds the global generator, builds the tutorial's NeuralNetwork and trains it with
unshuffled batches, SGD and cross-entropy. With the same seed PyTorch starts from the same
weights, so it prints the same losses and accuracies. Two configurations are recorded:

  quick  the chapter's quick parameters (torchbook run --quick): every line the train and test
         loops print; the chapter test compares the notebook's lines with these
  full   the notes' settings (60,000 images, 10 epochs, lr 1e-3, batch 64): each epoch's test
         accuracy and loss, quoted in the chapter's prose (takes a few minutes)

Usage: make_chapter4_goldens.py [--quick-only]
"""
import os
import sys
import time

import torch
from torch import nn

import fashion_mlp
from golden_json import write

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "goldens", "chapters")
QUICK = {"seed": 0, "trainSize": 20000, "epochs": 2, "batchSize": 64, "learningRate": 1e-3}
FULL = {"seed": 0, "trainSize": 60000, "epochs": 10, "batchSize": 64, "learningRate": 1e-3}


def run(config, train, test):
    """Trains as the chapter does; returns the lines train_loop and test_loop print, and per-epoch results."""
    images, labels = train[0][:config["trainSize"]], train[1][:config["trainSize"]]
    torch.manual_seed(config["seed"])
    model = fashion_mlp.NeuralNetwork()
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=config["learningRate"])
    size = len(labels)
    lines, epochs = [], []
    for t in range(config["epochs"]):
        for batch, (X, y) in enumerate(fashion_mlp.batches(images, labels, config["batchSize"])):
            loss = loss_fn(model(X), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if batch % 100 == 0:
                lines.append(f"loss: {loss.item():>7f}  [{batch * len(X):>5d}/{size:>5d}]")
        accuracy, avg_loss = fashion_mlp.evaluate(model, *test, batch_size=config["batchSize"])
        lines.append(f"Test Error: Accuracy: {100 * accuracy:>0.1f}%, Avg loss: {avg_loss:>8f}")
        epochs.append({"epoch": t + 1, "accuracy": accuracy, "avg_loss": avg_loss})
        print(lines[-1], flush=True)
    return {"config": config, "lines": lines, "epochs": epochs}


def main():
    torch.set_num_threads(1)
    train = fashion_mlp.load(train=True)
    test = fashion_mlp.load(train=False)
    record = {"made_by": "tests/parity/make_chapter4_goldens.py (PyTorch " + torch.__version__ + ")"}
    record["quick"] = run(QUICK, train, test)
    if "--quick-only" not in sys.argv:
        start = time.time()
        record["full"] = run(FULL, train, test)
        record["full"]["seconds"] = round(time.time() - start, 1)
        del record["full"]["lines"]  # 100 loss lines: the epochs' results are what the prose quotes
    write(OUT, "04-models-and-training.json", record)


if __name__ == "__main__":
    main()
