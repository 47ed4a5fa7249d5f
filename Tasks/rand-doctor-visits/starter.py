# Baseline for the rand-doctor-visits task: a Poisson regression (a GLM with a log link) on a few
# fields. Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import PoissonRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

COLUMNS = ["coinsurance", "individual_deductible", "age", "female", "chronic_diseases",
           "physical_limitation", "health_fair", "health_poor", "income", "exposure"]


def features(df):
    x = df[COLUMNS].astype(float).copy()
    x["income"] = np.log1p(x["income"])
    return x


# A Poisson GLM predicts exp(w·x): always positive, as the Poisson deviance requires.
model = make_pipeline(StandardScaler(), PoissonRegressor(alpha=1e-4, max_iter=1000))
model.fit(features(train), train["mdvis"])
visits = model.predict(features(test))

os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "mdvis": visits}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows; mean prediction", round(visits.mean(), 3))
