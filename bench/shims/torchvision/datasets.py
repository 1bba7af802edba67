import gzip
import os

import numpy as np
import torch


def _read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return torch.from_numpy(np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims).copy())


def _find(root, name):
    for folder in (root, os.path.join(root, "FashionMNIST", "raw")):
        for suffix in ("", ".gz"):
            p = os.path.join(folder, name + suffix)
            if os.path.exists(p):
                return p
    raise RuntimeError("Dataset not found: " + name)


class FashionMNIST:
    classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
               "Ankle boot"]

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False):
        prefix = "train" if train else "t10k"
        self.data = _read_idx(_find(root, prefix + "-images-idx3-ubyte"))
        self.targets = _read_idx(_find(root, prefix + "-labels-idx1-ubyte")).long()
        self.transform, self.target_transform = transform, target_transform

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        img, target = self.data[i], int(self.targets[i])
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target
