#!/usr/bin/env python3
"""Prepare the `digits-8x8` task from scikit-learn's bundled handwritten digits (load_digits).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (id, label), test.csv (id), train_images.npy, test_images.npy,
sample_submission.csv. Writes to --private: answers.csv (id, label).

The source is the 1,797 8x8 images (pixel values 0-16) that ship inside scikit-learn
(sklearn/datasets/data/digits.csv.gz: 64 pixels then the digit per row); --raw names a folder
holding a copy of digits.csv.gz. A seeded split stratified by digit puts 450 images in test.
The same seed gives the same bytes.
"""

import gzip
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import imagekit  # noqa: E402
import taskkit  # noqa: E402

FILE = "digits.csv.gz"
EXPECTED = 1797
TEST_IMAGES = 450


def main():
    args = taskkit.arguments(__doc__)
    if args.raw:
        path = os.path.join(args.raw, FILE)
        if not os.path.isfile(path):
            raise taskkit.TaskKitError(f"--raw {args.raw} given but {path} does not exist")
    else:
        path = taskkit.read_package_file("sklearn", os.path.join("datasets", "data", FILE))
    print(f"reading {path}")
    with gzip.open(path, "rt") as source:
        table = np.loadtxt(source, delimiter=",")
    if table.shape != (EXPECTED, 65):
        raise taskkit.TaskKitError(f"{path} has shape {table.shape}, expected ({EXPECTED}, 65): "
                                   "a different scikit-learn? Check Tasks/requirements.txt")
    pixels, labels = table[:, :64], table[:, 64]
    if pixels.min() < 0 or pixels.max() > 16 or (pixels != np.round(pixels)).any():
        raise taskkit.TaskKitError(f"{path}: pixels are not whole numbers 0-16")
    imagekit.prepare_images(args, pixels.reshape(-1, 8, 8).astype(np.uint8), labels.astype(int),
                            TEST_IMAGES)


if __name__ == "__main__":
    taskkit.run(main)
