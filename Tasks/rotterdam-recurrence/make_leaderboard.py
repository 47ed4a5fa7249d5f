#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `rotterdam-recurrence` task.

Each reference solution is fitted on train.csv of the seed-42 preparation, predicts a risk score
for test.csv, and is graded by the real Dojo grader (`dojo score ... --json`).

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402
import survival_ladder  # noqa: E402

SIZES = {"<=20": 0.0, "20-50": 1.0, ">50": 2.0}


def encode(df):
    x = df[["year", "age", "menopausal", "grade", "nodes", "hormonal_therapy", "chemotherapy"]].astype(float).copy()
    x["tumour_size"] = df["tumour_size"].map(SIZES)
    x["log_nodes"] = np.log1p(df["nodes"])
    x["log_pgr"] = np.log1p(df["progesterone_receptors"])
    x["log_er"] = np.log1p(df["estrogen_receptors"])
    return x


RULES = [("nodes", "nodes", 1), ("tumour-size", "tumour_size", 1), ("grade", "grade", 1),
         ("low-progesterone", "log_pgr", -1), ("chemotherapy", "chemotherapy", 1), ("age", "age", 1),
         ("few-nodes-first", "nodes", -1)]

if __name__ == "__main__":
    ladder.main(__doc__, HERE, survival_ladder.solutions(encode, RULES), survival_ladder.to_submission)
