#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `mnist-5k` task.

A reference board is a ladder of real solutions, from trivial to strong: the image ladder every
image task shares (Tasks/imagekit.py: constant and random guesses, a brightness rule, nearest
centroids, naive Bayes, trees, linear models, k-NN, forests, boosting, MLPs, gradient-histogram
features), fitted on the pixels of the seed-42 train split with scikit-learn and graded by the
real Dojo grader (`dojo score ... --json`). Costly models use a seeded, stratified subsample of
the training images when the entry's name ends in a size (e.g. `-5k`), so the whole board runs
in a few minutes on two cores.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import imagekit  # noqa: E402  (Tasks/imagekit.py, the image ladder)
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
SOLUTIONS = imagekit.image_solutions("label", SEED, small=None, large=None, cell=4, scale=255.0)


def to_submission(name, predictions, test):
    labels = np.asarray(predictions).astype(int)
    if labels.shape != (len(test),):
        raise RuntimeError(f"{name}: expected {len(test)} labels, got shape {labels.shape}")
    return pd.DataFrame({"id": test["id"], "label": labels})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, seed=SEED)
