#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `storm-tracks` task.

A reference board is a ladder of real solutions, from trivial to strong: constant positions,
persistence, climatological drift, straight-line extrapolation of the recent motion, then linear
models, neighbours, trees and boosting on motion features. Each is fitted on the seed-42 train
split (train.csv and train_tracks.csv), predicts the test forecasts from test_tracks.csv, and is
graded by the real Dojo grader (`dojo score ... --json`, metric haversine_km).

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.ensemble import ExtraTreesRegressor, HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.multioutput import MultiOutputRegressor
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor
from threadpoolctl import threadpool_limits

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGETS = ["lat_24h", "long_24h"]
LAGS = [6, 12, 24]


def read_tracks(name):
    return pd.read_csv(os.path.join(os.environ["DOJO_LADDER_PUBLIC"], name))


def features(rows, tracks):
    """Per forecast (storm, hours): the current fix and the position 6, 12 and 24 h earlier
    (interpolated along the track, held at the first fix before the storm began)."""
    tracks = tracks.drop_duplicates(["storm", "hours"], keep="last")
    now = rows[["storm", "hours"]].merge(tracks, on=["storm", "hours"], how="left")
    out = pd.DataFrame({"lat": now["lat"], "long": now["long"], "month": now["month"],
                        "wind": now["wind"], "pressure": now["pressure"], "age": now["hours"],
                        "hurricane": (now["status"] == "hurricane").astype(float),
                        "category": now["category"].fillna(0.0)})
    for lag in LAGS:
        out[f"dlat{lag}"] = 0.0
        out[f"dlong{lag}"] = 0.0
    for storm, fixes in tracks.groupby("storm"):
        at = np.flatnonzero(now["storm"].to_numpy() == storm)
        if len(at) == 0:
            continue
        fixes = fixes.sort_values("hours")
        h = fixes["hours"].to_numpy()
        t = now["hours"].to_numpy()[at]
        for lag in LAGS:
            out.loc[at, f"dlat{lag}"] = out["lat"].to_numpy()[at] - np.interp(t - lag, h, fixes["lat"].to_numpy())
            out.loc[at, f"dlong{lag}"] = out["long"].to_numpy()[at] - np.interp(t - lag, h, fixes["long"].to_numpy())
    return out


CACHE = {}


def data(train, test):
    if "x" not in CACHE:
        CACHE["x"] = features(train, read_tracks("train_tracks.csv"))
        CACHE["t"] = features(test, read_tracks("test_tracks.csv"))
        CACHE["y"] = np.column_stack([train["lat_24h"] - CACHE["x"]["lat"], train["long_24h"] - CACHE["x"]["long"]])
    return CACHE["x"], CACHE["y"], CACHE["t"]


def moved(t, dlat, dlong):
    return np.column_stack([t["lat"] + dlat, t["long"] + dlong])


def fit_displacement(model, train, test, columns=None):
    """Fit the 24 h displacement (degrees) and add it to the current position."""
    x, y, t = data(train, test)
    if columns:
        x, t = x[columns], t[columns]
    model.fit(x, y)
    d = model.predict(t)
    return moved(data(train, test)[2], d[:, 0], d[:, 1])


SOLUTIONS, solution = ladder.registry()


@solution("random-training-position")
def _(train, test):
    rows = np.random.default_rng(SEED).integers(0, len(train), len(test))
    return train[TARGETS].to_numpy()[rows]


@solution("constant-mean-position")
def _(train, test):
    return np.tile(train[TARGETS].mean().to_numpy(), (len(test), 1))


@solution("constant-median-position")
def _(train, test):
    return np.tile(train[TARGETS].median().to_numpy(), (len(test), 1))


@solution("persistence")
def _(train, test):
    t = data(train, test)[2]
    return moved(t, 0, 0)


@solution("persistence-plus-mean-drift")
def _(train, test):
    _, y, t = data(train, test)
    return moved(t, y[:, 0].mean(), y[:, 1].mean())


@solution("drift-by-5-degree-latitude-band")
def _(train, test):
    x, y, t = data(train, test)
    band, tband = (x["lat"] // 5).to_numpy(), (t["lat"] // 5).to_numpy()
    d = pd.DataFrame({"band": band, "dlat": y[:, 0], "dlong": y[:, 1]}).groupby("band").median()
    dlat = pd.Series(tband).map(d["dlat"]).fillna(np.median(y[:, 0])).to_numpy()
    dlong = pd.Series(tband).map(d["dlong"]).fillna(np.median(y[:, 1])).to_numpy()
    return moved(t, dlat, dlong)


for lag, factor in [(24, 1.0), (6, 4.0), (12, 2.0), (6, 3.0), (12, 1.5)]:
    name = f"extrapolate-last-{lag}h" + ("" if factor * lag == 24 else f"-damped-x{factor:g}")

    @solution(name)
    def _(train, test, lag=lag, factor=factor):
        t = data(train, test)[2]
        return moved(t, factor * t[f"dlat{lag}"], factor * t[f"dlong{lag}"])


@solution("linear-on-12h-motion")
def _(train, test):
    return fit_displacement(LinearRegression(), train, test, ["dlat12", "dlong12"])


@solution("ridge-all-features")
def _(train, test):
    return fit_displacement(make_pipeline(StandardScaler(), Ridge(1.0)), train, test)


@solution("knn-15")
def _(train, test):
    return fit_displacement(make_pipeline(StandardScaler(), KNeighborsRegressor(15)), train, test)


@solution("tree-depth4")
def _(train, test):
    return fit_displacement(DecisionTreeRegressor(max_depth=4, random_state=SEED), train, test)


@solution("tree-unpruned")
def _(train, test):
    return fit_displacement(DecisionTreeRegressor(random_state=SEED), train, test)


@solution("random-forest-100")
def _(train, test):
    model = RandomForestRegressor(n_estimators=100, min_samples_leaf=5, random_state=SEED, n_jobs=1)
    return fit_displacement(model, train, test)


@solution("extra-trees-100")
def _(train, test):
    model = ExtraTreesRegressor(n_estimators=100, min_samples_leaf=5, random_state=SEED, n_jobs=1)
    return fit_displacement(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = MultiOutputRegressor(HistGradientBoostingRegressor(max_iter=200, random_state=SEED))
    # One OpenMP thread: on a busy machine its spinning threads cost more than they give.
    with threadpool_limits(limits=1, user_api="openmp"):
        return fit_displacement(model, train, test)


@solution("lightgbm")
def _(train, test):
    model = MultiOutputRegressor(LGBMRegressor(n_estimators=300, learning_rate=0.05, num_leaves=15,
                                               random_state=SEED, n_jobs=1, deterministic=True,
                                               force_row_wise=True, verbose=-1))
    return fit_displacement(model, train, test)


@solution("lightgbm-motion-only")
def _(train, test):
    model = MultiOutputRegressor(LGBMRegressor(n_estimators=300, learning_rate=0.05, num_leaves=15,
                                               random_state=SEED, n_jobs=1, deterministic=True,
                                               force_row_wise=True, verbose=-1))
    return fit_displacement(model, train, test, ["lat", "long"] + [f"d{c}{lag}" for c in ("lat", "long") for lag in LAGS])


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test), 2) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite positions")
    return pd.DataFrame({"id": test["id"], "lat_24h": np.clip(p[:, 0], -90, 90), "long_24h": p[:, 1]})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, seed=SEED)
