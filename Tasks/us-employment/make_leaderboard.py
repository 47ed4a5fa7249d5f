#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `us-employment` task.

A reference board is a ladder of real forecasts, from trivial to strong: constants and series means,
naive and seasonal naive forecasts, drift, seasonal means, trend-and-season regressions per series,
Holt-Winters exponential smoothing, global ridge and LightGBM models on each series' recent history
(scaled by its last value), and combinations. Each is fitted on the seed-42 train split (up to March
2018) and graded by the real Dojo grader (`dojo score ... --json`, MASE with the seasonal scale).

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

import numpy as np
import pandas as pd
from lightgbm import LGBMRegressor
from sklearn.linear_model import Ridge

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "employed"
LAGS = 36


def month_number(dates):
    when = pd.to_datetime(dates)
    return (when.dt.year * 12 + when.dt.month - 1).to_numpy()


def histories(train):
    """Per series: its values on a full monthly grid (NaN in gaps) ending at its last training month."""
    out = {}
    months = month_number(train["date"])
    for series, rows in train.assign(m=months).groupby("series_id"):
        grid = pd.Series(rows[TARGET].to_numpy(), index=rows["m"].to_numpy()).sort_index()
        full = grid.reindex(range(int(grid.index.min()), int(grid.index.max()) + 1))
        out[series] = (int(grid.index.max()), full.interpolate().to_numpy())
    return out


def per_series(forecast):
    """A solution from forecast(y, horizons) -> values, y the series' history (oldest first)."""
    def solve(train, test):
        hist = histories(train)
        months = month_number(test["date"])
        out = np.empty(len(test))
        for series, index in test.groupby("series_id").groups.items():
            last, y = hist[series]
            rows = test.index.get_indexer(index)
            out[rows] = forecast(y, months[rows] - last)
        return out
    return solve


def snaive(y, h):
    return y[len(y) - 12 + (h - 1) % 12]


def seasonal_index(y, years):
    """The average deviation of each calendar position from its year's mean, over the last `years` years."""
    recent = y[-12 * years:].reshape(years, 12)
    return (recent - recent.mean(axis=1, keepdims=True)).mean(axis=0)


def trend_season(years, log=False):
    def forecast(y, h):
        n = min(len(y), 12 * years)
        z = np.log(y[-n:]) if log else y[-n:]
        t = np.arange(n)
        design = np.column_stack([t] + [((t - (n % 12)) % 12 == k).astype(float) for k in range(12)])
        coef, *_ = np.linalg.lstsq(design, z, rcond=None)
        tf = n - 1 + h
        future = np.column_stack([tf] + [((tf - (n % 12)) % 12 == k).astype(float) for k in range(12)])
        p = future @ coef
        return np.exp(p) if log else p
    return forecast


def holt_winters(alpha, beta, gamma, damped=1.0):
    """Additive Holt-Winters on the last 15 years, started from the first two years."""
    def forecast(y, h):
        y = y[-180:]
        season = list(y[:12] - y[:12].mean())
        level, trend = y[:12].mean(), (y[12:24].mean() - y[:12].mean()) / 12
        for t in range(12, len(y)):
            s = season[t - 12]
            new_level = alpha * (y[t] - s) + (1 - alpha) * (level + damped * trend)
            trend = beta * (new_level - level) + (1 - beta) * damped * trend
            season.append(gamma * (y[t] - new_level) + (1 - gamma) * s)
            level = new_level
        n = len(y)
        steps = np.array([np.sum(damped ** np.arange(1, k + 1)) for k in h])
        return level + steps * trend + np.array([season[n - 12 + (k - 1) % 12] for k in h])
    return forecast


def windows(hist, lags, origins_from):
    """Direct global training set: for origins in each series' past, the last `lags` values over the value at
    the origin, the horizon and the target's calendar month; target = value at origin + h over value at origin."""
    xs, ys = [], []
    for series, (last, y) in sorted(hist.items()):
        first_month = last - len(y) + 1
        for origin in range(max(lags - 1, origins_from - first_month), len(y) - 1, 3):
            window = y[origin - lags + 1: origin + 1] / y[origin]
            for h in range(1, 19):
                if origin + h >= len(y):
                    break
                xs.append(np.concatenate([window, [h, (first_month + origin + h) % 12]]))
                ys.append(y[origin + h] / y[origin])
    return np.array(xs), np.array(ys)


def global_model(make, lags=LAGS):
    def solve(train, test):
        hist = histories(train)
        x, y = windows(hist, lags, origins_from=1990 * 12)
        model = make().fit(x, y)
        months = month_number(test["date"])
        rows = []
        for series, m in zip(test["series_id"], months):
            last, values = hist[series]
            rows.append(np.concatenate([values[-lags:] / values[-1], [m - last, m % 12]]))
        ratio = model.predict(np.array(rows))
        return ratio * np.array([hist[s][1][-1] for s in test["series_id"]])
    return solve


SOLUTIONS, solution = ladder.registry()
add = solution


@solution("constant-zero")
def _(train, test):
    return np.zeros(len(test))


@solution("global-mean")
def _(train, test):
    return np.full(len(test), train[TARGET].mean())


add("series-mean")(per_series(lambda y, h: np.full(len(h), y.mean())))
add("series-mean-last-12-months")(per_series(lambda y, h: np.full(len(h), y[-12:].mean())))
add("naive-last-value")(per_series(lambda y, h: np.full(len(h), y[-1])))
add("seasonal-naive")(per_series(snaive))
add("drift-whole-history")(per_series(lambda y, h: y[-1] + h * (y[-1] - y[0]) / (len(y) - 1)))
add("drift-last-5-years")(per_series(lambda y, h: y[-1] + h * (y[-1] - y[-60]) / 59))
add("seasonal-naive-with-drift")(per_series(
    lambda y, h: snaive(y, h) + np.ceil(h / 12) * (y[-12:].mean() - y[-24:-12].mean())))
add("seasonal-naive-with-growth")(per_series(
    lambda y, h: snaive(y, h) * (y[-12:].mean() / y[-24:-12].mean()) ** np.ceil(h / 12)))
add("seasonal-mean-3-years")(per_series(lambda y, h: y[-36:].reshape(3, 12).mean(axis=0)[(h - 1) % 12]))
add("level-plus-seasonal-index")(per_series(lambda y, h: y[-12:].mean() + seasonal_index(y, 3)[(h - 1) % 12]))
add("trend-season-regression-5-years")(per_series(trend_season(5)))
add("trend-season-regression-10-years")(per_series(trend_season(10)))
add("log-trend-season-regression-3-years")(per_series(trend_season(3, log=True)))
add("holt-winters")(per_series(holt_winters(0.3, 0.05, 0.2)))
add("holt-winters-damped")(per_series(holt_winters(0.3, 0.05, 0.2, damped=0.95)))
add("global-ridge")(global_model(lambda: Ridge(alpha=1.0)))
add("global-lightgbm-12-lags")(global_model(lambda: LGBMRegressor(
    n_estimators=300, learning_rate=0.05, num_leaves=31, min_child_samples=50, random_state=SEED, n_jobs=1,
    deterministic=True, force_row_wise=True, verbose=-1), lags=12))
add("global-lightgbm")(global_model(lambda: LGBMRegressor(
    n_estimators=300, learning_rate=0.05, num_leaves=31, min_child_samples=50, random_state=SEED, n_jobs=1,
    deterministic=True, force_row_wise=True, verbose=-1)))


@solution("combination-median")
def _(train, test):
    parts = [fn(train, test) for name, fn in SOLUTIONS
             if name in ("seasonal-naive-with-drift", "holt-winters-damped", "global-lightgbm", "trend-season-regression-5-years")]
    return np.median(np.array(parts), axis=0)


def to_submission(name, predictions, test):
    p = np.asarray(predictions, dtype=float)
    if p.shape != (len(test),) or not np.isfinite(p).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: p})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission, seed=SEED)
