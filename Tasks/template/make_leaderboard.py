#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `__ID__` task.

A reference board is a ladder of real solutions, from trivial to strong, each fitted on train.csv of
the seed-42 preparation and graded by the real grader (`dojo score`). Tasks/ladder.py does the
preparing, grading and writing; this file only lists the solutions (at least 20).

    make_leaderboard.py [--dojo PATH] [--out PATH]

TODO: adapt the features and the solutions to your task; keep the spread from trivial to strong.
"""

import os
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import (ExtraTreesClassifier, GradientBoostingClassifier,
                              HistGradientBoostingClassifier, RandomForestClassifier)
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
ID, TARGET = "id", "works"
SOLUTIONS, solution = ladder.registry()


def design(train, test):
    features = [c for c in test.columns if c != ID]
    x_train = pd.get_dummies(train[features], dtype=float)
    x_test = pd.get_dummies(test[features], dtype=float).reindex(columns=x_train.columns, fill_value=0)
    fill = x_train.median()
    return x_train.fillna(fill), x_test.fillna(fill)


def fitted(model):
    def predict(train, test):
        x_train, x_test = design(train, test)
        return model.fit(x_train, train[TARGET]).predict(x_test)
    return predict


def flipped(fn, fraction):
    """A deliberately degraded copy of a solution: a random `fraction` of its answers swapped."""
    def predict(train, test):
        predictions = np.asarray(fn(train, test), dtype=object)
        classes = sorted(train[TARGET].astype(str).unique())
        rng = np.random.default_rng(SEED)
        rows = rng.choice(len(predictions), size=int(round(fraction * len(predictions))), replace=False)
        predictions[rows] = [classes[(classes.index(str(p)) + 1) % len(classes)] for p in predictions[rows]]
        return predictions
    return predict


@solution("constant-minority")
def _(train, test):
    return np.repeat(train[TARGET].value_counts().index[-1], len(test))


@solution("constant-majority")
def _(train, test):
    return np.repeat(train[TARGET].value_counts().index[0], len(test))


@solution("random-at-base-rate")
def _(train, test):
    shares = train[TARGET].value_counts(normalize=True)
    return np.random.default_rng(SEED).choice(shares.index.to_numpy(), size=len(test), p=shares.to_numpy())


LADDER = [
    ("knn-1", make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1))),
    ("knn-5", make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))),
    ("knn-25", make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=25))),
    ("naive-bayes", GaussianNB()),
    ("tree-depth1", DecisionTreeClassifier(max_depth=1, random_state=SEED)),
    ("tree-depth3", DecisionTreeClassifier(max_depth=3, random_state=SEED)),
    ("tree-depth6", DecisionTreeClassifier(max_depth=6, random_state=SEED)),
    ("tree-unpruned", DecisionTreeClassifier(random_state=SEED)),
    ("logreg-strong-penalty", make_pipeline(StandardScaler(), LogisticRegression(C=0.001, max_iter=2000))),
    ("logreg", make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))),
    ("random-forest-tiny", RandomForestClassifier(n_estimators=5, max_depth=3, random_state=SEED)),
    ("random-forest", RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=SEED)),
    ("extra-trees", ExtraTreesClassifier(n_estimators=300, min_samples_leaf=3, random_state=SEED)),
    ("gradient-boosting", GradientBoostingClassifier(max_depth=3, random_state=SEED)),
    ("hist-gradient-boosting", HistGradientBoostingClassifier(max_depth=4, learning_rate=0.05, random_state=SEED)),
]
for name, model in LADDER:
    solution(name)(fitted(model))
solution("logreg-30pct-flipped")(flipped(fitted(make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))), 0.30))
solution("logreg-15pct-flipped")(flipped(fitted(make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))), 0.15))
solution("gradient-boosting-10pct-flipped")(flipped(fitted(GradientBoostingClassifier(max_depth=3, random_state=SEED)), 0.10))


def to_submission(name, predictions, test):
    return pd.DataFrame({ID: test[ID], TARGET: predictions})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
