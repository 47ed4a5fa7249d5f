#!/usr/bin/env python3
"""Prepare the `fashion-mnist` task from the Debian package dataset-fashion-mnist.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (id, label), test.csv (id), train_images.npy, test_images.npy,
sample_submission.csv. Writes to --private: answers.csv (id, label).

The images come from the four IDX files the package installs under
/usr/share/datasets/fashion-mnist (`apt-get install dataset-fashion-mnist`); --raw names another
folder holding the same four files. The official 60,000 + 10,000 images are pooled and split again
with the seed (stratified by class, 10,000 in test), so every seed gives a fresh, balanced split.
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import gzip
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import imagekit  # noqa: E402
import taskkit  # noqa: E402

SOURCE = "/usr/share/datasets/fashion-mnist"
FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 60000),
    "t10k": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10000),
}
TEST_IMAGES = 10000


def read_idx(path, magic, count):
    """An IDX file (big-endian header: magic, dimensions) as a uint8 array."""
    if not os.path.isfile(path):
        raise taskkit.TaskKitError(
            f"{path} does not exist: install the Debian package with `apt-get install "
            "dataset-fashion-mnist` (.ci/install-deps does it when run as root), or pass --raw "
            "with a folder holding the four Fashion-MNIST IDX files")
    with gzip.open(path, "rb") as source:
        data = source.read()
    found = int.from_bytes(data[0:4], "big")
    if found != magic:
        raise taskkit.TaskKitError(f"{path}: not an IDX file of the expected kind (magic {found})")
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(magic & 0xFF)]
    if dims[0] != count:
        raise taskkit.TaskKitError(f"{path} holds {dims[0]} items, expected {count}")
    offset = 4 + 4 * len(dims)
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(dims)


def load(folder):
    images, labels = [], []
    for images_file, labels_file, count in FILES.values():
        images.append(read_idx(os.path.join(folder, images_file), 0x803, count))
        labels.append(read_idx(os.path.join(folder, labels_file), 0x801, count))
    return np.concatenate(images), np.concatenate(labels)


def main():
    args = taskkit.arguments(__doc__)
    images, labels = load(args.raw or SOURCE)
    print(f"read {len(images)} images of {images.shape[1]}x{images.shape[2]} from {args.raw or SOURCE}")
    if images.shape[1:] != (28, 28) or labels.max() > 9:
        raise taskkit.TaskKitError("unexpected image shape or labels: is this Fashion-MNIST?")

    imagekit.prepare_images(args, images, labels, TEST_IMAGES)


if __name__ == "__main__":
    taskkit.run(main)
