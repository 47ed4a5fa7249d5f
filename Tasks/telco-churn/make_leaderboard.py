#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `telco-churn` task.

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
from scipy.stats import rankdata
from lightgbm import LGBMClassifier
from sklearn.ensemble import ExtraTreesClassifier, HistGradientBoostingClassifier, RandomForestClassifier
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
TARGET = "churn"
CATEGORICAL = ["multiple_lines", "internet_service", "online_security", "online_backup",
               "device_protection", "tech_support", "streaming_tv", "streaming_movies", "contract",
               "payment_method"]


def design(train, test):
    """One-hot categoricals, numbers as they are (total_charges' few gaps filled with 0: they are
    brand-new customers)."""
    both = pd.concat([train.drop(columns=[TARGET]), test], keys=["train", "test"])
    both = both.drop(columns=["id"])
    both["total_charges"] = both["total_charges"].fillna(0.0)
    both = pd.get_dummies(both, columns=CATEGORICAL, dtype=float)
    return both.loc["train"], both.loc["test"]


def fit_proba(model, train, test, columns=None):
    x_train, x_test = design(train, test)
    if columns:
        x_train, x_test = x_train[columns], x_test[columns]
    model.fit(x_train, train[TARGET])
    return model.predict_proba(x_test)[:, 1]


def lightgbm(**overrides):
    params = dict(n_estimators=300, learning_rate=0.03, num_leaves=15, min_child_samples=30,
                  subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=SEED,
                  n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMClassifier(**params)


def logreg(c=1.0):
    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=2000))


SOLUTIONS, solution = ladder.registry()


@solution("constant-half")
def _(train, test):
    return np.full(len(test), 0.5)


@solution("random-scores")
def _(train, test):
    return np.random.default_rng(SEED).random(len(test))


@solution("rule-senior-citizen")
def _(train, test):
    return test["senior_citizen"].to_numpy(dtype=float)


@solution("rule-paperless-billing")
def _(train, test):
    return test["paperless_billing"].to_numpy(dtype=float)


@solution("rule-fiber-optic")
def _(train, test):
    return (test["internet_service"] == "Fiber optic").to_numpy(dtype=float)


@solution("rule-electronic-check")
def _(train, test):
    return (test["payment_method"] == "Electronic check").to_numpy(dtype=float)


@solution("rule-month-to-month")
def _(train, test):
    return (test["contract"] == "Month-to-month").to_numpy(dtype=float)


@solution("rule-short-tenure")
def _(train, test):
    return -test["tenure"].to_numpy(dtype=float)


@solution("rule-contract-rate")
def _(train, test):
    # The training churn rate of each contract type.
    return test["contract"].map(train.groupby("contract")[TARGET].mean()).to_numpy()


@solution("rule-contract-then-tenure")
def _(train, test):
    rate = test["contract"].map(train.groupby("contract")[TARGET].mean()).to_numpy()
    return rate - test["tenure"].to_numpy() / 1000.0


@solution("naive-bayes")
def _(train, test):
    return fit_proba(GaussianNB(), train, test)


@solution("knn-5")
def _(train, test):
    return fit_proba(make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5)), train, test)


@solution("knn-50")
def _(train, test):
    return fit_proba(make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=50)), train, test)


@solution("logreg-tenure-charges")
def _(train, test):
    return fit_proba(logreg(), train, test, columns=["tenure", "monthly_charges", "total_charges"])


@solution("logreg-all")
def _(train, test):
    return fit_proba(logreg(), train, test)


@solution("logreg-all-strong-l2")
def _(train, test):
    return fit_proba(logreg(c=0.01), train, test)


@solution("tree-depth2")
def _(train, test):
    return fit_proba(DecisionTreeClassifier(max_depth=2, random_state=SEED), train, test)


@solution("tree-depth5")
def _(train, test):
    return fit_proba(DecisionTreeClassifier(max_depth=5, min_samples_leaf=20, random_state=SEED), train, test)


@solution("tree-unpruned")
def _(train, test):
    return fit_proba(DecisionTreeClassifier(random_state=SEED), train, test)


@solution("extra-trees")
def _(train, test):
    model = ExtraTreesClassifier(n_estimators=200, min_samples_leaf=10, random_state=SEED, n_jobs=2)
    return fit_proba(model, train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestClassifier(n_estimators=200, min_samples_leaf=10, random_state=SEED, n_jobs=2)
    return fit_proba(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, max_iter=200, random_state=SEED)
    return fit_proba(model, train, test)


@solution("lightgbm-overfit")
def _(train, test):
    return fit_proba(lightgbm(n_estimators=300, learning_rate=0.1, num_leaves=127, min_child_samples=2), train, test)


@solution("lightgbm-15-leaves")
def _(train, test):
    return fit_proba(lightgbm(), train, test)


def lightgbm_stumps(train, test):
    # Churn is close to additive in its fields: very small trees, strongly regularised, do best.
    return fit_proba(lightgbm(n_estimators=400, learning_rate=0.02, num_leaves=4, min_child_samples=40,
                              reg_lambda=5.0), train, test)


@solution("lightgbm")
def _(train, test):
    return lightgbm_stumps(train, test)


@solution("blend-logreg-lightgbm")
def _(train, test):
    # The average of the two models' ranks (AUC only sees the order).
    ranks = [rankdata(fit_proba(logreg(), train, test)), rankdata(lightgbm_stumps(train, test))]
    return (ranks[0] + ranks[1]) / (2 * len(test))


def to_submission(name, predictions, test):
    scores = np.asarray(predictions, dtype=float)
    if scores.shape != (len(test),) or not np.isfinite(scores).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: scores})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
