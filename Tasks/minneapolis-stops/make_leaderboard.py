#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `minneapolis-stops` task.

A reference board is a ladder of real solutions, from trivial to strong: constant and random
scores, one-field rules, the search rate of the neighbourhood or of the nearest stops, linear
models, trees, forests and boosting. Each is fitted on the seed-42 train split, scores test.csv,
and is graded by the real Dojo grader (`dojo score ... --json`, ROC AUC).

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.ensemble import ExtraTreesClassifier, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import BernoulliNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "personSearch"
CATEGORIES = ["problem", "preRace", "race", "gender", "policePrecinct", "neighborhood"]


def numeric(df):
    """Coordinates, the local hour and weekday, and each category as a code (for trees)."""
    when = pd.to_datetime(df["date"])
    x = pd.DataFrame({"lat": df["lat"], "long": df["long"], "hour": when.dt.hour,
                      "weekday": when.dt.weekday})
    for column in CATEGORIES:
        x[column] = df[column].astype(str)
    return x


def coded(train, test):
    a, b = numeric(train), numeric(test)
    for column in CATEGORIES:
        levels = {v: i for i, v in enumerate(sorted(a[column].unique()))}
        a[column] = a[column].map(levels)
        b[column] = b[column].map(levels).fillna(-1)
    return a, b


def one_hot(train, test, with_coordinates=True):
    a, b = numeric(train), numeric(test)
    a["hour"] = a["hour"].astype(str)
    b["hour"] = b["hour"].astype(str)
    columns = CATEGORIES + ["hour"]
    both = pd.get_dummies(pd.concat([a[columns], b[columns]]), columns=columns).astype(float)
    if with_coordinates:
        both["lat"] = (pd.concat([a["lat"], b["lat"]]) - 44.97) * 10
        both["long"] = (pd.concat([a["long"], b["long"]]) + 93.26) * 10
    return both.iloc[: len(a)].to_numpy(), both.iloc[len(a):].to_numpy()


def positive(model, x_train, y, x_test):
    model.fit(x_train, y)
    return model.predict_proba(x_test)[:, 1]


SOLUTIONS, solution = ladder.registry()


@solution("constant")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("random")
def _(train, test):
    return np.random.default_rng(SEED).random(len(test))


@solution("rule-male")
def _(train, test):
    return (test["gender"] == "Male").astype(float).to_numpy()


@solution("rule-suspicious-person-call")
def _(train, test):
    return (test["problem"] == "suspicious").astype(float).to_numpy()


@solution("rule-night-hours")
def _(train, test):
    hour = pd.to_datetime(test["date"]).dt.hour
    return ((hour >= 20) | (hour < 4)).astype(float).to_numpy()


@solution("rate-of-precinct")
def _(train, test):
    rates = train.groupby("policePrecinct")[TARGET].mean()
    return test["policePrecinct"].map(rates).fillna(train[TARGET].mean()).to_numpy()


@solution("rate-of-neighbourhood")
def _(train, test):
    rates = train.groupby("neighborhood")[TARGET].agg(["sum", "count"])
    smoothed = (rates["sum"] + 20 * train[TARGET].mean()) / (rates["count"] + 20)
    return test["neighborhood"].map(smoothed).fillna(train[TARGET].mean()).to_numpy()


@solution("rate-of-race")
def _(train, test):
    rates = train.groupby("race")[TARGET].mean()
    return test["race"].map(rates).fillna(train[TARGET].mean()).to_numpy()


@solution("knn-50-coordinates")
def _(train, test):
    return positive(KNeighborsClassifier(50), train[["lat", "long"]], train[TARGET], test[["lat", "long"]])


@solution("knn-200-coordinates")
def _(train, test):
    return positive(KNeighborsClassifier(200), train[["lat", "long"]], train[TARGET], test[["lat", "long"]])


@solution("naive-bayes-one-hot")
def _(train, test):
    a, b = one_hot(train, test, with_coordinates=False)
    return positive(BernoulliNB(), a, train[TARGET], b)


@solution("logreg-problem-race-gender")
def _(train, test):
    a = pd.get_dummies(train[["problem", "race", "gender"]]).astype(float)
    b = pd.get_dummies(test[["problem", "race", "gender"]]).reindex(columns=a.columns, fill_value=0).astype(float)
    return positive(LogisticRegression(max_iter=1000), a, train[TARGET], b)


@solution("logreg-one-hot")
def _(train, test):
    a, b = one_hot(train, test)
    return positive(LogisticRegression(max_iter=2000, C=0.3), a, train[TARGET], b)


@solution("tree-depth3")
def _(train, test):
    a, b = coded(train, test)
    return positive(DecisionTreeClassifier(max_depth=3, random_state=SEED), a, train[TARGET], b)


@solution("tree-depth8")
def _(train, test):
    a, b = coded(train, test)
    return positive(DecisionTreeClassifier(max_depth=8, min_samples_leaf=20, random_state=SEED), a, train[TARGET], b)


@solution("tree-unpruned")
def _(train, test):
    a, b = coded(train, test)
    return positive(DecisionTreeClassifier(random_state=SEED), a, train[TARGET], b)


@solution("random-forest-200")
def _(train, test):
    a, b = coded(train, test)
    model = RandomForestClassifier(n_estimators=200, min_samples_leaf=10, random_state=SEED, n_jobs=2)
    return positive(model, a, train[TARGET], b)


@solution("extra-trees-200")
def _(train, test):
    a, b = coded(train, test)
    model = ExtraTreesClassifier(n_estimators=200, min_samples_leaf=10, random_state=SEED, n_jobs=2)
    return positive(model, a, train[TARGET], b)


@solution("hist-gradient-boosting")
def _(train, test):
    a, b = coded(train, test)
    categorical = [a.columns.get_loc(c) for c in CATEGORIES]
    model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, categorical_features=categorical,
                                           random_state=SEED)
    # One OpenMP thread: on a busy machine its spinning threads cost more than they give.
    with threadpool_limits(limits=1, user_api="openmp"):
        return positive(model, a, train[TARGET], b.clip(lower=0))


@solution("lightgbm")
def _(train, test):
    a, b = coded(train, test)
    model = LGBMClassifier(n_estimators=400, learning_rate=0.03, num_leaves=31, min_child_samples=40,
                           subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=SEED,
                           n_jobs=1, verbose=-1)
    return positive(model, a, train[TARGET], b)


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite scores")
    return pd.DataFrame({"id": test["id"], TARGET: p})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, seed=SEED)
