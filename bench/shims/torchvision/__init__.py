"""A minimal torchvision stand-in for running tscript's examples under CPython + PyTorch.

Debian packages PyTorch but not torchvision; the Fashion-MNIST example needs only
datasets.FashionMNIST and transforms.ToTensor, which this shim provides with the same
behaviour (IDX files read with numpy, images as uint8 tensors until ToTensor).
Use: PYTHONPATH=bench/shims /usr/bin/python3 examples/fashion_mnist.tscript
"""
from . import datasets, transforms  # noqa: F401
