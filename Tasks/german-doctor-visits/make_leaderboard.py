#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `german-doctor-visits` task.

Each reference solution is fitted on train.csv of the seed-42 preparation, predicts the expected
number of doctor visits for test.csv, and is graded by the real Dojo grader (`dojo score ... --json`).

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import count_ladder  # noqa: E402
import ladder  # noqa: E402


def encode(df):
    x = df.drop(columns=["id", "docvis"], errors="ignore").astype(float).copy()
    x["log_income"] = np.log1p(x["household_income"])
    x["age_squared"] = x["age"] ** 2 / 100
    return x


RULES = [("age", "age"), ("female", "female"), ("out-of-work", "out_of_work"), ("income", "household_income")]

if __name__ == "__main__":
    ladder.main(__doc__, HERE, count_ladder.solutions(encode, "docvis", RULES), count_ladder.submission_maker("docvis"))
