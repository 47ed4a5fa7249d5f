#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `titanic` task.

A reference board is a ladder of real solutions, from trivial to strong. Each one is fitted on
train.csv of the seed-42 preparation, predicts test.csv, and is graded by the real Dojo grader
(`dojo score ... --json`), so the board measures exactly what an episode measures.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.ensemble import (
    ExtraTreesClassifier,
    GradientBoostingClassifier,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 42
METRIC = "accuracy"
HIGHER_IS_BETTER = True
ID_COLUMN = "PassengerId"
TARGETS = ["Survived"]

# --------------------------------------------------------------------------------------------
# Features shared by the model-based solutions.

COMMON_TITLES = ["Mr", "Mrs", "Miss", "Master"]


def title_of(names):
    """'Allison, Mrs. Hudson J C' -> 'Mrs'; rare titles (Dr, Rev, Col, ...) -> 'Rare'."""
    titles = names.str.extract(r",\s*(?:the\s+)?([^.]+)\.", expand=False).fillna("Rare")
    titles = titles.replace({"Mlle": "Miss", "Ms": "Miss", "Mme": "Mrs"})
    return titles.where(titles.isin(COMMON_TITLES), "Rare")


def design(df, age_fill, with_title=True):
    x = pd.DataFrame(
        {
            "female": (df["Sex"] == "female").astype(int),
            "first": (df["Pclass"] == 1).astype(int),
            "second": (df["Pclass"] == 2).astype(int),
            "age": df["Age"].fillna(age_fill),
            "age_missing": df["Age"].isna().astype(int),
        }
    )
    if with_title:
        titles = title_of(df["Name"])
        for title in COMMON_TITLES + ["Rare"]:
            x["title_" + title] = (titles == title).astype(int)
    return x


def fit_predict(model, train, test, columns=None, with_title=True):
    """Fit `model` on the training design matrix and predict 0/1 for the test set."""
    age_fill = train["Age"].median()
    x_train = design(train, age_fill, with_title)
    x_test = design(test, age_fill, with_title)
    if columns:
        x_train, x_test = x_train[columns], x_test[columns]
    model.fit(x_train, train["Survived"])
    return model.predict(x_test)


def flip(predictions, fraction, seed):
    """A deliberately degraded copy: flip a random `fraction` of the predictions."""
    rng = np.random.default_rng(seed)
    predictions = np.asarray(predictions).copy()
    rows = rng.choice(len(predictions), size=int(round(fraction * len(predictions))), replace=False)
    predictions[rows] = 1 - predictions[rows]
    return predictions


# --------------------------------------------------------------------------------------------
# The ladder: name -> function(train, test) -> 0/1 predictions in test order.

SOLUTIONS = []


def solution(name):
    def register(fn):
        SOLUTIONS.append((name, fn))
        return fn

    return register


@solution("constant-all-survived")
def _(train, test):
    return np.ones(len(test), dtype=int)


@solution("random-coin-flip")
def _(train, test):
    return np.random.default_rng(SEED).integers(0, 2, len(test))


@solution("random-at-base-rate")
def _(train, test):
    rate = train["Survived"].mean()
    return (np.random.default_rng(SEED + 1).random(len(test)) < rate).astype(int)


@solution("constant-all-died")
def _(train, test):
    return np.zeros(len(test), dtype=int)


@solution("rule-first-class-survives")
def _(train, test):
    return (test["Pclass"] == 1).astype(int).to_numpy()


@solution("rule-children-survive")
def _(train, test):
    return (test["Age"] < 10).astype(int).to_numpy()


@solution("knn-1")
def _(train, test):
    # One neighbour: copies the label of the most similar passenger, noise included.
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1))
    return fit_predict(model, train, test)


@solution("rule-women-survive-30pct-flipped")
def _(train, test):
    return flip((test["Sex"] == "female").astype(int).to_numpy(), 0.30, SEED)


@solution("rule-women-survive-15pct-flipped")
def _(train, test):
    return flip((test["Sex"] == "female").astype(int).to_numpy(), 0.15, SEED)


@solution("rule-women-survive")
def _(train, test):
    return (test["Sex"] == "female").astype(int).to_numpy()


@solution("rule-women-outside-3rd-class-survive")
def _(train, test):
    return ((test["Sex"] == "female") & (test["Pclass"] < 3)).astype(int).to_numpy()


@solution("rule-women-and-boys-survive")
def _(train, test):
    boys = title_of(test["Name"]) == "Master"
    return ((test["Sex"] == "female") | boys).astype(int).to_numpy()


@solution("naive-bayes")
def _(train, test):
    return fit_predict(GaussianNB(), train, test)


@solution("knn-15")
def _(train, test):
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15))
    return fit_predict(model, train, test)


@solution("logreg-sex-class")
def _(train, test):
    return fit_predict(LogisticRegression(max_iter=1000), train, test,
                       columns=["female", "first", "second"])


@solution("logreg-sex-class-age")
def _(train, test):
    return fit_predict(LogisticRegression(max_iter=1000), train, test, with_title=False)


@solution("logreg-with-title")
def _(train, test):
    return fit_predict(LogisticRegression(max_iter=1000), train, test)


@solution("tree-depth2")
def _(train, test):
    return fit_predict(DecisionTreeClassifier(max_depth=2, random_state=SEED), train, test)


@solution("tree-depth4")
def _(train, test):
    return fit_predict(DecisionTreeClassifier(max_depth=4, random_state=SEED), train, test)


@solution("tree-unpruned")
def _(train, test):
    # No depth limit: memorises the training set, a classic overfit.
    return fit_predict(DecisionTreeClassifier(random_state=SEED), train, test)


@solution("svm-rbf")
def _(train, test):
    model = make_pipeline(StandardScaler(), SVC(C=1.0, random_state=SEED))
    return fit_predict(model, train, test)


@solution("extra-trees")
def _(train, test):
    model = ExtraTreesClassifier(n_estimators=300, min_samples_leaf=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("random-forest-tiny")
def _(train, test):
    model = RandomForestClassifier(n_estimators=5, max_depth=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("random-forest")
def _(train, test):
    model = RandomForestClassifier(n_estimators=300, min_samples_leaf=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("gradient-boosting-10pct-flipped")
def _(train, test):
    model = GradientBoostingClassifier(max_depth=3, random_state=SEED)
    return flip(fit_predict(model, train, test), 0.10, SEED)


@solution("gradient-boosting")
def _(train, test):
    model = GradientBoostingClassifier(max_depth=3, random_state=SEED)
    return fit_predict(model, train, test)


@solution("hist-gradient-boosting")
def _(train, test):
    model = HistGradientBoostingClassifier(max_depth=4, learning_rate=0.05, random_state=SEED)
    return fit_predict(model, train, test)


@solution("lightgbm")
def _(train, test):
    model = LGBMClassifier(n_estimators=200, learning_rate=0.03, num_leaves=8,
                           min_child_samples=10, random_state=SEED, deterministic=True,
                           force_row_wise=True, verbose=-1)
    return fit_predict(model, train, test)


# --------------------------------------------------------------------------------------------
# Preparation, grading and the board.


def prepare(workdir):
    public = os.path.join(workdir, "public")
    private = os.path.join(workdir, "private")
    command = [sys.executable, os.path.join(HERE, "prepare.py"),
               "--public", public, "--private", private, "--seed", str(SEED)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return public, private


def grade(dojo, answers, submission):
    """Score one submission with `dojo score`; any failure stops the whole run."""
    command = [dojo, "score", "--metric", METRIC, "--answers", answers,
               "--submission", submission, "--id-column", ID_COLUMN]
    for target in TARGETS:
        command += ["--target", target]
    command.append("--json")
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"make_leaderboard.py: cannot run the grader {dojo!r} (use --dojo PATH)")
    if result.returncode != 0:
        sys.exit(f"make_leaderboard.py: grader failed on {submission} "
                 f"(exit {result.returncode}): {result.stderr.strip()}")
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit(f"make_leaderboard.py: grader printed no JSON for {submission}: {result.stdout!r}")
    if not report.get("valid"):
        sys.exit(f"make_leaderboard.py: invalid submission {submission}: {result.stdout.strip()}")
    return float(report["raw_score"])


def write_board(path, scored):
    # Best first; ties keep a stable, name-based order so the file is reproducible.
    direction = -1 if HIGHER_IS_BETTER else 1
    scored = sorted(scored, key=lambda item: (direction * item[1], item[0]))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("rank,score,entry\n")
        for rank, (name, score) in enumerate(scored, start=1):
            out.write(f"{rank},{score!r},{name}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--dojo", default="dojo", help="the dojo executable (default: dojo)")
    parser.add_argument("--out", default=os.path.join(HERE, "leaderboard.csv"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dojo-ladder-") as workdir:
        public, private = prepare(workdir)
        train = pd.read_csv(os.path.join(public, "train.csv"))
        test = pd.read_csv(os.path.join(public, "test.csv"))
        answers = os.path.join(private, "answers.csv")
        scored = []
        for name, fn in SOLUTIONS:
            predictions = np.asarray(fn(train, test)).astype(int)
            path = os.path.join(workdir, f"{name}.csv")
            pd.DataFrame({ID_COLUMN: test[ID_COLUMN], TARGETS[0]: predictions}).to_csv(
                path, index=False, lineterminator="\n")
            score = grade(args.dojo, answers, path)
            print(f"{score:10.6f}  {name}", flush=True)
            scored.append((name, score))

    write_board(args.out, scored)
    print(f"wrote {args.out} ({len(scored)} entries)")


if __name__ == "__main__":
    main()
