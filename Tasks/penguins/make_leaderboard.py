#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `penguins` task.

A reference board is a ladder of real solutions, from trivial to strong. Each one is fitted on
train.csv of the seed-42 preparation, predicts test.csv, and is graded by the real Dojo grader
(`dojo score ... --json`), so the board measures exactly what an episode measures. Log loss
rewards calibration, so the ladder includes over- and under-confident versions of good models.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import make_column_transformer
from sklearn.ensemble import (
    ExtraTreesClassifier,
    GradientBoostingClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
METRIC = "log_loss"
HIGHER_IS_BETTER = False
ID_COLUMN = "id"
TARGETS = ["Adelie", "Chinstrap", "Gentoo"]  # also the order of every probability matrix

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
NUMERIC = MEASUREMENTS + ["year"]
CATEGORICAL = ["island", "sex"]

# --------------------------------------------------------------------------------------------
# Helpers shared by the model-based solutions.


def preprocessor(numeric=NUMERIC, categorical=CATEGORICAL):
    """Median-fill and scale numbers; one-hot categories with 'unknown' for a missing sex."""
    parts = [(make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric)]
    if categorical:
        parts.append((make_pipeline(SimpleImputer(strategy="constant", fill_value="unknown"),
                                    OneHotEncoder(handle_unknown="ignore")), categorical))
    return make_column_transformer(*parts)


def fit_proba(model, train, test, numeric=NUMERIC, categorical=CATEGORICAL):
    """Fit preprocessing + `model` on train; return test probabilities in TARGETS order."""
    pipeline = make_pipeline(preprocessor(numeric, categorical), model)
    columns = list(numeric) + list(categorical)
    pipeline.fit(train[columns], train["species"])
    if list(pipeline.classes_) != TARGETS:
        raise RuntimeError(f"unexpected class order {pipeline.classes_}")
    return pipeline.predict_proba(test[columns])


def constant(test, row):
    return np.tile(np.asarray(row, dtype=float), (len(test), 1))


def sharpen(p, power):
    """power > 1 makes a model over-confident, power < 1 under-confident."""
    p = np.power(p, power)
    return p / p.sum(axis=1, keepdims=True)


def logreg(train, test):
    return fit_proba(LogisticRegression(max_iter=2000), train, test)


# --------------------------------------------------------------------------------------------
# The ladder: name -> function(train, test) -> probabilities (rows in test order).

SOLUTIONS, solution = ladder.registry()


@solution("constant-certain-adelie")
def _(train, test):
    # The most common class with probability 1: every other penguin costs ~34.5.
    return constant(test, [1.0, 0.0, 0.0])


@solution("constant-confident-adelie")
def _(train, test):
    return constant(test, [0.9, 0.05, 0.05])


@solution("constant-uniform")
def _(train, test):
    return constant(test, [1 / 3, 1 / 3, 1 / 3])


@solution("constant-class-prior")
def _(train, test):
    prior = train["species"].value_counts(normalize=True)
    return constant(test, [prior[c] for c in TARGETS])


@solution("rule-year-frequencies")
def _(train, test):
    # The study year says almost nothing about species: barely better than the prior.
    counts = pd.crosstab(train["year"], train["species"]).reindex(columns=TARGETS) + 1.0
    table = counts.div(counts.sum(axis=1), axis=0)
    return table.loc[test["year"]].to_numpy()


@solution("rule-island-frequencies")
def _(train, test):
    # P(species | island) with add-half smoothing; Torgersen is all Adelie, Biscoe mostly Gentoo.
    counts = pd.crosstab(train["island"], train["species"]).reindex(columns=TARGETS) + 0.5
    table = counts.div(counts.sum(axis=1), axis=0)
    return table.loc[test["island"]].to_numpy()


@solution("knn-1")
def _(train, test):
    # Hard 0/1 probabilities: every mistake is clipped to 1e-15 and costs ~34.5.
    return fit_proba(KNeighborsClassifier(n_neighbors=1), train, test)


@solution("tree-unpruned")
def _(train, test):
    # Pure leaves, so 0/1 probabilities too: accurate but badly over-confident.
    return fit_proba(DecisionTreeClassifier(random_state=SEED), train, test)


@solution("tree-depth1")
def _(train, test):
    return fit_proba(DecisionTreeClassifier(max_depth=1, random_state=SEED), train, test)


@solution("tree-depth2")
def _(train, test):
    return fit_proba(DecisionTreeClassifier(max_depth=2, random_state=SEED), train, test)


@solution("tree-depth3-leaf10")
def _(train, test):
    model = DecisionTreeClassifier(max_depth=3, min_samples_leaf=10, random_state=SEED)
    return fit_proba(model, train, test)


@solution("logreg-flipper-only")
def _(train, test):
    return fit_proba(LogisticRegression(max_iter=2000), train, test,
                     numeric=["flipper_length_mm"], categorical=[])


@solution("logreg-bill-length-only")
def _(train, test):
    return fit_proba(LogisticRegression(max_iter=2000), train, test,
                     numeric=["bill_length_mm"], categorical=[])


@solution("logreg-bill-length-and-depth")
def _(train, test):
    return fit_proba(LogisticRegression(max_iter=2000), train, test,
                     numeric=["bill_length_mm", "bill_depth_mm"], categorical=[])


@solution("naive-bayes-with-one-hot")
def _(train, test):
    # A classic pitfall: Gaussians on 0/1 columns. Gentoo never nests on Dream, so that column
    # has zero variance for Gentoo and the model becomes absurdly certain.
    return fit_proba(GaussianNB(), train, test)


@solution("naive-bayes")
def _(train, test):
    return fit_proba(GaussianNB(), train, test, categorical=[])


@solution("knn-15")
def _(train, test):
    return fit_proba(KNeighborsClassifier(n_neighbors=15), train, test)


@solution("logreg-heavily-regularised")
def _(train, test):
    # C = 0.01 shrinks the weights towards zero: right answers, timid probabilities.
    return fit_proba(LogisticRegression(C=0.01, max_iter=2000), train, test)


@solution("logreg-underconfident")
def _(train, test):
    return 0.6 * logreg(train, test) + 0.4 / 3


@solution("logreg-overconfident")
def _(train, test):
    return sharpen(logreg(train, test), 6.0)


@solution("logreg-noisy")
def _(train, test):
    # Half the weight on random Dirichlet noise: a good model with a shaky hand.
    noise = np.random.default_rng(SEED).dirichlet([1.0, 1.0, 1.0], size=len(test))
    return 0.5 * logreg(train, test) + 0.5 * noise


@solution("logreg")
def _(train, test):
    return logreg(train, test)


@solution("logreg-without-year")
def _(train, test):
    # The study year is noise for species; dropping it helps a little.
    return fit_proba(LogisticRegression(max_iter=2000), train, test, numeric=MEASUREMENTS)


@solution("logreg-tuned")
def _(train, test):
    # Regularisation strength chosen by 5-fold cross-validated log loss on the training set.
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    search = GridSearchCV(LogisticRegression(max_iter=5000),
                          {"C": [0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0]},
                          scoring="neg_log_loss", cv=folds)
    return fit_proba(search, train, test, numeric=MEASUREMENTS)


@solution("svm-rbf-platt")
def _(train, test):
    # Platt scaling fitted by (unshuffled, hence deterministic) 5-fold cross-validation.
    model = CalibratedClassifierCV(SVC(random_state=SEED), method="sigmoid", ensemble=False)
    return fit_proba(model, train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestClassifier(n_estimators=300, min_samples_leaf=2, random_state=SEED)
    return fit_proba(model, train, test)


@solution("extra-trees")
def _(train, test):
    model = ExtraTreesClassifier(n_estimators=300, min_samples_leaf=2, random_state=SEED)
    return fit_proba(model, train, test)


@solution("gradient-boosting")
def _(train, test):
    model = GradientBoostingClassifier(n_estimators=100, max_depth=2, random_state=SEED)
    return fit_proba(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05,
                                           min_samples_leaf=10, random_state=SEED)
    return fit_proba(model, train, test)


@solution("lightgbm")
def _(train, test):
    model = LGBMClassifier(n_estimators=200, learning_rate=0.05, num_leaves=7,
                           min_child_samples=10, random_state=SEED, deterministic=True,
                           force_row_wise=True, verbose=-1)
    return fit_proba(model, train, test)


# --------------------------------------------------------------------------------------------
# The submission each solution's predictions become; Tasks/ladder.py does the rest.


def to_submission(name, predictions, test):
    probabilities = np.asarray(predictions, dtype=float)
    if probabilities.shape != (len(test), len(TARGETS)):
        raise RuntimeError(f"{name}: predictions have shape {probabilities.shape}")
    submission = pd.DataFrame(probabilities, columns=TARGETS)
    submission.insert(0, ID_COLUMN, test[ID_COLUMN].to_numpy())
    return submission


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, metric=METRIC, higher_is_better=HIGHER_IS_BETTER,
                id_column=ID_COLUMN, targets=TARGETS, seed=SEED)
