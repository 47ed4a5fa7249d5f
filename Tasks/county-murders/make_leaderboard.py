#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `county-murders` task.

Each reference solution is fitted on train.csv (1980-1993) of the seed-42 preparation, predicts
the murders of 1994-1996 in test.csv, and is graded by the real Dojo grader (`dojo score ... --json`).
Besides the count ladder's models on the county's census fields, the stronger entries use the
county's own history: its murder rate in the years before the row's year (for a test row, all of
1980-1993), never anything from the test years.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import functools
import os
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import count_ladder  # noqa: E402
import ladder  # noqa: E402


@functools.cache
def history():
    """Per county and year: murders and population of the training years (1980-1993)."""
    train = pd.read_csv(os.path.join(os.environ["DOJO_LADDER_PUBLIC"], "train.csv"))
    return train[["county", "year", "murders", "population"]].sort_values(["county", "year"])


@functools.cache
def past_table():
    """(county, year) for every year 1980-1996 -> the county's murders per 100,000 over the training
    years before that year, its murders in the latest such year and the mean of the latest three
    (the national rate and 0 when there are none)."""
    h = history()
    national = h["murders"].sum() / h["population"].sum() * 1e5
    table = {}
    for county, g in h.groupby("county"):
        years, murders, population = g["year"].to_numpy(), g["murders"].to_numpy(float), g["population"].to_numpy(float)
        for year in range(1980, 1997):
            before = years < year
            if not before.any():
                table[(county, year)] = (national, 0.0, 0.0)
            else:
                m, p = murders[before], population[before]
                table[(county, year)] = (m.sum() / p.sum() * 1e5, m[-1], m[-3:].mean())
    return table, national


def past_features(df):
    table, national = past_table()
    rows = [table.get((c, y), (national, 0.0, 0.0)) for c, y in zip(df["county"], df["year"])]
    return pd.DataFrame(rows, columns=["past_rate", "last_murders", "last3_murders"], index=df.index)


def encode(df):
    x = df.drop(columns=["id", "murders"], errors="ignore").astype(float).copy()
    x = x.fillna({"income_maintenance_pc": 165.0, "personal_income_pc": 10900.0, "unemployment_insurance_pc": 57.0})
    x["log_population"] = np.log(x["population"])
    x["log_density"] = np.log(x["density"])
    return x


def encode_with_history(df):
    x = encode(df)
    past = past_features(df)
    x = pd.concat([x, past], axis=1)
    x["expected_from_past"] = x["past_rate"] * x["population"] / 1e5
    x["log_expected_from_past"] = np.log1p(x["expected_from_past"])
    return x


RULES = [("population", "population"), ("state", "state"), ("pct-black", "pct_black"), ("density", "density")]
SOLUTIONS = count_ladder.solutions(encode, "murders", RULES, big=False)
with_history = count_ladder.solutions(encode_with_history, "murders", [("past-rate", "past_rate")], big=True)
SOLUTIONS += [(f"history-{name}", fn) for name, fn in with_history
              if name.startswith(("poisson-glm", "poisson-forest", "hist-gbm-poisson", "lightgbm"))
              and name != "lightgbm-overfit"]  # its 255-leaf trees at rate 0.3 blow up: exp() of the raw score overflows


def _rate_times_population(train, test):
    x = encode_with_history(test)
    return x["expected_from_past"].to_numpy()


SOLUTIONS.append(("rule-past-rate-times-population", _rate_times_population))

if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, count_ladder.submission_maker("murders"))
