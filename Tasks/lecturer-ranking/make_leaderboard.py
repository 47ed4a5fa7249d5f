#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `lecturer-ranking` task.

A reference board is a ladder of real solutions, from trivial to strong, each fitted on train.csv of
the seed-42 preparation and graded by the real grader (`dojo score`, MAP@5). Every solution gives a
score to each row of test.csv (a student and a candidate lecturer); the lecturers of a student are
submitted in decreasing score order. Learned rankers are trained the way the task is set: the
ratings of 2 semesters back play the test, with features from the older ones (3 to 6 back), so
no feature ever sees a rating from its own semester or later.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from lightgbm import LGBMClassifier, LGBMRanker, LGBMRegressor  # noqa: E402
from sklearn.linear_model import LogisticRegression, Ridge  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
ID, TARGET = "student", "lecturers"
BEST = 5
SOLUTIONS, solution = ladder.registry()


def shrunk_mean(history, keys, value, prior, strength):
    """Mean of `value` per key, pulled towards `prior` with `strength` pseudo-observations."""
    grouped = history.groupby(keys)[value].agg(["sum", "count"])
    return (grouped["sum"] + prior * strength) / (grouped["count"] + strength)


def lookup(pairs, table, keys, default):
    if isinstance(keys, str):
        return pairs[keys].map(table).fillna(default).to_numpy(dtype=float)
    index = pd.MultiIndex.from_frame(pairs[keys])
    return pd.Series(table.reindex(index).to_numpy(), index=pairs.index).fillna(default).to_numpy(dtype=float)


def features(history, pairs):
    """Features of each (student, lecturer) pair computed from the ratings in `history` only."""
    h = history.copy()
    h["best"] = (h["rating"] == BEST).astype(float)
    mean, share = h["rating"].mean(), h["best"].mean()
    h["student_mean"] = h.groupby(ID)["rating"].transform("mean")
    h["residual"] = h["rating"] - h["student_mean"]   # the rating beyond the student's habit
    x = pd.DataFrame(index=pairs.index)
    x["lecturer_n"] = lookup(pairs, h.groupby("lecturer").size(), "lecturer", 0)
    x["lecturer_mean"] = lookup(pairs, shrunk_mean(h, "lecturer", "rating", mean, 5), "lecturer", mean)
    x["lecturer_best"] = lookup(pairs, shrunk_mean(h, "lecturer", "best", share, 5), "lecturer", share)
    x["lecturer_residual"] = lookup(pairs, shrunk_mean(h, "lecturer", "residual", 0.0, 5), "lecturer", 0.0)
    x["lecturer_cohort_mean"] = lookup(pairs, shrunk_mean(h, ["lecturer", "student_semester"], "rating", mean, 5),
                                       ["lecturer", "student_semester"], mean)
    x["student_n"] = lookup(pairs, h.groupby(ID).size(), ID, 0)
    x["student_mean"] = lookup(pairs, shrunk_mean(h, ID, "rating", mean, 3), ID, mean)
    x["student_best"] = lookup(pairs, shrunk_mean(h, ID, "best", share, 3), ID, share)
    x["student_dept_residual"] = lookup(pairs, shrunk_mean(h, [ID, "department"], "residual", 0.0, 3),
                                        [ID, "department"], 0.0)
    x["student_service_residual"] = lookup(pairs, shrunk_mean(h, [ID, "service"], "residual", 0.0, 3),
                                           [ID, "service"], 0.0)
    x["dept_mean"] = lookup(pairs, shrunk_mean(h, "department", "rating", mean, 20), "department", mean)
    x["service"] = pairs["service"].to_numpy(dtype=float)
    x["department"] = pairs["department"].to_numpy(dtype=float)
    x["student_semester"] = pairs["student_semester"].to_numpy(dtype=float)
    return x


def learning_set(train):
    """(x, rating, groups): the ratings of 2 semesters back with features from 3 to 6 back."""
    history = train[train["semesters_ago"] >= 3]
    target = train[train["semesters_ago"] == 2].sort_values([ID, "lecturer"], kind="stable")
    return features(history, target), target


_CACHE = {}


def fitted(name, make_model, kind, train, test, columns=None):
    """Scores of test rows from a model trained on the learning set."""
    key = (name, kind)
    if key in _CACHE:
        return _CACHE[key]
    x_fit, target = learning_set(train)
    x_test = features(train, test)
    if columns:
        x_fit, x_test = x_fit[columns], x_test[columns]
    model = make_model()
    if kind == "rank":
        groups = target.groupby(ID, sort=False).size().to_numpy()
        model.fit(x_fit, target["rating"].to_numpy() - 1, group=groups)
        scores = model.predict(x_test)
    elif kind == "best":
        model.fit(x_fit, (target["rating"] == BEST).astype(int))
        scores = model.predict_proba(x_test)[:, 1]
    else:
        model.fit(x_fit, target["rating"])
        scores = model.predict(x_test)
    _CACHE[key] = scores
    return scores


def lightgbm(kind, **overrides):
    params = dict(n_estimators=300, learning_rate=0.03, num_leaves=15, min_child_samples=40,
                  subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=SEED,
                  n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return {"rank": LGBMRanker, "best": LGBMClassifier, "rating": LGBMRegressor}[kind](**params)


def column(train, test, name):
    return features(train, test)[name].to_numpy()


@solution("sample-order")
def _(train, test):
    # The sample submission: each student's lecturers in increasing (random) id order.
    return -test["lecturer"].to_numpy(dtype=float)


@solution("random-order")
def _(train, test):
    return np.random.default_rng(SEED).random(len(test))


@solution("rule-least-rated-lecturers-first")
def _(train, test):
    return -column(train, test, "lecturer_n")


@solution("rule-most-rated-lecturers-first")
def _(train, test):
    return column(train, test, "lecturer_n")


@solution("rule-service-lectures-last")
def _(train, test):
    return -test["service"].to_numpy(dtype=float) + 1e-6 * np.random.default_rng(SEED).random(len(test))


@solution("rule-department-mean")
def _(train, test):
    return column(train, test, "dept_mean")


@solution("rule-lecturer-raw-mean")
def _(train, test):
    mean = train.groupby("lecturer")["rating"].mean()
    return test["lecturer"].map(mean).fillna(train["rating"].mean()).to_numpy()


@solution("rule-lecturer-shrunk-mean")
def _(train, test):
    return column(train, test, "lecturer_mean")


@solution("rule-lecturer-share-of-fives")
def _(train, test):
    return column(train, test, "lecturer_best")


@solution("rule-lecturer-recency-weighted-mean")
def _(train, test):
    # Recent semesters count more: a rating k semesters back weighs 1/(k-1), shrunk to the mean.
    weight = 1.0 / (train["semesters_ago"] - 1)
    grouped = train.assign(w=weight, wr=weight * train["rating"]).groupby("lecturer")[["w", "wr"]].sum()
    prior = train["rating"].mean()
    table = (grouped["wr"] + 2.0 * prior) / (grouped["w"] + 2.0)
    return test["lecturer"].map(table).fillna(prior).to_numpy()


@solution("rule-lecturer-residual")
def _(train, test):
    # The lecturer's mean rating beyond each rater's usual rating: harsh raters do not count against.
    return column(train, test, "lecturer_residual")


@solution("rule-lecturer-residual-plus-student-department")
def _(train, test):
    x = features(train, test)
    return (x["lecturer_residual"] + x["student_dept_residual"]).to_numpy()


def factorised(train, test, rank, reg=10.0, bias_reg=5.0, iterations=15):
    """rating ≈ mean + student effect + lecturer effect + student factors · lecturer factors, fitted
    by alternating ridge regressions (rank 0: the additive mixed model lme4's examples fit). The
    student's own effect is the same for all their lecturers, so the score leaves it out."""
    s, l = train[ID].to_numpy(), train["lecturer"].to_numpy()
    r = train["rating"].to_numpy(dtype=float)
    n_s = int(max(train[ID].max(), test[ID].max())) + 1
    n_l = int(max(train["lecturer"].max(), test["lecturer"].max())) + 1
    rng = np.random.default_rng(SEED)
    u = 0.1 * rng.standard_normal((n_s, rank))
    v = 0.1 * rng.standard_normal((n_l, rank))
    mu, bu, bi = r.mean(), np.zeros(n_s), np.zeros(n_l)

    def solve(factors, index, other, other_factors, residual):
        order = np.argsort(index, kind="stable")
        cuts = np.searchsorted(index[order], np.arange(len(factors) + 1))
        for row in range(len(factors)):
            rows = order[cuts[row]:cuts[row + 1]]
            x = other_factors[other[rows]]
            factors[row] = np.linalg.solve(x.T @ x + reg * np.eye(rank), x.T @ residual[rows]) if len(rows) else 0

    for _ in range(iterations):
        inner = (u[s] * v[l]).sum(1)
        bu = np.bincount(s, r - mu - bi[l] - inner, n_s) / (np.bincount(s, minlength=n_s) + bias_reg)
        bi = np.bincount(l, r - mu - bu[s] - inner, n_l) / (np.bincount(l, minlength=n_l) + bias_reg)
        if rank:
            solve(u, s, l, v, r - mu - bu[s] - bi[l])
            solve(v, l, s, u, r - mu - bu[s] - bi[l])
    ts, tl = test[ID].to_numpy(), test["lecturer"].to_numpy()
    return bi[tl] + (u[ts] * v[tl]).sum(1)


@solution("additive-student-and-lecturer-effects")
def _(train, test):
    return factorised(train, test, rank=0)


@solution("matrix-factorisation-rank-8")
def _(train, test):
    return factorised(train, test, rank=8)


@solution("matrix-factorisation-rank-8-strong-ridge")
def _(train, test):
    return factorised(train, test, rank=8, reg=30.0)


@solution("ridge-rating")
def _(train, test):
    return fitted("ridge", lambda: make_pipeline(StandardScaler(), Ridge(alpha=1.0)), "rating", train, test)


@solution("logreg-very-good")
def _(train, test):
    return fitted("logreg", lambda: make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)),
                  "best", train, test)


@solution("logreg-very-good-lecturer-only")
def _(train, test):
    columns = ["lecturer_n", "lecturer_mean", "lecturer_best", "lecturer_residual", "lecturer_cohort_mean"]
    return fitted("logreg-lecturer", lambda: make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)),
                  "best", train, test, columns=columns)


@solution("lightgbm-rating-regression")
def _(train, test):
    return fitted("lgbm", lambda: lightgbm("rating"), "rating", train, test)


@solution("lightgbm-very-good-classifier")
def _(train, test):
    return fitted("lgbm", lambda: lightgbm("best"), "best", train, test)


@solution("lightgbm-lambdarank")
def _(train, test):
    return fitted("lgbm", lambda: lightgbm("rank"), "rank", train, test)


@solution("lightgbm-lambdarank-overfit")
def _(train, test):
    return fitted("lgbm-overfit", lambda: lightgbm("rank", num_leaves=127, min_child_samples=2,
                                                   learning_rate=0.1, n_estimators=400), "rank", train, test)


@solution("lightgbm-lambdarank-stumps")
def _(train, test):
    return fitted("lgbm-stumps", lambda: lightgbm("rank", num_leaves=2, n_estimators=400), "rank", train, test)


@solution("blend-lambdarank-classifier")
def _(train, test):
    # Each model's scores turned into within-student ranks, averaged.
    frame = test[[ID]].assign(a=fitted("lgbm", lambda: lightgbm("rank"), "rank", train, test),
                              b=fitted("lgbm", lambda: lightgbm("best"), "best", train, test))
    return (frame.groupby(ID)["a"].rank(pct=True) + frame.groupby(ID)["b"].rank(pct=True)).to_numpy()


@solution("lightgbm-lambdarank-half-shuffled")
def _(train, test):
    # A degraded copy: half of the students get a random order instead.
    scores = fitted("lgbm", lambda: lightgbm("rank"), "rank", train, test).copy()
    rng = np.random.default_rng(SEED)
    students = test[ID].unique()
    shuffled = set(rng.choice(students, size=len(students) // 2, replace=False))
    rows = test[ID].isin(shuffled).to_numpy()
    scores[rows] = rng.random(int(rows.sum()))
    return scores


def to_submission(name, predictions, test):
    scores = np.asarray(predictions, dtype=float)
    if scores.shape != (len(test),) or not np.isfinite(scores).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    ranked = test[[ID, "lecturer"]].assign(score=scores).sort_values(
        [ID, "score", "lecturer"], ascending=[True, False, True], kind="stable")
    lists = ranked.groupby(ID, sort=True)["lecturer"].apply(lambda v: " ".join(str(x) for x in v))
    return pd.DataFrame({ID: lists.index, TARGET: lists.to_numpy()})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
