"""Seeded random grading cases with scikit-learn 1.9 / SciPy expected values, for ExactnessTests.

usage: exactness_cases.py OUT.jsonl CASES_PER_METRIC
Each line: {"metric", "args", "targets", "answers", "submission", "expected"}: the two CSV texts (the
submission's rows shuffled), and the reference value as repr text, or null when the reference raises or
returns NaN (Dojo must then report an error, never a score).
"""
import json, math, sys, warnings, zlib
import numpy as np
from scipy import stats
from sklearn import metrics as M

warnings.filterwarnings("ignore")
out_path, per_metric = sys.argv[1], int(sys.argv[2])


def ldexp(value, k):
    """value · 2^k as a float: inf when beyond the largest double (math.ldexp raises there)."""
    with np.errstate(all="ignore"):
        return float(np.ldexp(np.float64(value), k))


def size(rng, low=1, high=1500):
    return int(np.exp(rng.uniform(np.log(low), np.log(high + 1))))


def fmt(v):
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, str):
        return v
    return repr(float(v))


def csv(ids, columns, names, id_name="id"):
    lines = [",".join([id_name] + names)]
    for i, row_id in enumerate(ids):
        lines.append(",".join([str(row_id)] + [fmt(c[i]) for c in columns]))
    return "\n".join(lines) + "\n"


def case(rng, metric, args, truth_cols, pred_cols, names, reference, answer_names=None):
    n = len(truth_cols[0])
    ids = [f"r{int(x)}" for x in rng.choice(10 * n + 10, size=n, replace=False)]
    order = rng.permutation(n)
    answers = csv(ids, truth_cols, answer_names or names)
    submission = csv([ids[i] for i in order], [[c[i] for i in order] for c in pred_cols], names)
    try:
        value = float(reference())
        expected = repr(value) if math.isfinite(value) else None
    except ValueError:
        expected = None
    result = {"metric": metric, "args": {k: str(v) for k, v in args.items()}, "targets": names,
              "answers": answers, "submission": submission, "expected": expected}
    if answer_names:
        result["answer_columns"] = answer_names
    return result


def rescaled_when_overflowing(metric, Ta, Pa, ref):
    """scikit-learn's value; where its own arithmetic overflows (inf or NaN from values near 1e300), the
    mean over columns of each column's value on its inputs scaled by a power of two (exact) and scaled
    back: the true value, which Dojo computes (see valuesNearTheFloatLimits and docs/metrics.md)."""
    def column(t, p):
        with np.errstate(all="ignore"):
            fn = {"rmse": M.root_mean_squared_error, "mcrmse": M.root_mean_squared_error, "mae": M.mean_absolute_error,
                  "medae": M.median_absolute_error, "mse": M.mean_squared_error, "r2": M.r2_score,
                  "mape": M.mean_absolute_percentage_error}[metric]
            value = float(fn(t, p)) if (metric != "r2" or len(t) >= 2) else float("nan")
            if math.isfinite(value):
                return value
            largest = max(float(np.max(np.abs(t))), float(np.max(np.abs(p))))
            k = math.frexp(largest)[1] if largest > 0 else 0
            ts, ps = np.ldexp(t, -k), np.ldexp(p, -k)
            if metric == "r2":
                return float(M.r2_score(ts, ps))
            if metric == "mse":
                return ldexp(M.mean_squared_error(ts, ps), 2 * k)
            if metric == "mape":
                terms = np.ldexp(np.abs(ps - ts), k) / np.maximum(np.abs(t), np.finfo(float).eps)
                return ldexp(float(np.mean(np.ldexp(terms, -64))), 64)
            return ldexp(float(fn(ts, ps)), k)

    def run():
        with np.errstate(all="ignore"):
            value = float(ref())
        if math.isfinite(value) or not (np.isfinite(Ta).all() and np.isfinite(Pa).all()):
            return value
        values = [column(Ta[:, j], Pa[:, j]) for j in range(Ta.shape[1])]
        return ldexp(float(np.mean(np.ldexp(values, -64))), 64)
    return run


def numbers(rng, n, kind=None):
    kind = kind or rng.choice(["normal", "wide", "ties", "int", "extreme"])
    if kind == "normal":
        return rng.normal(size=n)
    if kind == "wide":
        return rng.normal(size=n) * 10.0 ** rng.integers(-8, 9)
    if kind == "ties":
        return np.round(rng.normal(size=n), 1)
    if kind == "int":
        return rng.integers(-5, 6, size=n).astype(float)
    return rng.choice([0.0, 1e-300, -1e-300, 1e300, -1e300, 5e-324, 1.0, -1.0, 0.5], size=n)


def labels_case(rng, metric, args_choices, fn):
    binary = args_choices is not None and args_choices.get("average") == "binary"
    k = 2 if binary else int(rng.integers(2, 9))
    n = size(rng)
    names = [str(i) for i in range(k)] if binary or rng.random() < 0.7 else ["cat", "dog", "Emu", "ant", "bee", "cow", "eel", "fox"][:k]
    truth = rng.integers(0, k, size=n)
    if rng.random() < 0.1:
        truth[:] = truth[0]
    present = sorted(set(truth.tolist()))
    noise = rng.random()
    pred = np.where(rng.random(size=n) < noise, rng.choice(present, size=n), truth)
    t = [names[i] for i in truth]
    p = [names[i] for i in pred]
    numeric = all(x.isdigit() for x in names)
    if numeric:
        t, p = [int(x) for x in t], [int(x) for x in p]
    # Predicted labels the answers lack (an open label set scores them as wrong, as scikit-learn does):
    # below, between and above the answers' labels in sorted order, which weighted kappa depends on.
    if rng.random() < 0.2:
        extra = [-1, k + 3, 99] if numeric else ["Zebra", "aardvark", "zzz"]
        for i in rng.choice(n, size=int(rng.integers(1, max(2, n // 4))), replace=True):
            p[int(i)] = extra[int(rng.integers(0, 3))]
    return t, p


def generate(metric, rng):
    if metric in ("accuracy", "balanced_accuracy", "mcc", "precision", "recall", "f1", "fbeta",
                  "cohen_kappa", "quadratic_weighted_kappa"):
        args = {}
        if metric in ("precision", "recall", "f1", "fbeta"):
            args["average"] = rng.choice(["binary", "micro", "macro", "weighted"])
        if metric == "fbeta":
            args["beta"] = float(rng.choice([0.5, 2.0, 0.25, 3.0, 1.7]))
        if metric == "cohen_kappa":
            args["weights"] = rng.choice(["none", "linear", "quadratic"])
        t, p = labels_case(rng, metric, args, None)
        ref = {
            "accuracy": lambda: M.accuracy_score(t, p),
            "balanced_accuracy": lambda: M.balanced_accuracy_score(t, p),
            "mcc": lambda: M.matthews_corrcoef(t, p),
            "precision": lambda: M.precision_score(t, p, average=args["average"], zero_division=0),
            "recall": lambda: M.recall_score(t, p, average=args["average"], zero_division=0),
            "f1": lambda: M.f1_score(t, p, average=args["average"], zero_division=0),
            "fbeta": lambda: M.fbeta_score(t, p, beta=args.get("beta", 1), average=args["average"], zero_division=0),
            "cohen_kappa": lambda: M.cohen_kappa_score(t, p, weights=None if args.get("weights") == "none" else args.get("weights")),
            "quadratic_weighted_kappa": lambda: M.cohen_kappa_score(t, p, weights="quadratic"),
        }[metric]
        return case(rng, metric, args, [t], [p], ["label"], ref)
    if metric in ("roc_auc", "log_loss"):
        multiclass = rng.random() < 0.5
        n = size(rng, 2)
        if not multiclass:
            y = rng.integers(0, 2, size=n)
            if metric == "log_loss":
                y[0], y[-1] = 0, 1
            elif rng.random() < 0.05:
                y[:] = y[0]
            if metric == "roc_auc":
                s = numbers(rng, n)
            else:
                s = [rng.random(n), np.round(rng.random(n), 2), rng.choice([0.0, 1.0, 1e-300, 1 - 1e-16, 0.5], size=n)][int(rng.integers(0, 3))]
            ref = (lambda: M.roc_auc_score(y, s)) if metric == "roc_auc" else (lambda: M.log_loss(y, s, labels=[0, 1]))
            return case(rng, metric, {}, [y], [s], ["target"], ref)
        k = int(rng.integers(3, 7))
        n = max(n, k)
        y = rng.integers(0, k, size=n)
        y[:k] = np.arange(k)
        P = rng.dirichlet(np.ones(k) * rng.choice([0.1, 1.0, 10.0]), size=n)
        if rng.random() < 0.3:
            P = np.round(P, 2)
            P[:, -1] = 0
            P[:, -1] = np.clip(1 - P.sum(axis=1), 0, 1)
            # scikit-learn refuses multiclass AUC on rows that do not sum to 1 (Dojo warns): keep them summing to 1.
            over = ~np.isclose(P.sum(axis=1), 1)
            P[over] = P[over] / P[over].sum(axis=1, keepdims=True)
        names = [f"c{i}" for i in range(k)]
        onehot = [(y == i).astype(int) for i in range(k)]
        cols = [P[:, i] for i in range(k)]
        if metric == "roc_auc":
            average = rng.choice(["macro", "weighted"])
            multi_class = rng.choice(["ovr", "ovo"])
            args = {"average": average} if multi_class == "ovr" and rng.random() < 0.5 else {"average": average, "multi_class": multi_class}
            return case(rng, metric, args, onehot, cols, names,
                        lambda: M.roc_auc_score(y, P, multi_class=multi_class, average=average))
        return case(rng, metric, {}, onehot, cols, names, lambda: M.log_loss(y, P, labels=list(range(k))))
    if metric in ("rmse", "mse", "mae", "medae", "rmsle", "mape", "r2", "mcrmse"):
        n = size(rng, 1)
        cols = 1 if metric not in ("mcrmse",) and rng.random() < 0.7 else int(rng.integers(2, 5))
        if metric == "mcrmse":
            cols = int(rng.integers(1, 5))
        if metric == "rmsle":
            T = [np.abs(numbers(rng, n, rng.choice(["normal", "ties", "int"]))) * rng.choice([1, 100]) for _ in range(cols)]
            Pp = [np.abs(numbers(rng, n, rng.choice(["normal", "ties", "int"]))) * rng.choice([1, 100]) for _ in range(cols)]
        else:
            T = [numbers(rng, n) for _ in range(cols)]
            Pp = [t + numbers(rng, n) * rng.choice([0.0, 0.1, 1.0]) if rng.random() < 0.5 else numbers(rng, n) for t in T]
            if metric == "mape" and rng.random() < 0.2:
                T[0][: max(1, n // 5)] = 0.0
        Ta, Pa = np.column_stack(T), np.column_stack(Pp)
        fn = {
            "rmse": M.root_mean_squared_error, "mse": M.mean_squared_error, "mae": M.mean_absolute_error,
            "medae": M.median_absolute_error, "rmsle": M.root_mean_squared_log_error,
            "mape": M.mean_absolute_percentage_error, "mcrmse": M.root_mean_squared_error,
        }.get(metric)
        names = [f"y{i}" for i in range(cols)]
        if metric == "r2":
            if rng.random() < 0.05:
                T[0][:] = rng.choice([0.0, 1.0, 2.5, -3.0])  # a constant whose mean is exact
                Ta = np.column_stack(T)
            ref = (lambda: M.r2_score(Ta, Pa)) if n >= 2 else (lambda: float("nan"))
        else:
            ref = lambda: fn(Ta, Pa)
        return case(rng, metric, {}, T, Pp, names, rescaled_when_overflowing(metric, Ta, Pa, ref))
    if metric in ("pearson", "spearman", "kendall_tau"):
        n = size(rng, 2)
        x = numbers(rng, n, rng.choice(["normal", "wide", "ties", "int"]))
        y = x + numbers(rng, n, "normal") * rng.choice([0.1, 1, 10]) if rng.random() < 0.5 else numbers(rng, n, rng.choice(["normal", "ties", "int"]))
        if rng.random() < 0.05:
            y = np.full(n, 3.0)
        fn = {"pearson": lambda: stats.pearsonr(x, y).statistic, "spearman": lambda: stats.spearmanr(x, y).statistic,
              "kendall_tau": lambda: stats.kendalltau(x, y).statistic}[metric]
        return case(rng, metric, {}, [x], [y], ["value"], fn)
    if metric == "ndcg_at_k":
        n = size(rng, 1, 300)
        items = int(rng.integers(2, 9))
        R = rng.integers(0, 4, size=(n, items)).astype(float)
        if rng.random() < 0.3:
            R = (R > 2).astype(float)
        S = np.round(rng.normal(size=(n, items)), int(rng.integers(0, 3)))
        k = [None, 1, 2, 3, 5, 10][int(rng.integers(0, 6))]
        args = {} if k is None else {"k": k}
        names = [f"item{i}" for i in range(items)]
        return case(rng, metric, args, [R[:, i] for i in range(items)], [S[:, i] for i in range(items)], names,
                    lambda: M.ndcg_score(R, S, k=k))
    if metric in ("jaccard", "dice"):
        n = size(rng, 1, 500)
        vocab = ["a", "b", "c", "d", "e", "f", "g", "h"][: int(rng.integers(2, 9))]
        Y = rng.random((n, len(vocab))) < rng.random()
        P = np.where(rng.random((n, len(vocab))) < rng.random(), rng.random((n, len(vocab))) < 0.5, Y)
        both_empty = ~(Y | P).any(axis=1)
        Y[both_empty, 0] = True
        t = [" ".join(v for v, on in zip(vocab, row) if on) for row in Y]
        p = [" ".join(v for v, on in zip(vocab, row) if on) for row in P]
        fn = (lambda: M.jaccard_score(Y, P, average="samples")) if metric == "jaccard" else (lambda: M.f1_score(Y, P, average="samples"))
        return case(rng, metric, {}, [t], [p], ["labels"], fn)
    if metric == "poisson_deviance":
        n = size(rng, 1)
        lam = np.exp(rng.normal(size=n) * rng.choice([0.5, 1.0, 2.0]))
        y = rng.poisson(lam).astype(float)
        kind = rng.choice(["model", "noisy", "constant", "extreme"])
        if kind == "model":
            p = lam * np.exp(rng.normal(size=n) * 0.2)
        elif kind == "noisy":
            p = np.exp(rng.normal(size=n) * 2)
        elif kind == "constant":
            p = np.full(n, max(y.mean(), 0.1))
        else:
            p = rng.choice([1e-300, 1e-10, 0.5, 1.0, 1e10, 1e300], size=n)
        if rng.random() < 0.05:
            p[int(rng.integers(0, n))] = rng.choice([0.0, -1.0])  # invalid: the reference raises
        return case(rng, metric, {}, [y], [p], ["visits"], lambda: M.mean_poisson_deviance(y, p))
    if metric == "pinball":
        n = size(rng, 1)
        y = numbers(rng, n, rng.choice(["normal", "wide", "ties", "int"]))
        if rng.random() < 0.5:
            alpha = float(rng.choice([0.5, 0.1, 0.9, 0.05, 0.975, round(float(rng.uniform(0.01, 0.99)), 3)]))
            p = y + numbers(rng, n, "normal") * rng.choice([0.0, 0.1, 1.0]) if rng.random() < 0.7 else numbers(rng, n)
            args = {} if alpha == 0.5 and rng.random() < 0.5 else {"alpha": alpha}
            return case(rng, metric, args, [y], [p], ["q"], lambda: M.mean_pinball_loss(y, p, alpha=alpha))
        k = int(rng.integers(2, 5))
        alphas = sorted(float(a) for a in rng.choice([0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95], size=k, replace=False))
        P = [y + numbers(rng, n, "normal") * rng.choice([0.1, 1.0]) + (a - 0.5) for a in alphas]
        names = [f"q{i}" for i in range(k)]
        ref = lambda: float(np.mean([M.mean_pinball_loss(y, P[i], alpha=alphas[i]) for i in range(k)]))
        if rng.random() < 0.5:
            return case(rng, metric, {"alphas": ",".join(map(str, alphas))}, [y], P, names, ref, answer_names=["y"])
        return case(rng, metric, {"alphas": ",".join(map(str, alphas))}, [y] * k, P, names, ref)
    if metric == "mase":
        # Several series with the same horizon: sktime's mean_absolute_scaled_error(y_true, y_pred, y_train=…,
        # sp=1) per series (mean |y − ŷ| / mean |Δ y_train|), averaged over the series.
        series, horizon = int(rng.integers(1, 30)), int(rng.integers(1, 40))
        T, Pp, S, per_series = [], [], [], []
        for _ in range(series):
            level = rng.normal() * 10.0 ** rng.integers(-2, 4)
            train = level + np.cumsum(rng.normal(size=int(rng.integers(2, 60))) * abs(level + 1))
            if rng.random() < 0.3:
                train = np.round(train)
            test = train[-1] + np.cumsum(rng.normal(size=horizon) * abs(level + 1))
            pred = train[-1] + rng.normal(size=horizon) * abs(level + 1) * rng.choice([0.0, 0.5, 2.0])
            scale = np.mean(np.abs(train[1:] - train[:-1]))
            if scale == 0:
                train[-1] += 1.0
                scale = np.mean(np.abs(train[1:] - train[:-1]))
            per_series.append(np.mean(np.abs(test - pred)) / scale)
            T += list(test); Pp += list(pred); S += [scale] * horizon
        return case(rng, metric, {}, [np.array(T), np.array(S)], [np.array(Pp)], ["sales"],
                    lambda: float(np.mean(per_series)), answer_names=["sales", "scale"])
    if metric == "concordance_index":
        from sksurv.metrics import concordance_index_censored
        n = size(rng, 2)
        t = [rng.exponential(size=n), rng.integers(1, 20, size=n).astype(float), np.round(rng.exponential(size=n) * 5, 1)][int(rng.integers(0, 3))]
        e = (rng.random(size=n) < rng.choice([0.1, 0.5, 0.9, 1.0])).astype(int)
        if rng.random() < 0.03:
            e[:] = 0  # every row censored: the reference raises
        noise = rng.choice([0.1, 1.0, 10.0])
        r = -np.log(t) + rng.normal(size=n) * noise
        r = [r, np.round(r), np.round(r, 1), rng.integers(0, 3, size=n).astype(float), r * 1e-9][int(rng.integers(0, 5))]
        tol = [None, 1e-8, 0.05, 0.5, 1e-12][int(rng.integers(0, 5))]
        args = {} if tol is None else {"tied_tol": tol}
        ref = lambda: concordance_index_censored(e.astype(bool), t, r, tied_tol=tol if tol is not None else 1e-8)[0]
        return case(rng, metric, args, [t, e], [r], ["risk"], ref, answer_names=["time", "event"])
    if metric == "haversine_km":
        from sklearn.metrics.pairwise import haversine_distances
        while True:
            n = size(rng, 1, 1500)
            kind = rng.choice(["world", "near", "poles", "snapped"])
            lat = rng.uniform(-90, 90, n)
            lon = rng.uniform(-180, 180, n) * rng.choice([1.0, 1.0, 2.5])  # some longitudes beyond ±180
            if kind == "near":  # a forecast off by a few km, as in a tracking task
                plat = np.clip(lat + rng.normal(size=n) * 0.05, -90, 90)
                plon = lon + rng.normal(size=n) * 0.05
            elif kind == "poles":
                lat = rng.choice([-90.0, 90.0, 0.0, 89.999999], size=n)
                plat = rng.choice([-90.0, 90.0, 0.0, 45.0], size=n)
                plon = rng.uniform(-360, 360, n)
            elif kind == "snapped":  # equal points, date line, whole degrees
                lat, lon = np.round(lat), np.round(lon)
                plat = np.where(rng.random(n) < 0.3, lat, np.round(rng.uniform(-90, 90, n)))
                plon = np.where(rng.random(n) < 0.3, lon, rng.choice([-180.0, 180.0, 0.0, 179.5], size=n))
            else:
                plat, plon = rng.uniform(-90, 90, n), rng.uniform(-180, 180, n)
            A = np.radians(np.column_stack([lat, lon]))
            B = np.radians(np.column_stack([plat, plon]))
            d = np.diag(haversine_distances(A, B))  # row i against row i
            if np.isfinite(d).all():  # scikit-learn's asin is NaN a hair past antipodal; Dojo clamps
                break
        return case(rng, metric, {}, [lat, lon], [plat, plon], ["lat", "lon"], lambda: 6371.0088 * d.mean())
    raise SystemExit(f"unknown metric {metric}")


METRICS = ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "fbeta", "mcc", "cohen_kappa",
           "quadratic_weighted_kappa", "roc_auc", "log_loss", "rmse", "mse", "mae", "medae", "rmsle", "mape", "r2",
           "mcrmse", "pearson", "spearman", "kendall_tau", "ndcg_at_k", "jaccard", "dice", "poisson_deviance", "pinball",
           "mase", "concordance_index", "haversine_km"]


def lines(metric):
    rng = np.random.default_rng(zlib.crc32(metric.encode()))
    return "".join(json.dumps(generate(metric, rng)) + "\n" for _ in range(per_metric))


if __name__ == "__main__":
    import multiprocessing, os, time
    only = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else METRICS
    with multiprocessing.Pool(min(len(only), os.cpu_count() or 1)) as pool, open(out_path, "w") as out:
        for text in pool.imap(lines, only):
            out.write(text)
