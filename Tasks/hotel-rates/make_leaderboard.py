#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `hotel-rates` task.

A reference board is a ladder of real solutions, from trivial to strong. Each one is fitted on
train.csv of the seed-42 preparation, predicts test.csv, and is graded by the real Dojo grader
(`dojo score ... --json`), so the board measures exactly what an episode measures.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

# One thread per model fit: on a loaded machine, OpenMP threads (lightgbm, scikit-learn's
# histogram boosting) that wait on each other slow every fit down many times over.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "avg_price_per_room"
CATEGORICAL = ["meal", "country", "market_segment", "distribution_channel", "reserved_room_type",
               "assigned_room_type", "agent", "company", "customer_type"]


def dates(df):
    day = pd.to_datetime(df["arrival_date"])
    return pd.DataFrame({"month": day.dt.month, "day_of_year": day.dt.dayofyear,
                         "weekday": day.dt.weekday, "year": day.dt.year}, index=df.index)


def numeric(df):
    x = df.drop(columns=["id", "arrival_date"] + CATEGORICAL + [TARGET], errors="ignore")
    return pd.concat([x, dates(df)], axis=1)


def coded(train, test):
    """Numbers plus each category as an integer code (codes from train; unseen = -1)."""
    x_train, x_test = numeric(train), numeric(test)
    for column in CATEGORICAL:
        levels = {v: i for i, v in enumerate(sorted(train[column].dropna().unique()))}
        x_train[column] = train[column].map(levels).fillna(-1)
        x_test[column] = test[column].map(levels).fillna(-1)
    return x_train, x_test


def dummies(train, test, columns=CATEGORICAL, min_count=20):
    """Numbers plus 0/1 columns for each category level seen at least `min_count` times, and
    one per month."""
    x_train, x_test = numeric(train), numeric(test)
    extra_train, extra_test = {}, {}
    for column in columns:
        counts = train[column].value_counts()
        for level in counts[counts >= min_count].index:
            extra_train[f"{column}={level}"] = (train[column] == level).astype(float)
            extra_test[f"{column}={level}"] = (test[column] == level).astype(float)
    for month in range(1, 13):
        extra_train[f"month={month}"] = (x_train["month"] == month).astype(float)
        extra_test[f"month={month}"] = (x_test["month"] == month).astype(float)
    return (pd.concat([x_train, pd.DataFrame(extra_train)], axis=1),
            pd.concat([x_test, pd.DataFrame(extra_test)], axis=1))


def fit(model, train, test, encode=coded, log=False):
    x_train, x_test = encode(train, test)
    y = np.log(train[TARGET]) if log else train[TARGET]
    model.fit(x_train, y)
    p = model.predict(x_test)
    return np.exp(p) if log else p


def lightgbm(**overrides):
    params = dict(objective="l1", n_estimators=800, learning_rate=0.05, num_leaves=63,
                  min_child_samples=10, subsample=0.8, subsample_freq=1, colsample_bytree=0.8,
                  random_state=SEED, n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMRegressor(**params)


SOLUTIONS, solution = ladder.registry()


@solution("constant-mean")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("constant-median")
def _(train, test):
    return np.full(len(test), train[TARGET].median())


@solution("rule-room-type-median")
def _(train, test):
    medians = train.groupby("reserved_room_type")[TARGET].median()
    return test["reserved_room_type"].map(medians).fillna(train[TARGET].median()).to_numpy()


@solution("rule-month-median")
def _(train, test):
    months = dates(train)["month"]
    medians = train[TARGET].groupby(months).median()
    return dates(test)["month"].map(medians).fillna(train[TARGET].median()).to_numpy()


@solution("rule-historical-rate")
def _(train, test):
    # Last year's average rate for the same dates, as it is.
    return test["historical_adr"].to_numpy()


@solution("rule-historical-rate-scaled")
def _(train, test):
    ratio = (train[TARGET] / train["historical_adr"]).median()
    return test["historical_adr"].to_numpy() * ratio


@solution("rule-historical-rate-by-room")
def _(train, test):
    ratio = (train[TARGET] / train["historical_adr"]).groupby(train["reserved_room_type"]).median()
    overall = (train[TARGET] / train["historical_adr"]).median()
    return test["historical_adr"].to_numpy() * test["reserved_room_type"].map(ratio).fillna(overall).to_numpy()


@solution("linear-historical-rate")
def _(train, test):
    return LinearRegression().fit(train[["historical_adr"]], train[TARGET]).predict(test[["historical_adr"]])


@solution("ridge-all")
def _(train, test):
    return fit(make_pipeline(StandardScaler(), Ridge(alpha=1.0)), train, test, encode=dummies)


@solution("ridge-all-log")
def _(train, test):
    return fit(make_pipeline(StandardScaler(), Ridge(alpha=1.0)), train, test, encode=dummies, log=True)


@solution("knn-10")
def _(train, test):
    return fit(make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=10)), train, test)


@solution("tree-depth3")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=3, random_state=SEED), train, test)


@solution("tree-depth6")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=6, random_state=SEED), train, test)


@solution("tree-depth10")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=10, min_samples_leaf=5, random_state=SEED), train, test)


@solution("tree-unpruned")
def _(train, test):
    return fit(DecisionTreeRegressor(random_state=SEED), train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestRegressor(n_estimators=100, min_samples_leaf=2, max_features=0.5,
                                  random_state=SEED, n_jobs=2)
    return fit(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingRegressor(loss="absolute_error", max_iter=300, learning_rate=0.1,
                                          random_state=SEED)
    return fit(model, train, test)


@solution("lightgbm-l2-100-trees")
def _(train, test):
    return fit(lightgbm(objective="l2", n_estimators=100, num_leaves=15), train, test)


@solution("lightgbm-20pct-too-low")
def _(train, test):
    return fit(lightgbm(), train, test) * 0.8


@solution("lightgbm-noisy")
def _(train, test):
    noise = np.random.default_rng(SEED).normal(0.0, 15.0, len(test))
    return fit(lightgbm(), train, test) + noise


@solution("lightgbm")
def _(train, test):
    return fit(lightgbm(), train, test)


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
