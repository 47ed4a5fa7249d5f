#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `electricity-demand` task.

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
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor  # noqa: E402
from sklearn.linear_model import LinearRegression, Ridge  # noqa: E402
from sklearn.neighbors import KNeighborsRegressor  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeRegressor  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "demand"


def calendar(df):
    """Half-hour of the day, weekday, day of year, work day and temperature, plus the temperature
    smoothed over the previous hours (from both files in time order: temperatures are known)."""
    t = pd.to_datetime(df["timestamp"])
    x = pd.DataFrame({
        "halfhour": t.dt.hour * 2 + t.dt.minute // 30,
        "weekday": t.dt.weekday,
        "day_of_year": t.dt.dayofyear,
        "workday": df["workday"],
        "temperature": df["temperature"],
    }, index=df.index)
    return x


def features(train, test, history=True):
    if history:
        x_train, x_test = (calendar(train), calendar(test))
        both = pd.concat([train.drop(columns=[TARGET]), test]).sort_values("timestamp")
        temp = both.set_index("timestamp")["temperature"]
        for name, series in (("temp_mean_3h", temp.rolling(6, min_periods=1).mean()),
                             ("temp_mean_24h", temp.rolling(48, min_periods=1).mean()),
                             ("temp_max_24h", temp.rolling(48, min_periods=1).max())):
            x_train[name] = train["timestamp"].map(series).to_numpy()
            x_test[name] = test["timestamp"].map(series).to_numpy()
        return x_train, x_test
    return calendar(train), calendar(test)


def linear_design(x):
    """For linear models: one-hot half-hour x work day, weekday, and a temperature curve."""
    cols = {}
    for h in range(48):
        for w in (0, 1):
            cols[f"hh{h}_w{w}"] = ((x["halfhour"] == h) & (x["workday"] == w)).astype(float)
    for d in range(7):
        cols[f"wd{d}"] = (x["weekday"] == d).astype(float)
    t = x["temperature"]
    cols["heat"] = np.maximum(t - 20, 0)
    cols["heat2"] = np.maximum(t - 20, 0) ** 2
    cols["cold"] = np.maximum(15 - t, 0)
    for name in ("temp_mean_24h", "temp_max_24h", "temp_mean_3h"):
        if name in x:
            cols[name + "_heat"] = np.maximum(x[name] - 20, 0)
            cols[name + "_cold"] = np.maximum(15 - x[name], 0)
    return pd.DataFrame(cols, index=x.index)


def fit(model, train, test, history=True, linear=False, drop=()):
    x_train, x_test = features(train, test, history)
    if linear:
        x_train, x_test = linear_design(x_train), linear_design(x_test)
    x_train, x_test = x_train.drop(columns=list(drop)), x_test.drop(columns=list(drop))
    model.fit(x_train, train[TARGET])
    return model.predict(x_test)


def lightgbm(**overrides):
    params = dict(objective="l1", n_estimators=600, learning_rate=0.05, num_leaves=31,
                  min_child_samples=20, subsample=0.8, subsample_freq=1, random_state=SEED,
                  n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMRegressor(**params)


def profile(train, test, keys):
    """The training median demand of each combination of calendar keys."""
    x_train, x_test = calendar(train), calendar(test)
    medians = train[TARGET].groupby([x_train[k] for k in keys]).median()
    index = pd.MultiIndex.from_frame(x_test[keys]) if len(keys) > 1 else x_test[keys[0]]
    return medians.reindex(index).fillna(train[TARGET].median()).to_numpy()


SOLUTIONS, solution = ladder.registry()


@solution("constant-mean")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("constant-median")
def _(train, test):
    return np.full(len(test), train[TARGET].median())


@solution("naive-last-value")
def _(train, test):
    # The last observed half-hour, carried forward for three months.
    return np.full(len(test), train.sort_values("timestamp")[TARGET].iloc[-1])


@solution("seasonal-naive-last-week")
def _(train, test):
    # The last training week repeated: same weekday and half-hour.
    x_train = calendar(train)
    last = pd.to_datetime(train["timestamp"]) > pd.to_datetime(train["timestamp"].max()) - pd.Timedelta(days=7)
    week = train[TARGET][last].groupby([x_train["weekday"][last], x_train["halfhour"][last]]).mean()
    x_test = calendar(test)
    return week.reindex(pd.MultiIndex.from_frame(x_test[["weekday", "halfhour"]])).to_numpy()


@solution("profile-halfhour")
def _(train, test):
    return profile(train, test, ["halfhour"])


@solution("profile-halfhour-workday")
def _(train, test):
    return profile(train, test, ["halfhour", "workday"])


@solution("profile-halfhour-weekday")
def _(train, test):
    return profile(train, test, ["halfhour", "weekday"])


@solution("linear-temperature")
def _(train, test):
    return LinearRegression().fit(train[["temperature"]], train[TARGET]).predict(test[["temperature"]])


@solution("linear-calendar-only")
def _(train, test):
    return fit(Ridge(alpha=1.0), train, test, history=False, linear=True,
               drop=("heat", "heat2", "cold"))


@solution("linear-calendar-temperature")
def _(train, test):
    return fit(Ridge(alpha=1.0), train, test, history=False, linear=True)


@solution("linear-calendar-temperature-history")
def _(train, test):
    return fit(Ridge(alpha=1.0), train, test, linear=True)


@solution("knn-10")
def _(train, test):
    model = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=10))
    return fit(model, train, test, history=False, drop=("day_of_year",))


@solution("tree-depth4")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=4, random_state=SEED), train, test)


@solution("tree-depth8")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=8, random_state=SEED), train, test, drop=("day_of_year",))


@solution("tree-unpruned")
def _(train, test):
    return fit(DecisionTreeRegressor(random_state=SEED), train, test, drop=("day_of_year",))


@solution("tree-with-day-of-year")
def _(train, test):
    # The day of the year cannot extrapolate: every test day is beyond the training range.
    return fit(DecisionTreeRegressor(max_depth=8, random_state=SEED), train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestRegressor(n_estimators=60, min_samples_leaf=3, max_features=0.7,
                                  random_state=SEED, n_jobs=1)
    return fit(model, train, test, drop=("day_of_year",))


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingRegressor(loss="absolute_error", max_iter=300, random_state=SEED)
    return fit(model, train, test, drop=("day_of_year",))


@solution("lightgbm-no-temperature-history")
def _(train, test):
    return fit(lightgbm(), train, test, history=False, drop=("day_of_year",))


@solution("lightgbm-5pct-too-high")
def _(train, test):
    return fit(lightgbm(), train, test, drop=("day_of_year",)) * 1.05


@solution("lightgbm")
def _(train, test):
    return fit(lightgbm(), train, test, drop=("day_of_year",))


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
