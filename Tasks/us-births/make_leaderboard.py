#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `us-births` task.

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
import pandas as pd  # noqa: E402
from lightgbm import LGBMRegressor  # noqa: E402
from sklearn.ensemble import RandomForestRegressor  # noqa: E402
from sklearn.linear_model import LinearRegression, Ridge  # noqa: E402
from sklearn.tree import DecisionTreeRegressor  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "births"
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def calendar(df):
    day = pd.to_datetime(df["date"])
    return pd.DataFrame({
        "time": (day - pd.Timestamp("1969-01-01")).dt.days / 365.25,
        "weekday": df["weekday"].map({d: i for i, d in enumerate(WEEKDAYS)}),
        "month": df["month"],
        "day": df["day"],
        "day_of_year": day.dt.dayofyear,
    }, index=df.index)


def recent(train, years):
    last = pd.to_datetime(train["date"]).max()
    return train[pd.to_datetime(train["date"]) > last - pd.Timedelta(days=round(365.25 * years))]


def group_median(train, test, keys, source=None):
    source = train if source is None else source
    x_source, x_test = calendar(source), calendar(test)
    medians = source[TARGET].groupby([x_source[k] for k in keys]).median()
    index = pd.MultiIndex.from_frame(x_test[keys]) if len(keys) > 1 else x_test[keys[0]]
    return medians.reindex(index).fillna(source[TARGET].median()).to_numpy()


def dummies(x, with_days=True):
    """Linear design: trend, weekday (and its own trend), month and (optionally) each calendar day (holidays)."""
    cols = {"time": x["time"]}
    for d in range(1, 7):
        cols[f"wd{d}"] = (x["weekday"] == d).astype(float)
        # The weekday pattern grew stronger over the years (scheduled inductions and caesareans).
        cols[f"wd{d}_time"] = cols[f"wd{d}"] * x["time"]
    for m in range(2, 13):
        cols[f"m{m}"] = (x["month"] == m).astype(float)
    if with_days:
        key = x["month"] * 100 + x["day"]
        for k in sorted(set(key)):
            cols[f"d{k}"] = (key == k).astype(float)
        # Holidays move with the weekday too: a Monday 4 July is not a Sunday one.
        for k in (101, 704, 1225, 1224, 1226, 1231):
            for d in range(7):
                cols[f"d{k}_wd{d}"] = ((key == k) & (x["weekday"] == d)).astype(float)
    return pd.DataFrame(cols, index=x.index)


def fit_log_linear(model, train, test, with_days=True, years=None):
    source = train if years is None else recent(train, years)
    x_all = dummies(pd.concat([calendar(source), calendar(test)]), with_days)
    x_train, x_test = x_all.iloc[: len(source)], x_all.iloc[len(source):]
    model.fit(x_train, np.log(source[TARGET]))
    return np.exp(model.predict(x_test))


def detrended(model, train, test, years=None):
    """A tree model of births relative to a log-linear trend: trees cannot extrapolate a trend."""
    source = train if years is None else recent(train, years)
    x_train, x_test = calendar(source), calendar(test)
    trend = LinearRegression().fit(x_train[["time"]], np.log(source[TARGET]))
    residual = np.log(source[TARGET]) - trend.predict(x_train[["time"]])
    features = ["weekday", "month", "day", "day_of_year"]
    model.fit(x_train[features], residual)
    return np.exp(trend.predict(x_test[["time"]]) + model.predict(x_test[features]))


def lightgbm(**overrides):
    params = dict(n_estimators=800, learning_rate=0.03, num_leaves=31, min_child_samples=5,
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


@solution("constant-last-year-median")
def _(train, test):
    return np.full(len(test), recent(train, 1)[TARGET].median())


@solution("naive-last-day")
def _(train, test):
    return np.full(len(test), train.sort_values("date")[TARGET].iloc[-1])


@solution("seasonal-naive-last-year")
def _(train, test):
    # The same date one year earlier's count... for every test year: the last training year
    # repeated, matched by month and day.
    last = recent(train, 1)
    by_date = last.set_index(last["month"] * 100 + last["day"])[TARGET]
    key = test["month"] * 100 + test["day"]
    return key.map(by_date).fillna(last[TARGET].median()).to_numpy()


@solution("rule-weekday-median")
def _(train, test):
    return group_median(train, test, ["weekday"])


@solution("rule-weekday-median-last-year")
def _(train, test):
    return group_median(train, test, ["weekday"], source=recent(train, 1))


@solution("rule-weekday-month-last-2-years")
def _(train, test):
    return group_median(train, test, ["weekday", "month"], source=recent(train, 2))


@solution("linear-trend")
def _(train, test):
    x_train, x_test = calendar(train), calendar(test)
    return LinearRegression().fit(x_train[["time"]], train[TARGET]).predict(x_test[["time"]])


@solution("loglinear-trend-weekday-month")
def _(train, test):
    return fit_log_linear(LinearRegression(), train, test, with_days=False)


@solution("loglinear-trend-weekday-month-recent")
def _(train, test):
    return fit_log_linear(LinearRegression(), train, test, with_days=False, years=6)


@solution("ridge-calendar-days")
def _(train, test):
    return fit_log_linear(Ridge(alpha=1.0), train, test)


@solution("ridge-calendar-days-recent")
def _(train, test):
    return fit_log_linear(Ridge(alpha=1.0), train, test, years=6)


@solution("tree-depth4-raw")
def _(train, test):
    x_train, x_test = calendar(train), calendar(test)
    return DecisionTreeRegressor(max_depth=4, random_state=SEED).fit(x_train, train[TARGET]).predict(x_test)


@solution("tree-unpruned-raw")
def _(train, test):
    x_train, x_test = calendar(train), calendar(test)
    return DecisionTreeRegressor(random_state=SEED).fit(x_train, train[TARGET]).predict(x_test)


@solution("lightgbm-raw")
def _(train, test):
    # Trees cannot extrapolate: every test day is beyond the training years.
    x_train, x_test = calendar(train), calendar(test)
    return lightgbm().fit(x_train, train[TARGET]).predict(x_test)


@solution("tree-detrended")
def _(train, test):
    return detrended(DecisionTreeRegressor(max_depth=10, min_samples_leaf=5, random_state=SEED), train, test)


@solution("random-forest-detrended")
def _(train, test):
    model = RandomForestRegressor(n_estimators=100, min_samples_leaf=3, random_state=SEED, n_jobs=1)
    return detrended(model, train, test)


@solution("lightgbm-detrended")
def _(train, test):
    return detrended(lightgbm(), train, test)


@solution("lightgbm-detrended-recent")
def _(train, test):
    return detrended(lightgbm(), train, test, years=6)


@solution("lightgbm-detrended-3pct-too-low")
def _(train, test):
    return detrended(lightgbm(), train, test, years=6) * 0.97


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
