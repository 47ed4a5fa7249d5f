"""Reference solutions shared by the count tasks' boards (make_leaderboard.py), weak to strong:
constants, group means, linear models, Poisson GLMs, Poisson trees and forests, and gradient
boosting with a Poisson loss (scikit-learn and LightGBM). Every solution returns one positive
expected count per test row (the mean Poisson deviance needs ŷ > 0).

A task's script gives `encode(df) -> DataFrame` (numeric, no missing values), the target column
and its group rules [(name, column)], then calls `ladder.main(__doc__, HERE,
count_ladder.solutions(...), count_ladder.submission_maker(target))`.
"""

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import LinearRegression, PoissonRegressor, Ridge
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor

SEED = 42
FLOOR = 1e-3  # the smallest expected count a solution submits


def submission_maker(target):
    def to_submission(name, predictions, test):
        values = np.asarray(predictions, dtype=float)
        if not np.isfinite(values).all():
            raise SystemExit(f"{name}: non-finite predictions")
        return pd.DataFrame({"id": test["id"].to_numpy(), target: np.maximum(values, FLOOR)})
    return to_submission


def solutions(encode, target, rules, big=True):
    out = []

    def add(name, fn):
        out.append((name, fn))

    add("constant-tenth", lambda train, test: np.full(len(test), 0.1))
    add("constant-median", lambda train, test: np.full(len(test), max(float(train[target].median()), 0.5)))
    add("constant-mean", lambda train, test: np.full(len(test), train[target].mean()))

    for rule_name, column in rules:
        def group_mean(train, test, column=column):
            x_train, x_test = encode(train)[column], encode(test)[column]
            if x_train.nunique() > 12:  # a numeric column: its deciles
                edges = np.unique(np.quantile(x_train, np.linspace(0, 1, 11)))
                x_train = pd.Series(np.searchsorted(edges[1:-1], x_train), index=train.index)
                x_test = pd.Series(np.searchsorted(edges[1:-1], x_test), index=test.index)
            means = train[target].groupby(x_train.to_numpy()).mean()
            return x_test.map(means).fillna(train[target].mean()).to_numpy()
        add(f"group-mean-{rule_name}", group_mean)

    def model(make, log_target=False):
        def fit(train, test):
            y = np.log1p(train[target]) if log_target else train[target]
            m = make().fit(encode(train), y)
            p = m.predict(encode(test))
            return np.expm1(p) if log_target else p
        return fit

    first = [rules[0][1]]

    def glm_on(columns, alpha):
        def fit(train, test):
            m = make_pipeline(StandardScaler(), PoissonRegressor(alpha=alpha, max_iter=1000))
            m.fit(encode(train)[columns], train[target])
            return m.predict(encode(test)[columns])
        return fit

    add(f"poisson-glm-{rules[0][0]}", glm_on(first, 1e-6))
    add("linear-regression", model(lambda: make_pipeline(StandardScaler(), LinearRegression())))
    add("ridge-log1p", model(lambda: make_pipeline(StandardScaler(), Ridge(alpha=1.0)), log_target=True))
    add("poisson-glm", model(lambda: make_pipeline(StandardScaler(), PoissonRegressor(alpha=1e-4, max_iter=1000))))
    add("poisson-glm-strong-penalty", model(lambda: make_pipeline(StandardScaler(), PoissonRegressor(alpha=1.0, max_iter=1000))))
    add("knn-25", model(lambda: make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=25))))
    add("poisson-tree-depth3", model(lambda: DecisionTreeRegressor(criterion="poisson", max_depth=3, random_state=SEED)))
    add("poisson-tree-depth6", model(lambda: DecisionTreeRegressor(criterion="poisson", max_depth=6, min_samples_leaf=20, random_state=SEED)))
    add("tree-unpruned", model(lambda: DecisionTreeRegressor(random_state=SEED)))
    add("poisson-forest", model(lambda: RandomForestRegressor(n_estimators=60, criterion="poisson", min_samples_leaf=10,
                                                             max_features=0.5, random_state=SEED, n_jobs=1)))
    add("hist-gbm-squared", model(lambda: HistGradientBoostingRegressor(max_iter=200, random_state=SEED)))
    add("hist-gbm-poisson", model(lambda: HistGradientBoostingRegressor(loss="poisson", max_iter=300, learning_rate=0.05,
                                                                          random_state=SEED)))

    def lgbm(**overrides):
        params = dict(objective="poisson", n_estimators=400, learning_rate=0.03, num_leaves=31, min_child_samples=30,
                      subsample=0.8, subsample_freq=1, colsample_bytree=0.8, random_state=SEED, n_jobs=1,
                      deterministic=True, force_row_wise=True, verbose=-1)
        params.update(overrides)
        return lambda: LGBMRegressor(**params)

    add("lightgbm-poisson-short", model(lgbm(n_estimators=60, learning_rate=0.05)))
    add("lightgbm-poisson", model(lgbm()))
    if big:
        add("lightgbm-poisson-tuned", model(lgbm(n_estimators=600, learning_rate=0.03, num_leaves=15, reg_lambda=5.0)))
        add("lightgbm-overfit", model(lgbm(n_estimators=150, learning_rate=0.3, num_leaves=255, min_child_samples=2)))
    return out
