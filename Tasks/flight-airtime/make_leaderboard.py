#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `flight-airtime` task.

A reference board is a ladder of real solutions, from trivial to strong: constants, a fixed cruise
speed, linear fits on the distance, the nearest training destination, trees, forests and boosting
on the route's geometry (distance, bearing, the destination's coordinates), the season, the hour,
the departure delay, the weather at the origin and the aircraft. Each is fitted on the seed-42
train split and graded by the real Dojo grader (`dojo score ... --json`, RMSE in minutes).

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.ensemble import ExtraTreesRegressor, HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor
from threadpoolctl import threadpool_limits

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "air_time"
CARRIERS = ["9E", "AA", "AS", "B6", "DL", "EV", "F9", "FL", "HA", "MQ", "OO", "UA", "US", "VX", "WN", "YV"]


def public_table(name):
    return pd.read_csv(os.path.join(os.environ["DOJO_LADDER_PUBLIC"], name))


def geometry(df):
    """Distance, the initial bearing from origin to destination (as sine and cosine: west is the
    jet stream's headwind) and the destination's position."""
    la1, lo1 = np.radians(df["origin_lat"]), np.radians(df["origin_lon"])
    la2, lo2 = np.radians(df["dest_lat"]), np.radians(df["dest_lon"])
    y = np.sin(lo2 - lo1) * np.cos(la2)
    x = np.cos(la1) * np.sin(la2) - np.sin(la1) * np.cos(la2) * np.cos(lo2 - lo1)
    bearing = np.arctan2(y, x)
    return pd.DataFrame({"distance": df["distance"], "bearing_sin": np.sin(bearing),
                         "bearing_cos": np.cos(bearing), "dest_lat": df["dest_lat"],
                         "dest_lon": df["dest_lon"], "dest_alt": df["dest_alt"]}, index=df.index)


def encode(df, weather=False, planes=False):
    x = geometry(df)
    x["month"] = df["month"]
    x["winter"] = np.cos(2 * np.pi * (df["month"] - 1) / 12)
    x["hour"] = df["hour"]
    x["dep_delay"] = df["dep_delay"]
    for origin in ("EWR", "JFK", "LGA"):
        x[f"origin_{origin}"] = (df["origin"] == origin).astype(float)
    x["carrier"] = df["carrier"].map({c: i for i, c in enumerate(CARRIERS)}).fillna(-1)
    if weather:
        w = public_table("weather.csv").drop_duplicates(["origin", "month", "day", "hour"])
        joined = df[["origin", "month", "day", "hour"]].merge(w, on=["origin", "month", "day", "hour"], how="left")
        direction = np.radians(joined["wind_dir"].fillna(0).to_numpy())
        speed = joined["wind_speed"].fillna(0).to_numpy()
        # The wind's component along the route (positive: a tailwind at departure).
        bearing = np.arctan2(x["bearing_sin"].to_numpy(), x["bearing_cos"].to_numpy())
        x["tailwind"] = -speed * np.cos(direction - bearing)
        x["wind_speed"] = speed
        x["temp"] = joined["temp"].fillna(joined["temp"].mean()).to_numpy()
        x["pressure"] = joined["pressure"].fillna(1017).to_numpy()
        x["visib"] = joined["visib"].fillna(10).to_numpy()
    if planes:
        p = public_table("planes.csv").set_index("tailnum")
        x["seats"] = df["tailnum"].map(p["seats"]).fillna(-1)
        x["engines"] = df["tailnum"].map(p["engines"]).fillna(-1)
        x["plane_year"] = df["tailnum"].map(p["year"]).fillna(-1)
        x["turboprop"] = df["tailnum"].map(p["engine"]).eq("Turbo-prop").astype(float)
    return x


def fitted(make, columns=None, weather=False, planes=False, pace=False):
    """Fits on the encoded train; with `pace`, the model predicts minutes per mile beyond a linear
    fit on the distance, so trees need not extrapolate to distances they have not seen."""
    def fit(train, test):
        a, b = encode(train, weather, planes), encode(test, weather, planes)
        if columns:
            a, b = a[columns], b[columns]
        y = train[TARGET].to_numpy(dtype=float)
        if pace:
            line = LinearRegression().fit(train[["distance"]], y)
            base_a, base_b = line.predict(train[["distance"]]), line.predict(test[["distance"]])
            model = make().fit(a, (y - base_a) / train["distance"])
            return base_b + model.predict(b) * test["distance"].to_numpy()
        with threadpool_limits(limits=1, user_api="openmp"):
            return make().fit(a, y).predict(b)
    return fit


def lgbm(**overrides):
    params = dict(n_estimators=500, learning_rate=0.05, num_leaves=31, min_child_samples=40, subsample=0.8,
                  subsample_freq=1, colsample_bytree=0.8, random_state=SEED, n_jobs=1, deterministic=True,
                  force_row_wise=True, verbose=-1)
    params.update(overrides)
    return lambda: LGBMRegressor(**params)


SOLUTIONS, solution = ladder.registry()


@solution("constant-mean")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("constant-median")
def _(train, test):
    return np.full(len(test), train[TARGET].median())


@solution("rule-500-mph")
def _(train, test):
    return test["distance"].to_numpy() / 500 * 60


@solution("rule-450-mph-plus-15-min")
def _(train, test):
    return test["distance"].to_numpy() / 450 * 60 + 15


@solution("nearest-destination-pace")
def _(train, test):
    """The minutes per mile of the training destination nearest in coordinates, times the distance."""
    per_dest = train.groupby("dest").agg(lat=("dest_lat", "first"), lon=("dest_lon", "first"),
                                         minutes=(TARGET, "sum"), miles=("distance", "sum"))
    knn = KNeighborsRegressor(1).fit(per_dest[["lat", "lon"]].to_numpy(), per_dest["minutes"] / per_dest["miles"])
    return knn.predict(test[["dest_lat", "dest_lon"]].to_numpy()) * test["distance"].to_numpy()


add = solution
add("knn-25-destination-coordinates")(fitted(lambda: KNeighborsRegressor(25), ["dest_lat", "dest_lon"]))
add("tree-distance-depth3")(fitted(lambda: DecisionTreeRegressor(max_depth=3, random_state=SEED), ["distance"]))
add("tree-distance-depth8")(fitted(lambda: DecisionTreeRegressor(max_depth=8, random_state=SEED), ["distance"]))
add("linear-distance")(fitted(LinearRegression, ["distance"]))
add("linear-distance-origin")(fitted(LinearRegression, ["distance", "origin_EWR", "origin_JFK", "origin_LGA"]))
add("linear-geometry")(fitted(LinearRegression, ["distance", "bearing_sin", "bearing_cos", "dest_lat", "dest_lon", "dest_alt"]))
add("ridge-all-features")(fitted(lambda: make_pipeline(StandardScaler(), Ridge(alpha=1.0))))


@solution("linear-distance-by-month")
def _(train, test):
    """A distance slope per month: westbound headwinds are strongest in winter."""
    def design(df):
        x = pd.DataFrame({"distance": df["distance"]})
        for m in range(1, 13):
            x[f"d{m}"] = df["distance"] * (df["month"] == m)
        return x
    return LinearRegression().fit(design(train), train[TARGET]).predict(design(test))


add("tree-unpruned")(fitted(lambda: DecisionTreeRegressor(random_state=SEED)))
add("tree-depth10")(fitted(lambda: DecisionTreeRegressor(max_depth=10, min_samples_leaf=20, random_state=SEED)))
add("random-forest-100")(fitted(lambda: RandomForestRegressor(n_estimators=100, min_samples_leaf=5, max_features=0.5,
                                                              random_state=SEED, n_jobs=2)))
add("extra-trees-100")(fitted(lambda: ExtraTreesRegressor(n_estimators=100, min_samples_leaf=5, max_features=0.5,
                                                          random_state=SEED, n_jobs=2)))
add("hist-gradient-boosting")(fitted(lambda: HistGradientBoostingRegressor(max_iter=300, random_state=SEED)))
add("lightgbm")(fitted(lgbm()))
add("lightgbm-weather")(fitted(lgbm(), weather=True))
add("lightgbm-weather-planes")(fitted(lgbm(), weather=True, planes=True))
add("ridge-pace-weather-planes")(fitted(lambda: make_pipeline(StandardScaler(), Ridge(alpha=1.0)),
                                        weather=True, planes=True, pace=True))
add("lightgbm-pace-weather-planes")(fitted(lgbm(), weather=True, planes=True, pace=True))
add("lightgbm-overfit")(fitted(lgbm(n_estimators=200, learning_rate=0.3, num_leaves=255, min_child_samples=2)))


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, seed=SEED)
