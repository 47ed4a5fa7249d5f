#!/usr/bin/env python3
"""Prepare the `penguins` task from the palmerpenguins package.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (same columns and row order as sample_submission.csv;
one-hot 0/1 in the class columns)

--raw is optional: a folder holding a copy of the raw table as `penguins.csv` (the CSV that
palmerpenguins ships). Without it the table is read from the installed package, offline.

Rows with missing measurements or sex are kept on purpose: real data has holes.
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import argparse
import os
import sys

import numpy as np
import pandas as pd

EXPECTED_ROWS = 344
CLASSES = ["Adelie", "Chinstrap", "Gentoo"]
FEATURES = ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g",
            "sex", "year"]
# Whole numbers in the source; pandas reads them as floats because some are missing.
INTEGER_FEATURES = ["flipper_length_mm", "body_mass_g", "year"]
TEST_FRACTION = 0.25

# Every CSV is written with the same options so the bytes never depend on the platform.
CSV = dict(index=False, lineterminator="\n", encoding="utf-8")


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Prepare the penguins task.")
    parser.add_argument("--public", required=True, help="folder for train/test/sample_submission")
    parser.add_argument("--private", required=True, help="folder for answers.csv")
    parser.add_argument("--seed", required=True, type=int, help="split seed")
    parser.add_argument("--raw", help="optional folder with a copy of penguins.csv")
    return parser.parse_args(argv)


def load_raw(raw_dir):
    if raw_dir:
        path = os.path.join(raw_dir, "penguins.csv")
        if not os.path.isfile(path):
            raise FileNotFoundError(f"--raw given but {path} does not exist")
        print(f"reading {path}")
        return pd.read_csv(path)
    from palmerpenguins import load_penguins  # only needed when no raw copy is given

    print("reading palmerpenguins load_penguins()")
    return load_penguins()


def check_raw(df):
    missing = [c for c in ["species"] + FEATURES if c not in df.columns]
    if missing:
        raise ValueError(f"raw table lacks columns {missing}")
    if len(df) != EXPECTED_ROWS:
        raise ValueError(f"raw table has {len(df)} rows, expected {EXPECTED_ROWS}")
    unknown = sorted(set(df["species"]) - set(CLASSES))
    if unknown:
        raise ValueError(f"unexpected species {unknown}")


def stratified_test_mask(labels, rng):
    """Mark ~TEST_FRACTION of each species as test, so both splits keep the class balance."""
    mask = np.zeros(len(labels), dtype=bool)
    for value in CLASSES:
        rows = rng.permutation(np.flatnonzero(labels == value))
        mask[rows[: int(round(len(rows) * TEST_FRACTION))]] = True
    return mask


def main(argv=None):
    args = parse_args(argv)
    raw = load_raw(args.raw)
    check_raw(raw)

    table = raw[FEATURES + ["species"]].copy()
    for column in INTEGER_FEATURES:
        table[column] = table[column].astype("Int64")  # 181, not 181.0; missing stays empty

    rng = np.random.default_rng(args.seed)
    # The raw table is grouped by species; shuffled ids keep that order from leaking.
    table.insert(0, "id", rng.permutation(len(table)) + 1)
    is_test = stratified_test_mask(table["species"].to_numpy(), rng)

    train = table[~is_test].sort_values("id")
    test = table[is_test].sort_values("id")

    os.makedirs(args.public, exist_ok=True)
    os.makedirs(args.private, exist_ok=True)
    train.to_csv(os.path.join(args.public, "train.csv"), float_format="%.6g", **CSV)
    test[["id"] + FEATURES].to_csv(os.path.join(args.public, "test.csv"), float_format="%.6g",
                                   **CSV)

    # A valid but uninformed submission: every species equally likely.
    sample = pd.DataFrame({"id": test["id"]})
    for name in CLASSES:
        sample[name] = 1.0 / len(CLASSES)
    sample.to_csv(os.path.join(args.public, "sample_submission.csv"), **CSV)

    answers = pd.DataFrame({"id": test["id"]})
    for name in CLASSES:
        answers[name] = (test["species"] == name).astype(int)
    answers.to_csv(os.path.join(args.private, "answers.csv"), **CSV)

    counts = lambda df: ", ".join(f"{c} {int((df['species'] == c).sum())}" for c in CLASSES)
    print(f"train.csv: {len(train)} rows ({counts(train)})")
    print(f"test.csv: {len(test)} rows ({counts(test)})")
    print(f"answers.csv: {len(answers)} rows")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one clear line instead of a traceback
        print(f"prepare.py: error: {error}", file=sys.stderr)
        sys.exit(1)
