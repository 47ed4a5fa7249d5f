"""Reference solutions shared by the survival tasks' boards (make_leaderboard.py), weak to strong:
a constant, random scores, single-feature rules, logistic regression on the event flag, Cox
proportional hazards (scikit-survival), penalised Cox, survival trees, random survival forests and
gradient-boosted Cox models. Every solution returns one risk score per test row: higher means an
earlier event, as the concordance index expects.

A task's script gives `encode(df) -> DataFrame` (numeric, no missing values) and its rules
[(name, column, sign)], then calls `ladder.main(__doc__, HERE, survival_ladder.solutions(...),
survival_ladder.to_submission)`.
"""

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sksurv.ensemble import (ComponentwiseGradientBoostingSurvivalAnalysis,
                             GradientBoostingSurvivalAnalysis, RandomSurvivalForest)
from sksurv.linear_model import CoxnetSurvivalAnalysis, CoxPHSurvivalAnalysis
from sksurv.tree import SurvivalTree
from sksurv.util import Surv

SEED = 42


def target(train):
    return Surv.from_arrays(event=train["event"].astype(bool), time=train["time"].astype(float))


def to_submission(name, risk, test):
    risk = np.asarray(risk, dtype=float)
    if not np.isfinite(risk).all():
        raise SystemExit(f"{name}: non-finite risk scores")
    return pd.DataFrame({"id": test["id"].to_numpy(), "risk": risk})


def solutions(encode, rules, forest_rows=None, boost_rows=None, componentwise_rows=None, big=True):
    """The ladder: (name, fn(train, test) -> risk). `forest_rows` and `boost_rows` cap the rows the
    random survival forests and the boosted Cox models train on (a random sample; scikit-survival's
    Cox gradient is O(n²) per boosting round); `componentwise_rows` those of the componentwise
    boosting, slower still; `big` adds the slower models."""

    def capped(train, rows):
        return train.sample(rows, random_state=SEED) if rows and len(train) > rows else train
    out = []

    def add(name):
        def register(fn):
            out.append((name, fn))
            return fn
        return register

    @add("constant")
    def _(train, test):
        return np.zeros(len(test))

    @add("random-scores")
    def _(train, test):
        return np.random.default_rng(SEED).random(len(test))

    for rule_name, column, sign in rules:
        def rule(train, test, column=column, sign=sign):
            return sign * encode(test)[column].to_numpy(dtype=float)
        out.append((f"rule-{rule_name}", rule))

    def cox(columns=None, alpha=0.0):
        def fit(train, test):
            x_train, x_test = encode(train), encode(test)
            if columns:
                x_train, x_test = x_train[columns], x_test[columns]
            model = make_pipeline(StandardScaler(), CoxPHSurvivalAnalysis(alpha=alpha, n_iter=200))
            model.fit(x_train, target(train))
            return model.predict(x_test)
        return fit

    @add("logistic-event-flag")
    def _(train, test):
        # Ignores the times: the probability of an observed event as the risk.
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
        model.fit(encode(train), train["event"])
        return model.predict_proba(encode(test))[:, 1]

    first = rules[0][1]
    out.append((f"cox-{rules[0][0]}", cox([first])))
    if len(rules) > 1:
        out.append((f"cox-{rules[0][0]}-{rules[1][0]}", cox([first, rules[1][1]])))
    out.append(("cox-all", cox(alpha=1e-4)))

    def coxnet(l1_ratio, alpha):
        # The whole regularisation path (stable from the largest alpha down), read at `alpha`.
        def fit(train, test):
            scaler = StandardScaler().fit(encode(train))
            model = CoxnetSurvivalAnalysis(l1_ratio=l1_ratio, n_alphas=60, alpha_min_ratio=0.001)
            model.fit(scaler.transform(encode(train)), target(train))
            return model.predict(scaler.transform(encode(test)), alpha=alpha)
        return fit

    out.append(("coxnet-lasso-strong", coxnet(1.0, 0.05)))
    out.append(("coxnet-elastic", coxnet(0.5, 0.005)))

    def tree(depth, leaf):
        def fit(train, test):
            model = SurvivalTree(max_depth=depth, min_samples_leaf=leaf, random_state=SEED, low_memory=True)
            model.fit(encode(train), target(train))
            return model.predict(encode(test))
        return fit

    out.append(("survival-tree-depth2", tree(2, 50)))
    out.append(("survival-tree-depth4", tree(4, 40)))
    out.append(("survival-tree-depth8", tree(8, 20)))
    out.append(("survival-tree-unpruned", tree(None, 3)))

    def forest(trees, leaf, features):
        def fit(train, test):
            sample = capped(train, forest_rows)
            model = RandomSurvivalForest(n_estimators=trees, min_samples_leaf=leaf, max_features=features,
                                         random_state=SEED, n_jobs=2, low_memory=True)
            model.fit(encode(sample), target(sample))
            return model.predict(encode(test))
        return fit

    out.append(("random-survival-forest-small", forest(20, 30, "sqrt")))
    if big:
        out.append(("random-survival-forest", forest(100, 15, "sqrt")))

    def boosting(trees, depth, rate, subsample=1.0):
        def fit(train, test):
            sample = capped(train, boost_rows)
            model = GradientBoostingSurvivalAnalysis(n_estimators=trees, max_depth=depth, learning_rate=rate,
                                                     subsample=subsample, random_state=SEED)
            model.fit(encode(sample), target(sample))
            return model.predict(encode(test))
        return fit

    @add("componentwise-boosting")
    def _(train, test):
        sample = capped(train, componentwise_rows)
        model = ComponentwiseGradientBoostingSurvivalAnalysis(n_estimators=200, learning_rate=0.1, random_state=SEED)
        model.fit(encode(sample), target(sample))
        return model.predict(encode(test))

    out.append(("boosted-cox-stumps", boosting(200, 1, 0.1)))
    out.append(("boosted-cox-depth3", boosting(150, 3, 0.05, 0.8)))
    if big:
        out.append(("boosted-cox-depth3-long", boosting(400, 3, 0.03, 0.8)))
        out.append(("boosted-cox-overfit", boosting(300, 8, 0.3)))
    return out
