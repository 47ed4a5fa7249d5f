#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `chicago-ridership` task.

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
from pandas.tseries.holiday import USFederalHolidayCalendar  # noqa: E402
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
TARGET = "ridership"
HOLIDAYS = set(USFederalHolidayCalendar().holidays("2001-01-01", "2016-12-31").strftime("%Y-%m-%d"))


def calendar(df):
    day = pd.to_datetime(df["date"])
    return pd.DataFrame({
        "weekday": day.dt.weekday,
        "month": day.dt.month,
        "day_of_year": day.dt.dayofyear,
        "year": day.dt.year + day.dt.dayofyear / 366,
        "holiday": df["date"].isin(HOLIDAYS).astype(int),
        "christmas_week": ((day.dt.month == 12) & (day.dt.day >= 24) | (day.dt.month == 1) & (day.dt.day <= 1)).astype(int),
    }, index=df.index)


def features(df, stations=True, weather=True):
    parts = [calendar(df)]
    columns = df.columns.tolist()
    first_weather = columns.index("temp_min")
    station_columns = columns[columns.index("date") + 1:first_weather]
    other = [c for c in columns[first_weather:] if c != TARGET]
    if stations:
        parts.append(df[station_columns])
    if weather:
        parts.append(df[other])
    return pd.concat(parts, axis=1)


def linear_design(df, stations=True, weather=True):
    x = features(df, stations, weather)
    for d in range(7):
        x[f"wd{d}"] = (x["weekday"] == d).astype(float)
    x["weekend_or_holiday"] = ((x["weekday"] >= 5) | (x["holiday"] == 1)).astype(float)
    return x.drop(columns=["weekday", "month", "day_of_year"])


def fit(model, train, test, design=features, **options):
    model.fit(design(train, **options), train[TARGET])
    return model.predict(design(test, **options))


def lightgbm(**overrides):
    params = dict(objective="l1", n_estimators=600, learning_rate=0.03, num_leaves=15,
                  min_child_samples=20, subsample=0.8, subsample_freq=1, colsample_bytree=0.8,
                  random_state=SEED, n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMRegressor(**params)


def recent(train, days=365):
    last = pd.to_datetime(train["date"]).max()
    return train[pd.to_datetime(train["date"]) > last - pd.Timedelta(days=days)]


SOLUTIONS, solution = ladder.registry()


@solution("constant-mean")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("constant-median")
def _(train, test):
    return np.full(len(test), train[TARGET].median())


@solution("naive-last-day")
def _(train, test):
    return np.full(len(test), train.sort_values("date")[TARGET].iloc[-1])


@solution("rule-weekday-median")
def _(train, test):
    medians = train[TARGET].groupby(calendar(train)["weekday"]).median()
    return calendar(test)["weekday"].map(medians).to_numpy()


@solution("rule-weekday-median-last-year")
def _(train, test):
    last = recent(train)
    medians = last[TARGET].groupby(calendar(last)["weekday"]).median()
    return calendar(test)["weekday"].map(medians).to_numpy()


@solution("rule-weekday-holiday-last-year")
def _(train, test):
    last = recent(train)
    key = lambda df: calendar(df)["weekday"].where(calendar(df)["holiday"] == 0, 6)  # noqa: E731
    medians = last[TARGET].groupby(key(last)).median()
    return key(test).map(medians).to_numpy()


@solution("linear-weekday")
def _(train, test):
    return fit(LinearRegression(), train, test, design=linear_design, stations=False, weather=False)


@solution("linear-stations-only")
def _(train, test):
    # The other stations' ridership two weeks earlier, and nothing else.
    x = lambda df: features(df, weather=True).iloc[:, 6:25]  # noqa: E731
    return LinearRegression().fit(x(train), train[TARGET]).predict(x(test))


@solution("ridge-all")
def _(train, test):
    return fit(make_pipeline(StandardScaler(), Ridge(alpha=1.0)), train, test, design=linear_design)


@solution("ridge-recent-years")
def _(train, test):
    return fit(make_pipeline(StandardScaler(), Ridge(alpha=1.0)), recent(train, 3 * 365), test, design=linear_design)


@solution("knn-10")
def _(train, test):
    model = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=10))
    return fit(model, train, test, weather=False)


@solution("tree-depth3")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=3, random_state=SEED), train, test)


@solution("tree-depth6")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=6, random_state=SEED), train, test)


@solution("tree-unpruned")
def _(train, test):
    return fit(DecisionTreeRegressor(random_state=SEED), train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestRegressor(n_estimators=100, min_samples_leaf=2, max_features=0.5,
                                  random_state=SEED, n_jobs=1)
    return fit(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingRegressor(loss="absolute_error", max_iter=300, random_state=SEED)
    return fit(model, train, test)


@solution("lightgbm-calendar-weather-only")
def _(train, test):
    return fit(lightgbm(), train, test, stations=False)


@solution("lightgbm-noisy")
def _(train, test):
    return fit(lightgbm(), train, test) + np.random.default_rng(SEED).normal(0.0, 1.5, len(test))


@solution("lightgbm-10pct-too-low")
def _(train, test):
    return fit(lightgbm(), train, test) * 0.9


@solution("lightgbm")
def _(train, test):
    return fit(lightgbm(), train, test)


@solution("lightgbm-recent-years")
def _(train, test):
    return fit(lightgbm(), recent(train, 5 * 365), test)


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
