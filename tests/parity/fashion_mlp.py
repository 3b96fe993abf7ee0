"""Shared by the parity scripts and the training benchmark: Fashion-MNIST read straight from its IDX
files (Debian's dataset-fashion-mnist; no torchvision needed), the PyTorch quickstart's
NeuralNetwork and the "Training with PyTorch" tutorial's GarmentClassifier."""
import gzip
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist"


def _idx(path):
    with gzip.open(path) as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(train, folder=DEBIAN_FOLDER):
    """(images N x 1 x 28 x 28 float32 in [0, 1], what ToTensor gives; labels N int64)."""
    split = "train" if train else "t10k"
    images = torch.from_numpy(_idx(os.path.join(folder, f"{split}-images-idx3-ubyte.gz")).copy())
    labels = torch.from_numpy(_idx(os.path.join(folder, f"{split}-labels-idx1-ubyte.gz")).astype(np.int64))
    return images.unsqueeze(1).float().div(255), labels


class NeuralNetwork(nn.Module):
    """Flatten, then Linear(784, 512), ReLU, Linear(512, 512), ReLU, Linear(512, 10)."""

    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512), nn.ReLU(),
            nn.Linear(512, 512), nn.ReLU(),
            nn.Linear(512, 10))

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


class GarmentClassifier(nn.Module):
    """The "Training with PyTorch" tutorial's CNN: conv 1->6->16 (5x5), max-pool, three linear layers."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 4 * 4)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def batches(images, labels, batch_size, order=None):
    """Batches in order (or in the given index order), as an unshuffled DataLoader gives them."""
    n = len(labels)
    for start in range(0, n, batch_size):
        if order is None:
            yield images[start:start + batch_size], labels[start:start + batch_size]
        else:
            idx = order[start:start + batch_size]
            yield images[idx], labels[idx]


def evaluate(model, images, labels, batch_size=64):
    """(accuracy in [0, 1], mean of the per-batch losses), as the tutorial's test_loop computes them."""
    loss_fn = nn.CrossEntropyLoss()
    total, correct, count = 0.0, 0.0, 0
    with torch.no_grad():
        for X, y in batches(images, labels, batch_size):
            pred = model(X)
            total += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
            count += 1
    return correct / len(labels), total / count
