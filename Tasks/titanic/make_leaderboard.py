#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `titanic` task.

A reference board is a ladder of real solutions, from trivial to strong. Each one is fitted on
train.csv of the seed-42 preparation, predicts test.csv, and is graded by the real Dojo grader
(`dojo score ... --json`), so the board measures exactly what an episode measures.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.ensemble import (
    ExtraTreesClassifier,
    GradientBoostingClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
METRIC = "accuracy"
HIGHER_IS_BETTER = True
ID_COLUMN = "PassengerId"
TARGETS = ["Survived"]

# --------------------------------------------------------------------------------------------
# Features shared by the model-based solutions.

COMMON_TITLES = ["Mr", "Mrs", "Miss", "Master"]


def title_of(names):
    """'Allison, Mrs. Hudson J C' -> 'Mrs'; rare titles (Dr, Rev, Col, ...) -> 'Rare'."""
    titles = names.str.extract(r",\s*(?:the\s+)?([^.]+)\.", expand=False).fillna("Rare")
    titles = titles.replace({"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"})
    return titles.where(titles.isin(COMMON_TITLES), "Rare")


def design(df, age_fill, with_title=True):
    x = pd.DataFrame(
        {
            "female": (df["Sex"] == "female").astype(int),
            "first": (df["Pclass"] == 1).astype(int),
            "second": (df["Pclass"] == 2).astype(int),
            "age": df["Age"].fillna(age_fill),
            "age_missing": df["Age"].isna().astype(int),
        }
    )
    if with_title:
        titles = title_of(df["Name"])
        for title in COMMON_TITLES + ["Rare"]:
            x["title_" + title] = (titles == title).astype(int)
    return x


def fit_predict(model, train, test, columns=None, with_title=True):
    """Fit `model` on the training design matrix and predict 0/1 for the test set."""
    age_fill = train["Age"].median()
    x_train = design(train, age_fill, with_title)
    x_test = design(test, age_fill, with_title)
    if columns:
        x_train, x_test = x_train[columns], x_test[columns]
    model.fit(x_train, train["Survived"])
    return model.predict(x_test)


def flip(predictions, fraction, seed):
    """A deliberately degraded copy: flip a random `fraction` of the predictions."""
    rng = np.random.default_rng(seed)
    predictions = np.asarray(predictions).copy()
    rows = rng.choice(len(predictions), size=int(round(fraction * len(predictions))), replace=False)
    predictions[rows] = 1 - predictions[rows]
    return predictions


# --------------------------------------------------------------------------------------------
# The ladder: name -> function(train, test) -> 0/1 predictions in test order.

SOLUTIONS, solution = ladder.registry()


@solution("constant-all-survived")
def _(train, test):
    return np.ones(len(test), dtype=int)


@solution("random-coin-flip")
def _(train, test):
    return np.random.default_rng(SEED).integers(0, 2, len(test))


@solution("random-at-base-rate")
def _(train, test):
    rate = train["Survived"].mean()
    return (np.random.default_rng(SEED + 1).random(len(test)) < rate).astype(int)


@solution("constant-all-died")
def _(train, test):
    return np.zeros(len(test), dtype=int)


@solution("rule-first-class-survives")
def _(train, test):
    return (test["Pclass"] == 1).astype(int).to_numpy()


@solution("rule-children-survive")
def _(train, test):
    return (test["Age"] < 10).astype(int).to_numpy()


@solution("knn-1")
def _(train, test):
    # One neighbour: copies the label of the most similar passenger, noise included.
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1))
    return fit_predict(model, train, test)


@solution("rule-women-survive-30pct-flipped")
def _(train, test):
    return flip((test["Sex"] == "female").astype(int).to_numpy(), 0.30, SEED)


@solution("rule-women-survive-15pct-flipped")
def _(train, test):
    return flip((test["Sex"] == "female").astype(int).to_numpy(), 0.15, SEED)


@solution("rule-women-survive")
def _(train, test):
    return (test["Sex"] == "female").astype(int).to_numpy()


@solution("rule-women-outside-3rd-class-survive")
def _(train, test):
    return ((test["Sex"] == "female") & (test["Pclass"] < 3)).astype(int).to_numpy()


@solution("rule-women-and-boys-survive")
def _(train, test):
    boys = title_of(test["Name"]) == "Master"
    return ((test["Sex"] == "female") | boys).astype(int).to_numpy()


@solution("naive-bayes")
def _(train, test):
    return fit_predict(GaussianNB(), train, test)


@solution("knn-15")
def _(train, test):
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15))
    return fit_predict(model, train, test)


@solution("logreg-sex-class")
def _(train, test):
    return fit_predict(LogisticRegression(max_iter=1000), train, test,
                       columns=["female", "first", "second"])


@solution("logreg-sex-class-age")
def _(train, test):
    return fit_predict(LogisticRegression(max_iter=1000), train, test, with_title=False)


@solution("logreg-with-title")
def _(train, test):
    return fit_predict(LogisticRegression(max_iter=1000), train, test)


@solution("tree-depth2")
def _(train, test):
    return fit_predict(DecisionTreeClassifier(max_depth=2, random_state=SEED), train, test)


@solution("tree-depth4")
def _(train, test):
    return fit_predict(DecisionTreeClassifier(max_depth=4, random_state=SEED), train, test)


@solution("tree-unpruned")
def _(train, test):
    # No depth limit: memorises the training set, a classic overfit.
    return fit_predict(DecisionTreeClassifier(random_state=SEED), train, test)


@solution("svm-rbf")
def _(train, test):
    model = make_pipeline(StandardScaler(), SVC(C=1.0, random_state=SEED))
    return fit_predict(model, train, test)


@solution("extra-trees")
def _(train, test):
    model = ExtraTreesClassifier(n_estimators=300, min_samples_leaf=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("random-forest-tiny")
def _(train, test):
    model = RandomForestClassifier(n_estimators=5, max_depth=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("gradient-boosting-10pct-flipped")
def _(train, test):
    model = GradientBoostingClassifier(max_depth=3, random_state=SEED)
    return flip(fit_predict(model, train, test), 0.10, SEED)


@solution("gradient-boosting")
def _(train, test):
    model = GradientBoostingClassifier(max_depth=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingClassifier(max_depth=4, learning_rate=0.05, random_state=SEED)
    return fit_predict(model, train, test)


@solution("lightgbm")
def _(train, test):
    model = LGBMClassifier(n_estimators=200, learning_rate=0.03, num_leaves=8,
                           min_child_samples=10, random_state=SEED, deterministic=True,
                           force_row_wise=True, verbose=-1)
    return fit_predict(model, train, test)


# --------------------------------------------------------------------------------------------
# The submission each solution's predictions become; Tasks/ladder.py does the rest.


def to_submission(name, predictions, test):
    return pd.DataFrame({ID_COLUMN: test[ID_COLUMN], TARGETS[0]: np.asarray(predictions).astype(int)})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, metric=METRIC, higher_is_better=HIGHER_IS_BETTER,
                id_column=ID_COLUMN, targets=TARGETS, seed=SEED)
