#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `flchain-survival` task.

Each reference solution is fitted on train.csv of the seed-42 preparation, predicts a risk score
for test.csv, and is graded by the real Dojo grader (`dojo score ... --json`).

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402
import survival_ladder  # noqa: E402

CREATININE_MEDIAN = 1.0  # the training median; a missing value is imputed with it and flagged


def encode(df):
    x = pd.DataFrame({
        "age": df["age"], "male": (df["sex"] == "M").astype(float), "sample_year": df["sample_year"],
        "kappa": df["kappa"], "lambda": df["lambda"], "flc_group": df["flc_group"],
        "creatinine": df["creatinine"].fillna(CREATININE_MEDIAN),
        "creatinine_missing": df["creatinine"].isna().astype(float), "mgus": df["mgus"],
    })
    x["flc_total"] = x["kappa"] + x["lambda"]
    return x


RULES = [("age", "age", 1), ("sex", "male", 1), ("flc-group", "flc_group", 1), ("lambda", "lambda", 1),
         ("creatinine", "creatinine", 1), ("mgus", "mgus", 1), ("young-first", "age", -1)]

if __name__ == "__main__":
    ladder.main(__doc__, HERE, survival_ladder.solutions(encode, RULES, boost_rows=3000, componentwise_rows=600,
                                                           big=False), survival_ladder.to_submission)
