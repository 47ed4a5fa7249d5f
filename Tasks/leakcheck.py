#!/usr/bin/env python3
"""Searches a prepared task's public files for its answers. Exit 0: no leak found; 1: a leak; 2: the
check could not run (bad arguments, unreadable files).

    leakcheck.py --public DIR --private DIR [--task-toml PATH]

It runs in the task environment (pandas, scikit-learn) on the folders `prepare.py` wrote, as
`dojo task check ID` and the test suite do for every task. The targets are the columns of train.csv
that test.csv lacks (besides the id); the answers are private/answers.csv's columns besides the id
(one-hot answers are turned back into a label when their columns are the values of a train target).

Checks, each printed as `ok` or `LEAK` with what was found:

1. answers-in-public: no public file is a copy of answers.csv, test.csv has no answer column, and no
   column of a public CSV keyed by the test ids equals an answer column (on >= MATCH_FRACTION of
   the test rows it covers, when the answer is not near-constant).
2. derived-column: no single column (the id included) predicts a target nearly perfectly: a
   one-feature tree (categories: a per-value lookup) fitted on train and scored on the test answers
   must not reach a skill of DERIVED_SKILL or more, where skill = 1 - error / error of the constant
   prediction (classification: error rate vs the majority class; regression: mean squared error vs
   the mean, i.e. R²). When the answers do not line up with the target (by name or one-hot form),
   the model is fitted on 70% of train and scored on the other 30% instead. A column that predicts
   held-out train rows but not the test answers (a smooth series interpolated between neighbours
   in time) is reported as info, not as a leak.
3. id-order and row-order: neither the test ids nor the order of test.csv's rows (of its distinct
   ids, when an id has several rows) follow the answer: |Spearman ρ| of the answer with the id / the row position must stay under ORDER_RHO,
   and for a class answer, the rows sorted by id / as written must not come in runs of one class
   (runs / runs expected at random must stay above RUNS_RATIO).
4. duplicates: test rows whose features (every shared column but the id; and, separately, the rows
   of a train*.npy / test*.npy pair of arrays in the row order of train.csv and test.csv, such as
   images) equal those of exactly one train row must not give the answer away: when they are at
   least DUPLICATE_FRACTION of the test rows (and at least DUPLICATE_MIN_ROWS), the twin's target
   must not equal the answer on DUPLICATE_AGREEMENT or more of them beyond chance (a class
   answer's majority rate).

5. time-order (tasks of kind time-series): some column of both train.csv and test.csv (a date,
   a time or a number such as a year) has every test value after every train value: the test
   period follows the training period, with no look-ahead.

A task can exempt a column or a check whose signal is legitimate (a date in a time series), with a
reason that `dojo task check` prints:

    [leakcheck]
    allow = ["row-order", "date"]     # check names or column names
    reason = "test follows train in time: the rows are in time order and demand trends upward"

CSV files are read, and .npy arrays for duplicates; every public file is compared with answers.csv
by bytes.
"""

import argparse
import hashlib
import os
import sys
import tomllib

import numpy as np
import pandas as pd

MATCH_FRACTION = 0.99
DERIVED_SKILL = 0.98
ORDER_RHO = 0.9
RUNS_RATIO = 0.25
DUPLICATE_FRACTION = 0.005
DUPLICATE_MIN_ROWS = 5
DUPLICATE_AGREEMENT = 0.95
MAX_ROWS = 20000          # rows of train used for the single-column models (a seeded sample)
CLASS_MAX_VALUES = 30     # a target with at most this many distinct values is a class target
SEED = 0


class Findings:
    def __init__(self, allowed):
        self.allowed = set(allowed)
        self.leaks = 0

    def report(self, check, ok, message, column=None):
        exempt = not ok and (check in self.allowed or (column is not None and column in self.allowed))
        if ok:
            print(f"ok    {check}: {message}")
        elif exempt:
            print(f"allow {check}: {message} (exempted in task.toml [leakcheck])")
        else:
            self.leaks += 1
            print(f"LEAK  {check}: {message}")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def public_files(folder):
    for root, _, names in os.walk(folder):
        for name in sorted(names):
            yield os.path.join(root, name)


def is_class_target(values):
    values = values.dropna()
    if values.empty:
        return False
    if not pd.api.types.is_numeric_dtype(values):
        return True
    if values.nunique() <= CLASS_MAX_VALUES and np.allclose(values, np.round(values)):
        return True
    return False


def equal_fraction(a, b):
    """Share of positions where a and b agree (numbers within 1e-9 relative, else as text)."""
    a = pd.Series(a).reset_index(drop=True)
    b = pd.Series(b).reset_index(drop=True)
    if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
        x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
        same = np.isclose(x, y, rtol=1e-9, atol=1e-12) | (np.isnan(x) & np.isnan(y))
    else:
        same = (a.astype(str) == b.astype(str)).to_numpy()
    return float(same.mean()) if len(same) else 0.0


def near_constant(values):
    counts = pd.Series(values).astype(str).value_counts(normalize=True)
    return counts.empty or counts.iloc[0] >= MATCH_FRACTION


# --------------------------------------------------------------------------------------------
# Single-column models: a tree on a number, a lookup on a category


def encode(column):
    """(kind, values): 'number' (float array, NaN kept) or 'category' (strings); None to skip
    (free text: nearly every value distinct)."""
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return "number", column.astype(float).to_numpy()
    text = column.astype(str)
    if text.nunique() > max(50, 0.5 * len(text)):
        return None
    return "category", text.to_numpy()


def fit_predict(kind, x_fit, y_fit, x_eval, classify):
    if kind == "category":
        frame = pd.DataFrame({"x": x_fit, "y": y_fit})
        if classify:
            table = frame.groupby("x")["y"].agg(lambda v: v.value_counts().index[0])
            fallback = pd.Series(y_fit).value_counts().index[0]
        else:
            table = frame.groupby("x")["y"].mean()
            fallback = float(np.mean(y_fit))
        return pd.Series(x_eval).map(table).fillna(fallback).to_numpy()
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    fill = np.nanmin(x_fit) - 1 if np.isfinite(x_fit).any() else 0.0
    x_fit = np.nan_to_num(x_fit, nan=fill, posinf=fill, neginf=fill).reshape(-1, 1)
    x_eval = np.nan_to_num(x_eval, nan=fill, posinf=fill, neginf=fill).reshape(-1, 1)
    model = (DecisionTreeClassifier if classify else DecisionTreeRegressor)(
        min_samples_leaf=3, random_state=SEED)
    model.fit(x_fit, y_fit)
    return model.predict(x_eval)


def skill(y_true, y_pred, y_reference, classify):
    """1 - error / error of the constant fitted on y_reference (1 is perfect, 0 no better)."""
    if classify:
        truth = pd.Series(y_true).astype(str).to_numpy()
        majority = pd.Series(y_reference).astype(str).value_counts().index[0]
        base = float(np.mean(truth != majority))
        error = float(np.mean(truth != pd.Series(y_pred).astype(str).to_numpy()))
    else:
        truth = np.asarray(y_true, dtype=float)
        base = float(np.mean((truth - np.mean(y_reference)) ** 2))
        error = float(np.mean((truth - np.asarray(y_pred, dtype=float)) ** 2))
    if base <= 0:
        return 0.0
    return 1.0 - error / base


# --------------------------------------------------------------------------------------------
# Checks


def check_answers_in_public(findings, public, answers_path, answers, id_column, answer_columns, test):
    answers_hash = sha256(answers_path)
    copies = [os.path.relpath(p, public) for p in public_files(public) if sha256(p) == answers_hash]
    findings.report("answers-in-public", not copies,
                    f"public files identical to answers.csv: {copies}" if copies
                    else "no public file is a copy of answers.csv")
    named = [c for c in answer_columns if c in test.columns]
    findings.report("answers-in-public", not named,
                    f"test.csv has the answer column(s) {named}" if named
                    else "test.csv has no answer column")
    keyed = answers.set_index(id_column)
    for path in public_files(public):
        if not path.endswith(".csv"):
            continue
        name = os.path.relpath(path, public)
        try:
            table = pd.read_csv(path, low_memory=False)
        except Exception as error:  # a public CSV that pandas cannot read is not this check's job
            print(f"note  answers-in-public: {name} not read ({error})")
            continue
        if id_column not in table.columns or table[id_column].duplicated().any():
            continue
        joined = table.set_index(id_column).join(keyed, how="inner", rsuffix="__answer")
        if len(joined) < max(1, len(keyed) // 2):
            continue
        for answer in answer_columns:
            truth = joined[answer + "__answer"] if answer + "__answer" in joined.columns else joined[answer]
            if near_constant(truth):
                continue
            for column in table.columns:
                if column == id_column or (column == answer and name == "sample_submission.csv"):
                    continue
                values = joined[column]
                if near_constant(values):
                    continue
                fraction = equal_fraction(values, truth)
                if fraction >= MATCH_FRACTION:
                    findings.report("answers-in-public", False,
                                    f"{name} column `{column}` equals the answer `{answer}` on "
                                    f"{fraction:.1%} of the test rows", column=column)
    print(f"ok    answers-in-public: scanned {sum(1 for _ in public_files(public))} public files")


def answers_as_target(answers, target, train):
    """The answers in the form of train's `target`: the same column, or one-hot columns that are
    the target's values (turned into the label). None when they do not line up."""
    if target in answers.columns:
        return answers[target]
    values = set(train[target].dropna().astype(str))
    columns = [c for c in answers.columns if c in values]
    if len(columns) >= 2:
        return answers[columns].astype(float).idxmax(axis=1)
    return None


def check_derived_columns(findings, train, test, answers, id_column, targets):
    features = [c for c in train.columns if c not in targets]
    rng = np.random.default_rng(SEED)
    sample = train if len(train) <= MAX_ROWS else train.iloc[np.sort(rng.choice(len(train), MAX_ROWS, replace=False))]
    order = rng.permutation(len(sample))
    cut = int(len(sample) * 0.7)
    fit_rows, eval_rows = order[:cut], order[cut:]
    for target in targets:
        known = sample[target].notna().to_numpy()
        classify = is_class_target(sample[target])
        y = sample[target].astype(str).to_numpy() if classify else sample[target].to_numpy(dtype=float, na_value=np.nan)
        fit, held = fit_rows[known[fit_rows]], eval_rows[known[eval_rows]]
        # The test answers in the target's form, in test.csv's row order (NaN where unknown).
        answer = answers_as_target(answers, target, train)
        truth = None
        if answer is not None:
            truth = test[id_column].map(pd.Series(answer.to_numpy(), index=answers[id_column].to_numpy()))
        best = (None, -np.inf)
        for column in features:
            encoded = encode(sample[column])
            if encoded is None or len(fit) < 10 or len(held) < 10:
                continue
            kind, x = encoded
            held_skill = skill(y[held], fit_predict(kind, x[fit], y[fit], x[held], classify), y[fit], classify)
            if held_skill > best[1]:
                best = (column, held_skill)
            # Fitted on train, scored on the test answers: what a submission could get from this column.
            test_skill = None
            test_encoded = encode(test[column]) if truth is not None and column in test.columns else None
            if test_encoded is not None and test_encoded[0] == kind and truth.notna().sum() >= 10:
                mask = truth.notna().to_numpy()
                t = truth.to_numpy()[mask]
                t = t.astype(str) if classify else t.astype(float)
                test_skill = skill(t, fit_predict(kind, x[known], y[known], test_encoded[1][mask], classify), y[known], classify)
            if test_skill is not None and test_skill >= DERIVED_SKILL:
                findings.report("derived-column", False,
                                f"column `{column}` alone predicts the test answers of `{target}` with skill "
                                f"{test_skill:.4f} (>= {DERIVED_SKILL}; held-out train rows {held_skill:.4f})", column=column)
            elif held_skill >= DERIVED_SKILL and test_skill is not None:
                print(f"info  derived-column: `{column}` predicts held-out train rows of `{target}` (skill "
                      f"{held_skill:.4f}) but not the test answers ({test_skill:.4f}): a pattern within train "
                      "(neighbours in time or in id), not a leak")
            elif held_skill >= DERIVED_SKILL:
                findings.report("derived-column", False,
                                f"train.csv column `{column}` alone predicts `{target}` with skill "
                                f"{held_skill:.4f} (>= {DERIVED_SKILL}) on held-out train rows", column=column)
        if best[0] is not None:
            print(f"info  derived-column: best single column for `{target}`: `{best[0]}` "
                  f"(held-out skill {best[1]:.3f}; a leak from {DERIVED_SKILL})")


def spearman(a, b):
    a = pd.Series(a).rank().to_numpy(dtype=float)
    b = pd.Series(b).rank().to_numpy(dtype=float)
    if len(a) < 3 or np.std(a) == 0 or np.std(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def runs_ratio(labels):
    """Runs of equal labels in this order / runs expected for a random order (1 random, ~0 sorted)."""
    labels = pd.Series(labels).astype(str).to_numpy()
    n = len(labels)
    if n < 3:
        return 1.0
    runs = 1 + int(np.sum(labels[1:] != labels[:-1]))
    shares = pd.Series(labels).value_counts(normalize=True).to_numpy()
    expected = 1 + (n - 1) * (1 - float(np.sum(shares ** 2)))
    return runs / expected if expected > 1 else 1.0


def check_order(findings, test, answers, id_column, answer_columns):
    # A test.csv with several rows per id (a ranking task: one row per candidate of each id) is
    # judged on the order of its distinct ids, each at its first row: the rows of one id share
    # its answer, so their runs say nothing.
    joined = test[[id_column]].drop_duplicates().reset_index().merge(answers, on=id_column, how="inner")
    if len(joined) < 10:
        print("note  id-order: fewer than 10 test rows matched the answers; order not checked")
        return
    for answer in answer_columns:
        truth = joined[answer]
        if near_constant(truth):
            continue
        classify = is_class_target(truth)
        for check, key, label in (("id-order", id_column, f"the test ids (`{id_column}`)"),
                                  ("row-order", "index", "the row order of test.csv")):
            ordered = joined.sort_values(key, kind="stable")
            numeric_key = pd.api.types.is_numeric_dtype(ordered[key]) or key == "index"
            if not classify and pd.api.types.is_numeric_dtype(truth):
                rho = spearman(np.arange(len(ordered)), ordered[answer].to_numpy(dtype=float))
                ok = abs(rho) < ORDER_RHO
                findings.report(check, ok, f"{label} vs `{answer}`: Spearman ρ = {rho:+.3f}"
                                + ("" if ok else f" (|ρ| >= {ORDER_RHO}: the order reveals the answer)"),
                                column=key if key != "index" else None)
            else:
                ratio = runs_ratio(ordered[answer])
                ok = ratio > RUNS_RATIO
                findings.report(check, ok, f"{label} vs `{answer}`: class runs {ratio:.2f} × random"
                                + ("" if ok else f" (<= {RUNS_RATIO}: the rows come grouped by answer)"),
                                column=key if key != "index" else None)
            if not numeric_key:
                break


def row_keys(frame, columns):
    return pd.util.hash_pandas_object(frame[columns].astype(str), index=False).to_numpy()


def array_keys(path, rows):
    """One hash per row (first axis) of a .npy array, or None when it is not one row per CSV row."""
    try:
        array = np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError):
        return None
    if array.ndim == 0 or array.shape[0] != rows:
        return None
    flat = np.ascontiguousarray(array.reshape(rows, -1))
    return np.array([hashlib.blake2b(row.tobytes(), digest_size=8).hexdigest() for row in flat])


def check_duplicates(findings, public, train, test, answers, id_column, targets):
    shared = [c for c in test.columns if c in train.columns and c != id_column and c not in targets]
    sources = []
    if shared:
        sources.append(("train.csv/test.csv rows", row_keys(train, shared), row_keys(test, shared)))
    # Arrays in the row order of train.csv and test.csv (images): train_X.npy beside test_X.npy.
    for path in public_files(public):
        name = os.path.relpath(path, public)
        if not name.endswith(".npy") or "train" not in os.path.basename(name):
            continue
        twin = os.path.join(os.path.dirname(path), os.path.basename(path).replace("train", "test"))
        if not os.path.isfile(twin):
            continue
        train_keys, test_keys = array_keys(path, len(train)), array_keys(twin, len(test))
        if train_keys is not None and test_keys is not None:
            sources.append((f"{name}/{os.path.relpath(twin, public)} rows", train_keys, test_keys))
    if not sources:
        print("note  duplicates: train and test share no feature column or row-aligned array")
        return
    for label, train_keys, test_keys in sources:
        duplicates_in(findings, label, train, test, answers, id_column, targets, train_keys, test_keys)


def duplicates_in(findings, label, train, test, answers, id_column, targets, train_keys, test_keys):
    counts = pd.Series(train_keys).value_counts()
    unique_in_train = set(counts[counts == 1].index)
    twins = [i for i, k in enumerate(test_keys) if k in unique_in_train]
    fraction = len(twins) / max(1, len(test))
    if len(twins) < DUPLICATE_MIN_ROWS or fraction < DUPLICATE_FRACTION:
        findings.report("duplicates", True, f"{label}: {len(twins)} test rows have exactly one twin in train "
                        f"({fraction:.2%}; a leak needs {DUPLICATE_FRACTION:.1%} and {DUPLICATE_MIN_ROWS} rows)")
        return
    position = {k: i for i, k in enumerate(train_keys) if k in unique_in_train}
    answer_ids = set(answers[id_column])
    for target in targets:
        truth_all = answers_as_target(answers, target, train)
        if truth_all is None:
            continue
        truth_all = pd.Series(truth_all.to_numpy(), index=answers[id_column].to_numpy())
        test_ids = test[id_column].to_numpy()
        present = [i for i in twins if test_ids[i] in answer_ids]
        if not present:
            continue
        truth = truth_all.reindex(test_ids[present]).to_numpy()
        twin_target = train[target].to_numpy()[[position[test_keys[i]] for i in present]]
        classify = is_class_target(train[target])
        agreement = equal_fraction(pd.Series(twin_target).astype(str) if classify else twin_target,
                                   pd.Series(truth).astype(str) if classify else truth)
        chance = float(pd.Series(truth).astype(str).value_counts(normalize=True).iloc[0]) if classify else 0.0
        beyond = (agreement - chance) / (1 - chance) if chance < 1 else 0.0
        ok = not (agreement >= DUPLICATE_AGREEMENT and beyond >= DUPLICATE_AGREEMENT - 0.05)
        findings.report("duplicates", ok,
                        f"{label}: {len(present)} test rows ({fraction:.1%}) have one exact twin in train; the "
                        f"twin's `{target}` equals the answer on {agreement:.1%} of them (chance {chance:.1%})"
                        + ("" if ok else ": the duplicates give the answer away"))


def time_values(column):
    """The column as comparable numbers (datetimes as nanoseconds), or None when it is neither."""
    values = column.dropna()
    if values.empty:
        return None
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float).to_numpy()
    if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
        text = values.astype(str)
        if not text.str.match(r"^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?").all():
            return None
        parsed = pd.to_datetime(text, errors="coerce", format="mixed")
        if parsed.isna().any():
            return None
        return parsed.astype("int64").to_numpy().astype(float)
    return None


def check_time_order(findings, train, test, id_column, targets):
    shared = [c for c in test.columns if c in train.columns and c != id_column and c not in targets]
    spans = []
    for column in shared:
        a, b = time_values(train[column]), time_values(test[column])
        if a is None or b is None:
            continue
        if a.max() < b.min():
            findings.report("time-order", True, f"every test `{column}` comes after every train `{column}`: "
                            "the test period follows the training period")
            return
        spans.append(column)
    findings.report("time-order", False,
                    "no column of both train.csv and test.csv has every test value after every train value "
                    f"(tried: {', '.join(spans[:8]) + (f' and {len(spans) - 8} more' if len(spans) > 8 else '') or 'no date, time or number column'}): the test period "
                    "must follow the training period (taskkit.time_split)")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Search a prepared task's public files for its answers.")
    parser.add_argument("--public", required=True)
    parser.add_argument("--private", required=True)
    parser.add_argument("--task-toml", help="the task's task.toml (id column and [leakcheck] allow)")
    args = parser.parse_args(argv)

    spec = {}
    if args.task_toml:
        with open(args.task_toml, "rb") as source:
            spec = tomllib.load(source)
    allow = spec.get("leakcheck", {}).get("allow", [])
    reason = spec.get("leakcheck", {}).get("reason")
    if allow and not reason:
        raise ValueError("task.toml [leakcheck] allow needs a reason = \"...\" saying why the signal is legitimate")
    findings = Findings(allow)
    if allow:
        print(f"note  exempted in task.toml: {', '.join(allow)} — {reason}")

    answers_path = os.path.join(args.private, "answers.csv")
    answers = pd.read_csv(answers_path, low_memory=False)
    id_column = spec.get("submission", {}).get("id_column", answers.columns[0])
    if id_column not in answers.columns:
        raise ValueError(f"answers.csv has no id column `{id_column}`")
    answer_columns = [c for c in answers.columns if c != id_column]

    train_path = os.path.join(args.public, "train.csv")
    test_path = os.path.join(args.public, "test.csv")
    train = pd.read_csv(train_path, low_memory=False) if os.path.isfile(train_path) else None
    test = pd.read_csv(test_path, low_memory=False) if os.path.isfile(test_path) else None

    check_answers_in_public(findings, args.public, answers_path, answers, id_column, answer_columns,
                            test if test is not None else pd.DataFrame())
    if test is not None and id_column in test.columns:
        check_order(findings, test, answers, id_column, answer_columns)
    if train is not None and test is not None:
        targets = [c for c in train.columns if c not in test.columns and c != id_column]
        if not targets:
            print("note  derived-column: train.csv has no column that test.csv lacks; no target to check")
        else:
            check_derived_columns(findings, train, test, answers, id_column, targets)
            check_duplicates(findings, args.public, train, test, answers, id_column, targets)
            if spec.get("category") == "time-series":
                check_time_order(findings, train, test, id_column, targets)
    else:
        print("note  derived-column: no train.csv and test.csv pair; only the answers were searched for")

    if findings.leaks:
        print(f"leakcheck: {findings.leaks} leak(s) found")
        return 1
    print("leakcheck: no leak found")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, KeyError, tomllib.TOMLDecodeError, pd.errors.ParserError) as error:
        print(f"leakcheck.py: error: {error}", file=sys.stderr)
        sys.exit(2)
