#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `nafld-survival` task.

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

FLAGS = ["male", "nafld", "diabetes", "hypertension", "dyslipidemia", "angina", "heart_attack", "stroke",
         "atrial_fibrillation", "heart_failure"]
MEDIANS = {"weight": 83.7, "height": 169.0, "bmi": 28.84}  # training medians (seed 42)


def encode(df):
    x = df[["age"] + FLAGS].astype(float).copy()
    for column, median in MEDIANS.items():
        x[column] = df[column].fillna(median)
        x[f"{column}_missing"] = df[column].isna().astype(float)
    x["conditions"] = df[FLAGS[2:]].sum(axis=1)
    return x


RULES = [("age", "age", 1), ("conditions", "conditions", 1), ("heart-failure", "heart_failure", 1),
         ("nafld", "nafld", 1), ("diabetes", "diabetes", 1), ("bmi", "bmi", 1), ("young-first", "age", -1)]

if __name__ == "__main__":
    ladder.main(__doc__, HERE, survival_ladder.solutions(encode, RULES, forest_rows=4000, boost_rows=2000,
                                                           componentwise_rows=600, big=False), survival_ladder.to_submission)
