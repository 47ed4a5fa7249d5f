#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `cps-wages` task.

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
from sklearn.linear_model import LinearRegression, QuantileRegressor, Ridge
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "wage"


def design(df, mincer=True):
    """Flags for the categories; with `mincer`, the squared, cubed and crossed terms of labour
    economics' wage equations."""
    x = pd.DataFrame({
        "education": df["education"],
        "experience": df["experience"],
        "afam": (df["ethnicity"] == "afam").astype(float),
        "smsa": (df["smsa"] == "yes").astype(float),
        "parttime": (df["parttime"] == "yes").astype(float),
        "midwest": (df["region"] == "midwest").astype(float),
        "south": (df["region"] == "south").astype(float),
        "west": (df["region"] == "west").astype(float),
    })
    if mincer:
        e = x["experience"] / 10
        x["exp2"], x["exp3"], x["exp4"] = e ** 2, e ** 3, e ** 4
        x["edu2"] = (x["education"] / 10) ** 2
        x["edu_exp"] = x["education"] * e
        x["pt_exp"] = x["parttime"] * e
        x["pt_edu"] = x["parttime"] * x["education"]
    return x


def fit_log(model, train, test, columns=None, mincer=True):
    """Fit log1p(wage), which RMSLE measures, and predict wages."""
    x_train, x_test = design(train, mincer), design(test, mincer)
    if columns:
        x_train, x_test = x_train[columns], x_test[columns]
    model.fit(x_train, np.log1p(train[TARGET]))
    return np.expm1(model.predict(x_test))


def lightgbm(**overrides):
    params = dict(n_estimators=500, learning_rate=0.03, num_leaves=15, min_child_samples=40,
                  subsample=0.8, subsample_freq=1, random_state=SEED, n_jobs=1,
                  deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMRegressor(**params)


def group_geometric_mean(train, test, columns):
    logs = np.log1p(train[TARGET]).groupby([train[c] for c in columns]).mean()
    keys = pd.MultiIndex.from_frame(test[columns]) if len(columns) > 1 else test[columns[0]]
    return np.expm1(logs.reindex(keys).fillna(np.log1p(train[TARGET]).mean()).to_numpy())


SOLUTIONS, solution = ladder.registry()


@solution("constant-mean")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("constant-median")
def _(train, test):
    return np.full(len(test), train[TARGET].median())


@solution("constant-geometric-mean")
def _(train, test):
    return np.full(len(test), np.expm1(np.log1p(train[TARGET]).mean()))


@solution("rule-by-region")
def _(train, test):
    return group_geometric_mean(train, test, ["region"])


@solution("rule-by-education")
def _(train, test):
    return group_geometric_mean(train, test, ["education"])


@solution("rule-by-parttime")
def _(train, test):
    return group_geometric_mean(train, test, ["parttime"])


@solution("rule-by-parttime-education")
def _(train, test):
    return group_geometric_mean(train, test, ["parttime", "education"])


@solution("linear-raw-wage")
def _(train, test):
    # Fitted on dollars, not logs: the wrong scale for this metric.
    x_train, x_test = design(train, False), design(test, False)
    return LinearRegression().fit(x_train, train[TARGET]).predict(x_test).clip(min=50)


@solution("loglinear-education")
def _(train, test):
    return fit_log(LinearRegression(), train, test, columns=["education"])


@solution("mincer-equation")
def _(train, test):
    # log wage on education, experience and its square, and ethnicity (Mincer 1974).
    return fit_log(LinearRegression(), train, test,
                   columns=["education", "experience", "exp2", "afam"])


@solution("loglinear-all-linear-terms")
def _(train, test):
    return fit_log(LinearRegression(), train, test, mincer=False)


@solution("ridge-buchinsky-terms")
def _(train, test):
    return fit_log(make_pipeline(StandardScaler(), Ridge(alpha=1.0)), train, test)


@solution("median-regression")
def _(train, test):
    # The conditional median of log wage (least absolute deviations), as in Bierens and Ginther.
    model = make_pipeline(StandardScaler(), QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs"))
    sample = train.sample(n=min(len(train), 6000), random_state=SEED)
    return fit_log(model, sample, test)


@solution("knn-5")
def _(train, test):
    return fit_log(make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=5)), train, test, mincer=False)


@solution("knn-100")
def _(train, test):
    return fit_log(make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=100)), train, test, mincer=False)


@solution("tree-depth3")
def _(train, test):
    return fit_log(DecisionTreeRegressor(max_depth=3, random_state=SEED), train, test, mincer=False)


@solution("tree-depth8")
def _(train, test):
    return fit_log(DecisionTreeRegressor(max_depth=8, min_samples_leaf=20, random_state=SEED), train, test, mincer=False)


@solution("tree-unpruned")
def _(train, test):
    return fit_log(DecisionTreeRegressor(random_state=SEED), train, test, mincer=False)


@solution("random-forest")
def _(train, test):
    model = RandomForestRegressor(n_estimators=100, min_samples_leaf=20, max_features=0.6,
                                  random_state=SEED, n_jobs=2)
    return fit_log(model, train, test, mincer=False)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, random_state=SEED)
    return fit_log(model, train, test, mincer=False)


@solution("lightgbm-raw-wage")
def _(train, test):
    model = lightgbm()
    model.fit(design(train, False), train[TARGET])
    return model.predict(design(test, False)).clip(min=50)


@solution("lightgbm")
def _(train, test):
    return fit_log(lightgbm(), train, test, mincer=False)


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p.clip(min=0)})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
