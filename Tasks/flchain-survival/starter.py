# Baseline for the flchain-survival task: a Cox proportional-hazards model on age, sex and the
# free light chains. Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd
from sksurv.linear_model import CoxPHSurvivalAnalysis
from sksurv.util import Surv

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")


def features(df):
    return pd.DataFrame({
        "age": df["age"],
        "male": (df["sex"] == "M").astype(float),
        "kappa": df["kappa"],
        "lambda": df["lambda"],
    })


# The target of a survival model is the pair (event observed?, time).
y = Surv.from_arrays(event=train["event"].astype(bool), time=train["time"])
model = CoxPHSurvivalAnalysis().fit(features(train), y)

# predict() gives the log hazard ratio: higher = higher risk = earlier death, as the metric expects.
risk = model.predict(features(test))

os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "risk": risk}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
