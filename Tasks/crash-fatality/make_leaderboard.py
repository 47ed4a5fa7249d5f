#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `crash-fatality` task.

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
from lightgbm import LGBMClassifier
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
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
TARGET = "dead"
SPEEDS = ["1-9km/h", "10-24", "25-39", "40-54", "55+"]


def design(df, one_hot=True):
    x = pd.DataFrame({
        "speed": df["speed_change"].map({s: i for i, s in enumerate(SPEEDS)}),
        "airbag": (df["airbag"] == "airbag").astype(int),
        "belted": (df["seatbelt"] == "belted").astype(int),
        "frontal": df["frontal"],
        "male": (df["sex"] == "m").astype(int),
        "age": df["age"],
        "year_crash": df["year_crash"],
        "vehicle_age": (df["year_crash"] - df["year_vehicle"]).fillna(5),
        "deployed": df["deploy"],
        "no_airbag_status": (df["airbag_status"] == "unavail").astype(int),
        "driver": (df["role"] == "driver").astype(int),
    })
    if one_hot:
        for i, s in enumerate(SPEEDS[1:], start=1):
            x[f"speed_{i}"] = (x["speed"] == i).astype(int)
        x["age_sq"] = (x["age"] / 10) ** 2
    return x


def fit_proba(model, train, test, columns=None, one_hot=True):
    x_train, x_test = design(train, one_hot), design(test, one_hot)
    if columns:
        x_train, x_test = x_train[columns], x_test[columns]
    model.fit(x_train, train[TARGET])
    return model.predict_proba(x_test)[:, 1]


def lightgbm(**overrides):
    params = dict(n_estimators=400, learning_rate=0.02, num_leaves=8, min_child_samples=50,
                  subsample=0.8, subsample_freq=1, colsample_bytree=0.8, reg_lambda=5.0,
                  random_state=SEED, n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMClassifier(**params)


def logreg(c=1.0):
    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=2000))


def group_rate(train, test, columns, prior=20.0):
    """The training death rate of each combination of `columns`, shrunk toward the overall rate."""
    overall = train[TARGET].mean()
    stats = train.groupby(columns)[TARGET].agg(["sum", "count"])
    rate = (stats["sum"] + prior * overall) / (stats["count"] + prior)
    keys = pd.MultiIndex.from_frame(test[columns]) if len(columns) > 1 else test[columns[0]]
    return rate.reindex(keys).fillna(overall).to_numpy()


SOLUTIONS, solution = ladder.registry()


@solution("constant-half")
def _(train, test):
    return np.full(len(test), 0.5)


@solution("constant-10pct")
def _(train, test):
    return np.full(len(test), 0.10)


@solution("constant-base-rate")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


@solution("rule-unbelted-10pct")
def _(train, test):
    return np.where(test["seatbelt"] == "none", 0.10, 0.02)


@solution("rate-by-seatbelt")
def _(train, test):
    return group_rate(train, test, ["seatbelt"])


@solution("rate-by-speed")
def _(train, test):
    return group_rate(train, test, ["speed_change"])


@solution("rate-by-speed-seatbelt")
def _(train, test):
    return group_rate(train, test, ["speed_change", "seatbelt"])


@solution("rate-by-speed-seatbelt-frontal")
def _(train, test):
    return group_rate(train, test, ["speed_change", "seatbelt", "frontal"])


@solution("naive-bayes")
def _(train, test):
    return fit_proba(GaussianNB(), train, test)


@solution("knn-25")
def _(train, test):
    return fit_proba(make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=25)), train, test)


@solution("knn-150")
def _(train, test):
    return fit_proba(make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=150)), train, test)


@solution("logreg-speed-seatbelt")
def _(train, test):
    return fit_proba(logreg(), train, test, columns=["speed", "belted"])


@solution("logreg-speed-seatbelt-age")
def _(train, test):
    return fit_proba(logreg(), train, test, columns=["speed", "belted", "age", "frontal"])


@solution("logreg-all")
def _(train, test):
    return fit_proba(logreg(), train, test)


@solution("tree-depth3")
def _(train, test):
    return fit_proba(DecisionTreeClassifier(max_depth=3, random_state=SEED), train, test, one_hot=False)


@solution("tree-depth6-leaf50")
def _(train, test):
    model = DecisionTreeClassifier(max_depth=6, min_samples_leaf=50, random_state=SEED)
    return fit_proba(model, train, test, one_hot=False)


@solution("tree-unpruned")
def _(train, test):
    # Pure leaves predict exactly 0 or 1: one confident mistake costs log(1/eps) ≈ 36.
    return fit_proba(DecisionTreeClassifier(random_state=SEED), train, test, one_hot=False)


@solution("random-forest-leaf1")
def _(train, test):
    model = RandomForestClassifier(n_estimators=80, random_state=SEED, n_jobs=2)
    return fit_proba(model, train, test, one_hot=False)


@solution("random-forest-leaf30")
def _(train, test):
    model = RandomForestClassifier(n_estimators=150, min_samples_leaf=30, random_state=SEED, n_jobs=2)
    return fit_proba(model, train, test, one_hot=False)


@solution("random-forest-calibrated")
def _(train, test):
    forest = RandomForestClassifier(n_estimators=100, min_samples_leaf=10, random_state=SEED, n_jobs=2)
    return fit_proba(CalibratedClassifierCV(forest, method="isotonic", cv=3), train, test, one_hot=False)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingClassifier(max_depth=4, learning_rate=0.1, max_iter=100, random_state=SEED)
    return fit_proba(model, train, test, one_hot=False)


@solution("lightgbm-overfit")
def _(train, test):
    model = lightgbm(n_estimators=300, learning_rate=0.1, num_leaves=127, min_child_samples=2, reg_lambda=0.0)
    return fit_proba(model, train, test, one_hot=False)


@solution("lightgbm")
def _(train, test):
    return fit_proba(lightgbm(), train, test, one_hot=False)


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p.clip(0.0, 1.0)})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
