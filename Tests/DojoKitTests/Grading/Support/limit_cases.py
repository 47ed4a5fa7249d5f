"""Grading cases with values near the float limits, for LimitTests (same line format as exactness_cases.py).

usage: limit_cases.py OUT.jsonl CASES_PER_METRIC
The answers and predictions hold values up to ±1e308 and down to 1e-300, where a metric's plain
arithmetic (a difference, a square, a sum) overflows or underflows. The expected value is the
reference's on the same inputs scaled by a power of two, which is exact and changes the metric by a
known factor (RMSE: 2^k, MSE: 4^k, a correlation: none), so it is the true value. When that true value
is beyond the largest double, `expected` is null and Dojo must report an error, never a score.
"""
import json, math, sys, warnings, zlib
import numpy as np
from scipy import stats
from sklearn import metrics as M

warnings.filterwarnings("ignore")
out_path, per_metric = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from exactness_cases import case, ldexp  # noqa: E402  (same CSV layout)


def huge(rng, n):
    """Values spread over the whole range, biased to the limits (all finite)."""
    return np.clip(_huge(rng, n), -1.7e308, 1.7e308)


def _huge(rng, n):
    kind = rng.choice(["top", "bottom", "mixed", "pair"])
    if kind == "top":
        return rng.normal(size=n) * 10.0 ** rng.uniform(290, 308, size=n) / 2
    if kind == "bottom":
        return rng.normal(size=n) * 10.0 ** -rng.uniform(290, 307, size=n)
    if kind == "mixed":
        return rng.normal(size=n) * 10.0 ** rng.uniform(-300, 307, size=n) / 2
    v = rng.normal(size=n)
    v[:2] = [1e200, -1e200] if rng.random() < 0.5 else [8e307, -8e307]
    return v


def scale_of(*arrays):
    largest = max(float(np.max(np.abs(a))) for a in arrays)
    return math.frexp(largest)[1] if largest > 0 else 0


def scaled(a, k):
    return np.ldexp(np.asarray(a, dtype=float), -k)


def finite_or_none(fn):
    def run():
        with np.errstate(all="ignore"):
            value = float(fn())
        return value if math.isfinite(value) else float("nan")
    return run


def times(value, k):
    """value · 2^k, NaN when it overflows (the true value is beyond the largest double)."""
    out = ldexp(value, k) if math.isfinite(value) else value
    return out


def raw_else_wide(raw, wide):
    """The reference on the raw inputs where its arithmetic stays in range (finite), else the same
    formula in x87 extended precision (64-bit significand, exponents to ±4932), where no square or sum
    of doubles overflows: NaN when that true value is beyond the largest double."""
    def run():
        with np.errstate(all="ignore"):
            value = float(raw())
            if math.isfinite(value):
                return value
            exact = wide()
        return float(exact) if abs(exact) <= np.finfo(float).max else float("nan")
    return run


def generate(metric, rng):
    n = int(rng.integers(2, 60))
    t, p = huge(rng, n), huge(rng, n)
    if rng.random() < 0.5:
        p = t * (1 + rng.normal(size=n) * 1e-3)
    p = np.clip(p, -1.7e308, 1.7e308)
    L = np.longdouble
    T, P = t.astype(L), p.astype(L)
    D = T - P
    raw = {"rmse": lambda: M.root_mean_squared_error(t, p), "mcrmse": lambda: M.root_mean_squared_error(t, p),
           "mae": lambda: M.mean_absolute_error(t, p), "medae": lambda: M.median_absolute_error(t, p),
           "mse": lambda: M.mean_squared_error(t, p), "r2": lambda: M.r2_score(t, p)}
    wide = {"rmse": lambda: np.sqrt(np.mean(D * D)), "mcrmse": lambda: np.sqrt(np.mean(D * D)),
            "mae": lambda: np.mean(np.abs(D)), "medae": lambda: np.median(np.abs(D)), "mse": lambda: np.mean(D * D),
            "r2": lambda: 1 - np.sum(D * D) / np.sum((T - np.mean(T)) ** 2)}
    if metric in raw:
        return case(rng, metric, {}, [t], [p], ["y"], raw_else_wide(raw[metric], wide[metric]))
    if metric == "pinball":
        alpha = float(rng.choice([0.1, 0.5, 0.9]))
        loss = lambda: np.mean(np.where(D >= 0, L(alpha) * D, -(1 - L(alpha)) * D))
        return case(rng, metric, {"alpha": alpha}, [t], [p], ["q"],
                    raw_else_wide(lambda: M.mean_pinball_loss(t, p, alpha=alpha), loss))
    if metric == "smape":
        def smape(a, f):
            d = (np.abs(a) + np.abs(f)) / 2
            return 100 * np.mean(np.where(d == 0, 0, np.abs(f - a) / np.where(d == 0, 1, d)))
        return case(rng, metric, {}, [t], [p], ["y"], raw_else_wide(lambda: smape(t, p), lambda: smape(T, P)))
    if metric in ("mape", "rmspe"):
        # Answers away from 0 (both define a ratio to the answer).
        t = np.where(np.abs(t) < 1e-200, 1.0, t)
        T, P = t.astype(L), p.astype(L)
        if metric == "mape":
            ref = raw_else_wide(lambda: M.mean_absolute_percentage_error(t, p),
                                lambda: np.mean(np.abs(P - T) / np.maximum(np.abs(T), L(np.finfo(float).eps))))
        else:
            ref = raw_else_wide(lambda: np.sqrt(np.mean(((t - p) / t) ** 2)), lambda: np.sqrt(np.mean(((T - P) / T) ** 2)))
        return case(rng, metric, {}, [t], [p], ["y"], ref)
    if metric == "poisson_deviance":
        y = np.abs(t)
        mu = np.abs(p) + 1e-300
        y[rng.random(n) < 0.2] = 0
        Y, MU = y.astype(L), mu.astype(L)
        dev = lambda: np.mean(2 * (np.where(Y > 0, Y * (np.log(Y) - np.log(MU)), 0) - Y + MU))
        return case(rng, metric, {}, [y], [mu], ["count"], raw_else_wide(lambda: M.mean_poisson_deviance(y, mu), dev))
    if metric == "mase":
        s = np.abs(huge(rng, n)) + 1e-300
        s = np.full(n, s[0]) if rng.random() < 0.5 else s
        S = s.astype(L)
        ref = raw_else_wide(lambda: np.mean(np.abs(t - p) / s), lambda: np.mean(np.abs(T - P) / S))
        return case(rng, metric, {}, [t, s], [p], ["sales"], ref, answer_names=["sales", "scale"])
    if metric in ("pearson", "spearman", "kendall_tau"):
        # SciPy rescales internally: its value on the raw inputs where finite, else on rescaled inputs.
        fn = {"pearson": stats.pearsonr, "spearman": stats.spearmanr, "kendall_tau": stats.kendalltau}[metric]
        x, y = huge(rng, n), huge(rng, n)
        if rng.random() < 0.3:
            x = rng.normal(size=n)
            y = x.copy()
            y[:2] = [1e200, -1e200] if rng.random() < 0.5 else [1e308, -1e308]
        def ref():
            with np.errstate(all="ignore"):
                raw = float(fn(x, y).statistic)
            return raw if math.isfinite(raw) else float(fn(scaled(x, scale_of(x)), scaled(y, scale_of(y))).statistic)
        return case(rng, metric, {}, [x], [y], ["value"], ref)
    if metric == "normalized_gini":
        actual = np.abs(huge(rng, n))
        def gini(a, pred):
            order = np.lexsort((np.arange(len(a)), -pred))
            s = a[order]
            g = lambda v: (np.cumsum(v).sum() / v.sum() - (len(v) + 1) / 2) / len(v)
            best = a[np.lexsort((np.arange(len(a)), -a))]
            return g(s) / g(best)
        ka = scale_of(actual)
        return case(rng, metric, {}, [actual], [p], ["y"], finite_or_none(lambda: gini(scaled(actual, ka), p)))
    if metric == "ndcg_at_k":
        items = int(rng.integers(2, 6))
        R = np.abs(np.stack([huge(rng, n) for _ in range(items)], axis=1))
        S = rng.normal(size=(n, items))
        Rs = np.stack([scaled(row, scale_of(row)) for row in R])
        names = [f"item{i}" for i in range(items)]
        return case(rng, metric, {}, [R[:, i] for i in range(items)], [S[:, i] for i in range(items)], names,
                    finite_or_none(lambda: M.ndcg_score(Rs, S)))
    if metric == "concordance_index":
        from sksurv.metrics import concordance_index_censored
        time = np.abs(huge(rng, n)) + 1e-300
        event = (rng.random(n) < 0.7).astype(int)
        event[0] = 1
        risk = huge(rng, n)
        return case(rng, metric, {}, [time, event], [risk], ["risk"],
                    finite_or_none(lambda: concordance_index_censored(event.astype(bool), time, risk)[0]),
                    answer_names=["time", "event"])
    raise SystemExit(f"unknown metric {metric}")


METRICS = ["rmse", "mse", "mae", "medae", "mcrmse", "r2", "pinball", "smape", "mape", "rmspe", "poisson_deviance",
           "mase", "pearson", "spearman", "kendall_tau", "normalized_gini", "ndcg_at_k", "concordance_index"]

if __name__ == "__main__":
    only = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else METRICS
    with open(out_path, "w") as out:
        for metric in only:
            rng = np.random.default_rng(zlib.crc32(("limits-" + metric).encode()))
            for _ in range(per_metric):
                out.write(json.dumps(generate(metric, rng)) + "\n")
