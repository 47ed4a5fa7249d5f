#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `diamonds` task.

A reference board is a ladder of real solutions, from trivial to strong. Each one is fitted on
train.csv of the seed-42 preparation, predicts test.csv, and is graded by the real Dojo grader
(`dojo score ... --json`), so the board measures exactly what an episode measures. Models are
kept modest so the whole ladder runs in a couple of minutes on two cores.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.ensemble import (
    GradientBoostingRegressor,
    HistGradientBoostingRegressor,
    RandomForestRegressor,
)
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
METRIC = "rmsle"
HIGHER_IS_BETTER = False
ID_COLUMN = "id"
TARGETS = ["price"]

# The grades in order, worst to best, so trees can split on them as numbers.
GRADES = {
    "cut": ["Fair", "Good", "Very Good", "Premium", "Ideal"],
    "color": ["J", "I", "H", "G", "F", "E", "D"],
    "clarity": ["I1", "SI2", "SI1", "VS2", "VS1", "VVS2", "VVS1", "IF"],
}
NUMERIC = ["carat", "depth", "table", "x", "y", "z"]

# --------------------------------------------------------------------------------------------
# Features shared by the model-based solutions.


def ordinal(df):
    """Numeric columns plus each grade as its rank (0 = worst): good input for trees."""
    x = df[NUMERIC].copy()
    for column, levels in GRADES.items():
        x[column] = df[column].map({level: i for i, level in enumerate(levels)})
    return x


def one_hot(df):
    """log(carat), the other numbers, and a 0/1 column per grade level: for linear models."""
    x = df[NUMERIC].copy()
    x["log_carat"] = np.log(df["carat"])
    for column, levels in GRADES.items():
        for level in levels[1:]:  # the worst level is the baseline
            x[f"{column}_{level}"] = (df[column] == level).astype(float)
    return x


def fit_log(model, train, test, encode=ordinal, columns=None):
    """Fit on log1p(price), which RMSLE measures, and predict prices."""
    x_train, x_test = encode(train), encode(test)
    if columns:
        x_train, x_test = x_train[columns], x_test[columns]
    model.fit(x_train, np.log1p(train["price"]))
    return np.expm1(model.predict(x_test))


def lightgbm(**overrides):
    params = dict(n_estimators=600, learning_rate=0.05, num_leaves=63, subsample=0.8,
                  subsample_freq=1, colsample_bytree=0.8, random_state=SEED, n_jobs=2,
                  deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMRegressor(**params)


# --------------------------------------------------------------------------------------------
# The ladder: name -> function(train, test) -> prices (rows in test order).

SOLUTIONS, solution = ladder.registry()


@solution("constant-mean")
def _(train, test):
    return np.full(len(test), train["price"].mean())


@solution("constant-median")
def _(train, test):
    return np.full(len(test), train["price"].median())


@solution("constant-geometric-mean")
def _(train, test):
    # The best single number under RMSLE: the mean on the log1p scale.
    return np.full(len(test), np.expm1(np.log1p(train["price"]).mean()))


@solution("rule-clarity-median")
def _(train, test):
    # A one-feature lookup, and a misleading one: the best clarities are mostly small stones.
    return test["clarity"].map(train.groupby("clarity")["price"].median()).to_numpy()


@solution("rule-price-per-carat")
def _(train, test):
    return test["carat"].to_numpy() * (train["price"] / train["carat"]).median()


@solution("linear-carat-raw-price")
def _(train, test):
    # A straight line in dollars goes negative for small stones; clip to the cheapest price seen.
    model = LinearRegression().fit(train[["carat"]], train["price"])
    return model.predict(test[["carat"]]).clip(min=train["price"].min())


@solution("linear-all-raw-price")
def _(train, test):
    model = LinearRegression().fit(one_hot(train), train["price"])
    return model.predict(one_hot(test)).clip(min=train["price"].min())


@solution("loglinear-carat")
def _(train, test):
    return fit_log(LinearRegression(), train, test, encode=one_hot, columns=["log_carat"])


@solution("ridge-log-all")
def _(train, test):
    model = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
    return fit_log(model, train, test, encode=one_hot)


@solution("tree-depth2")
def _(train, test):
    return fit_log(DecisionTreeRegressor(max_depth=2, random_state=SEED), train, test)


@solution("tree-depth4")
def _(train, test):
    return fit_log(DecisionTreeRegressor(max_depth=4, random_state=SEED), train, test)


@solution("tree-depth6")
def _(train, test):
    return fit_log(DecisionTreeRegressor(max_depth=6, random_state=SEED), train, test)


@solution("tree-depth8")
def _(train, test):
    return fit_log(DecisionTreeRegressor(max_depth=8, random_state=SEED), train, test)


@solution("tree-depth12")
def _(train, test):
    return fit_log(DecisionTreeRegressor(max_depth=12, random_state=SEED), train, test)


@solution("tree-unpruned")
def _(train, test):
    return fit_log(DecisionTreeRegressor(random_state=SEED), train, test)


@solution("knn-10")
def _(train, test):
    model = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=10))
    return fit_log(model, train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestRegressor(n_estimators=60, max_depth=16, min_samples_leaf=2,
                                  max_features=0.6, random_state=SEED, n_jobs=2)
    return fit_log(model, train, test)


@solution("gradient-boosting")
def _(train, test):
    model = GradientBoostingRegressor(n_estimators=150, max_depth=4, learning_rate=0.1,
                                      random_state=SEED)
    return fit_log(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingRegressor(max_iter=300, learning_rate=0.1, random_state=SEED)
    return fit_log(model, train, test)


@solution("lightgbm-raw-price")
def _(train, test):
    # Squared error in dollars cares about expensive stones and neglects cheap ones.
    model = lightgbm()
    model.fit(ordinal(train), train["price"])
    return model.predict(ordinal(test)).clip(min=train["price"].min())


@solution("lightgbm-noisy-25pct")
def _(train, test):
    # A strong model whose every prediction is off by a random factor of about ±25%.
    noise = np.random.default_rng(SEED).normal(0.0, 0.25, len(test))
    return fit_log(lightgbm(), train, test) * np.exp(noise)


@solution("lightgbm-15pct-too-high")
def _(train, test):
    return fit_log(lightgbm(), train, test) * 1.15


@solution("lightgbm-100-trees")
def _(train, test):
    return fit_log(lightgbm(n_estimators=100, num_leaves=15), train, test)


@solution("lightgbm")
def _(train, test):
    return fit_log(lightgbm(), train, test)


# --------------------------------------------------------------------------------------------
# The submission each solution's predictions become; Tasks/ladder.py does the rest.


def to_submission(name, predictions, test):
    prices = np.asarray(predictions, dtype=float)
    if prices.shape != (len(test),) or not np.isfinite(prices).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({ID_COLUMN: test[ID_COLUMN], TARGETS[0]: prices})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, metric=METRIC, higher_is_better=HIGHER_IS_BETTER,
                id_column=ID_COLUMN, targets=TARGETS, seed=SEED)
