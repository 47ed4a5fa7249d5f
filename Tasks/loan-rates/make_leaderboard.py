#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `loan-rates` task.

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
TARGET = "interest_rate"
CATEGORICAL = ["state", "homeownership", "verified_income", "verification_income_joint", "loan_purpose",
               "application_type", "issue_month", "initial_listing_status", "disbursement_method"]


def numeric(df):
    x = df.drop(columns=["id", "emp_title", TARGET] + CATEGORICAL, errors="ignore").copy()
    x["utilisation"] = df["total_credit_utilized"] / df["total_credit_limit"].replace(0, np.nan)
    return x


def coded(train, test):
    x_train, x_test = numeric(train), numeric(test)
    for column in CATEGORICAL:
        levels = {v: i for i, v in enumerate(sorted(train[column].dropna().unique()))}
        x_train[column] = train[column].map(levels).fillna(-1)
        x_test[column] = test[column].map(levels).fillna(-1)
    return x_train, x_test


def dense(train, test):
    """Numbers with gaps filled by training medians (and a flag), plus one-hot categories."""
    x_train, x_test = numeric(train), numeric(test)
    extra_train, extra_test = {}, {}
    for column in x_train.columns:
        if x_train[column].isna().any() or x_test[column].isna().any():
            extra_train[f"{column}_missing"] = x_train[column].isna().astype(float)
            extra_test[f"{column}_missing"] = x_test[column].isna().astype(float)
            fill = x_train[column].median()
            x_train[column], x_test[column] = x_train[column].fillna(fill), x_test[column].fillna(fill)
    for column in CATEGORICAL:
        for level in train[column].dropna().unique():
            extra_train[f"{column}={level}"] = (train[column] == level).astype(float)
            extra_test[f"{column}={level}"] = (test[column] == level).astype(float)
    return (pd.concat([x_train, pd.DataFrame(extra_train)], axis=1),
            pd.concat([x_test, pd.DataFrame(extra_test)], axis=1))


def fit(model, train, test, encode=coded, columns=None):
    x_train, x_test = encode(train, test)
    if columns:
        x_train, x_test = x_train[columns], x_test[columns]
    model.fit(x_train, train[TARGET])
    return model.predict(x_test)


def lightgbm(**overrides):
    params = dict(n_estimators=600, learning_rate=0.03, num_leaves=31, min_child_samples=20,
                  subsample=0.8, subsample_freq=1, colsample_bytree=0.7, random_state=SEED,
                  n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMRegressor(**params)


SOLUTIONS, solution = ladder.registry()


@solution("constant-mean")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("constant-median")
def _(train, test):
    return np.full(len(test), train[TARGET].median())


@solution("rule-term-mean")
def _(train, test):
    return test["term"].map(train.groupby("term")[TARGET].mean()).to_numpy()


@solution("rule-purpose-mean")
def _(train, test):
    means = train.groupby("loan_purpose")[TARGET].mean()
    return test["loan_purpose"].map(means).fillna(train[TARGET].mean()).to_numpy()


@solution("rule-term-and-inquiries")
def _(train, test):
    key = lambda df: df["term"].astype(str) + "/" + df["inquiries_last_12m"].clip(upper=5).astype(str)  # noqa: E731
    means = train[TARGET].groupby(key(train)).mean()
    return key(test).map(means).fillna(train[TARGET].mean()).to_numpy()


@solution("linear-term-debt-to-income")
def _(train, test):
    return fit(LinearRegression(), train, test, encode=dense, columns=["term", "debt_to_income"])


@solution("ridge-all")
def _(train, test):
    return fit(make_pipeline(StandardScaler(), Ridge(alpha=10.0)), train, test, encode=dense)


@solution("knn-20")
def _(train, test):
    return fit(make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=20)), train, test, encode=dense)


@solution("tree-depth3")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=3, random_state=SEED), train, test, encode=dense)


@solution("tree-depth6")
def _(train, test):
    return fit(DecisionTreeRegressor(max_depth=6, min_samples_leaf=20, random_state=SEED), train, test, encode=dense)


@solution("tree-unpruned")
def _(train, test):
    return fit(DecisionTreeRegressor(random_state=SEED), train, test, encode=dense)


@solution("random-forest")
def _(train, test):
    model = RandomForestRegressor(n_estimators=100, min_samples_leaf=5, max_features=0.4,
                                  random_state=SEED, n_jobs=1)
    return fit(model, train, test, encode=dense)


@solution("hist-gradient-boosting")
def _(train, test):
    return fit(HistGradientBoostingRegressor(max_iter=300, learning_rate=0.05, random_state=SEED), train, test)


@solution("lightgbm-100-trees")
def _(train, test):
    return fit(lightgbm(n_estimators=100, learning_rate=0.1, num_leaves=7), train, test)


@solution("lightgbm-overfit")
def _(train, test):
    return fit(lightgbm(n_estimators=300, learning_rate=0.1, num_leaves=255, min_child_samples=2), train, test)


@solution("lightgbm-noisy")
def _(train, test):
    return fit(lightgbm(), train, test) + np.random.default_rng(SEED).normal(0.0, 2.0, len(test))


@solution("lightgbm-1pt-too-high")
def _(train, test):
    return fit(lightgbm(), train, test) + 1.0


@solution("lightgbm-l1")
def _(train, test):
    return fit(lightgbm(objective="l1"), train, test)


@solution("lightgbm-without-term")
def _(train, test):
    x_train, x_test = coded(train, test)
    model = lightgbm().fit(x_train.drop(columns=["term"]), train[TARGET])
    return model.predict(x_test.drop(columns=["term"]))


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
