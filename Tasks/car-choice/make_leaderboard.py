#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `car-choice` task.

A reference board is a ladder of real solutions, from trivial to strong, each fitted on train.csv of
the seed-42 preparation and graded by the real grader (`dojo score`, MAP@6 = mean reciprocal rank
of the chosen vehicle). Every solution scores each offered vehicle (a row of test.csv); a
respondent's vehicles are submitted in decreasing score order.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from lightgbm import LGBMClassifier, LGBMRanker  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from scipy.special import logsumexp  # noqa: E402
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.naive_bayes import GaussianNB  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
ID, TARGET = "respondent", "vehicles"
OFFERED = 6
NUMBERS = ["price", "range", "acceleration", "top_speed", "pollution", "size", "luggage_space",
           "operating_cost", "station_availability"]
BODIES = ["van", "truck", "stwagon", "sportuv", "sportcar"]          # regcar is the reference
FUELS = ["methanol", "cng", "electric"]                               # gasoline is the reference
SOLUTIONS, solution = ladder.registry()


def design(frame, interactions=False, position=False):
    """The attributes of each offered vehicle: numbers, body type and fuel one-hot; optionally the
    household's answers crossed with them and the vehicle's place on the questionnaire."""
    x = frame[NUMBERS].astype(float).copy()
    x["log_price"] = np.log(frame["price"])
    for body in BODIES:
        x[f"body_{body}"] = (frame["body_type"] == body).astype(float)
    for fuel in FUELS:
        x[f"fuel_{fuel}"] = (frame["fuel"] == fuel).astype(float)
    if interactions:
        for household in ["college", "large_household", "short_commute"]:
            h = frame[household].astype(float)
            for column in ["body_van", "body_sportcar", "body_truck", "body_stwagon", "fuel_electric",
                           "size", "range", "price"]:
                x[f"{household}_x_{column}"] = h * x[column]
    if position:
        for z in range(2, OFFERED + 1):
            x[f"position_{z}"] = (frame["vehicle"] == z).astype(float)
    return x


def conditional_logit(train, test, interactions=False, position=False, l2=1.0):
    """McFadden's conditional logit: P(choose j) = exp(x_j·β) / Σ_k exp(x_k·β) over a respondent's
    six vehicles, β by maximum likelihood with a small ridge penalty (scipy L-BFGS)."""
    x_train, x_test = design(train, interactions, position), design(test, interactions, position)
    scaler = StandardScaler().fit(x_train)
    a = scaler.transform(x_train).reshape(-1, OFFERED, x_train.shape[1])
    y = train["chosen"].to_numpy().reshape(-1, OFFERED).argmax(1)
    n = len(a)

    def loss(beta):
        u = a @ beta
        lse = logsumexp(u, axis=1)
        p = np.exp(u - lse[:, None])
        value = -(u[np.arange(n), y] - lse).sum() + 0.5 * l2 * beta @ beta
        p[np.arange(n), y] -= 1
        grad = np.einsum("ij,ijk->k", p, a) + l2 * beta
        return value, grad

    beta = minimize(loss, np.zeros(a.shape[2]), jac=True, method="L-BFGS-B").x
    return scaler.transform(x_test) @ beta


def per_row(model, train, test, interactions=False, position=True):
    """A classifier of `chosen` on one vehicle at a time (ignores that exactly one is chosen)."""
    x_train, x_test = design(train, interactions, position), design(test, interactions, position)
    return model.fit(x_train, train["chosen"]).predict_proba(x_test)[:, 1]


def lightgbm(kind="binary", **overrides):
    params = dict(n_estimators=300, learning_rate=0.03, num_leaves=15, min_child_samples=30,
                  subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=SEED,
                  n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return (LGBMRanker if kind == "rank" else LGBMClassifier)(**params)


def lambdarank(train, test, **overrides):
    x_train, x_test = design(train, True, True), design(test, True, True)
    model = lightgbm("rank", **overrides)
    model.fit(x_train, train["chosen"], group=np.full(len(train) // OFFERED, OFFERED))
    return model.predict(x_test)


def rate_by(train, test, keys):
    """The share of the training offers with the same values of `keys` that were chosen."""
    rate = train.groupby(keys)["chosen"].mean().rename("rate").reset_index()
    return test[keys].merge(rate, on=keys, how="left")["rate"].fillna(1 / OFFERED).to_numpy()


def within(test, scores):
    """Scores turned into ranks within each respondent (for blends)."""
    return test[[ID]].assign(s=scores).groupby(ID)["s"].rank(pct=True).to_numpy()


@solution("questionnaire-order")
def _(train, test):
    return -test["vehicle"].to_numpy(dtype=float)


@solution("reverse-questionnaire-order")
def _(train, test):
    return test["vehicle"].to_numpy(dtype=float)


@solution("random-order")
def _(train, test):
    return np.random.default_rng(SEED).random(len(test))


@solution("rule-cheapest-first")
def _(train, test):
    return -test["price"].to_numpy() - 1e-3 * test["vehicle"].to_numpy()


@solution("rule-longest-range-first")
def _(train, test):
    return test["range"].to_numpy() - 1e-3 * test["vehicle"].to_numpy()


@solution("rule-cleanest-first")
def _(train, test):
    return -test["pollution"].to_numpy() - 1e-3 * test["vehicle"].to_numpy()


@solution("rule-position-share")
def _(train, test):
    return rate_by(train, test, ["vehicle"])


@solution("rule-body-type-share")
def _(train, test):
    return rate_by(train, test, ["body_type"]) - 1e-3 * test["vehicle"].to_numpy()


@solution("rule-fuel-share")
def _(train, test):
    return rate_by(train, test, ["fuel"]) - 1e-3 * test["vehicle"].to_numpy()


@solution("rule-body-and-fuel-share")
def _(train, test):
    return rate_by(train, test, ["body_type", "fuel"])


@solution("naive-bayes-per-vehicle")
def _(train, test):
    return per_row(GaussianNB(), train, test)


@solution("logreg-per-vehicle")
def _(train, test):
    return per_row(make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)), train, test)


@solution("tree-depth4-per-vehicle")
def _(train, test):
    return per_row(DecisionTreeClassifier(max_depth=4, random_state=SEED), train, test)


@solution("tree-unpruned-per-vehicle")
def _(train, test):
    return per_row(DecisionTreeClassifier(random_state=SEED), train, test)


@solution("random-forest-per-vehicle")
def _(train, test):
    model = RandomForestClassifier(n_estimators=200, min_samples_leaf=10, random_state=SEED, n_jobs=2)
    return per_row(model, train, test, interactions=True)


@solution("extra-trees-per-vehicle")
def _(train, test):
    model = ExtraTreesClassifier(n_estimators=200, min_samples_leaf=10, random_state=SEED, n_jobs=2)
    return per_row(model, train, test, interactions=True)


@solution("lightgbm-per-vehicle")
def _(train, test):
    return per_row(lightgbm(), train, test, interactions=True)


@solution("conditional-logit-attributes")
def _(train, test):
    return conditional_logit(train, test)


@solution("conditional-logit-household-interactions")
def _(train, test):
    return conditional_logit(train, test, interactions=True)


@solution("conditional-logit-interactions-and-position")
def _(train, test):
    return conditional_logit(train, test, interactions=True, position=True)


@solution("lightgbm-lambdarank")
def _(train, test):
    return lambdarank(train, test)


@solution("lightgbm-lambdarank-overfit")
def _(train, test):
    return lambdarank(train, test, num_leaves=127, min_child_samples=2, learning_rate=0.1, n_estimators=400)


@solution("blend-conditional-logit-lambdarank")
def _(train, test):
    return (within(test, conditional_logit(train, test, interactions=True, position=True))
            + within(test, lambdarank(train, test)))


@solution("conditional-logit-half-shuffled")
def _(train, test):
    # A degraded copy of a strong entry: half of the respondents get a random order.
    scores = conditional_logit(train, test, interactions=True, position=True)
    rng = np.random.default_rng(SEED)
    people = test[ID].unique()
    shuffled = test[ID].isin(set(rng.choice(people, size=len(people) // 2, replace=False))).to_numpy()
    scores[shuffled] = rng.random(int(shuffled.sum()))
    return scores


def to_submission(name, predictions, test):
    scores = np.asarray(predictions, dtype=float)
    if scores.shape != (len(test),) or not np.isfinite(scores).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    ranked = test[[ID, "vehicle"]].assign(score=scores).sort_values(
        [ID, "score", "vehicle"], ascending=[True, False, True], kind="stable")
    lists = ranked.groupby(ID, sort=True)["vehicle"].apply(lambda v: " ".join(str(x) for x in v))
    return pd.DataFrame({ID: lists.index, TARGET: lists.to_numpy()})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
