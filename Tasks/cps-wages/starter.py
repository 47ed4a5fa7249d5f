# Baseline for the cps-wages task: Mincer's wage equation, a linear model of log wage.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")


def features(df):
    return pd.DataFrame({
        "education": df["education"],
        "experience": df["experience"],
        "experience2": df["experience"] ** 2,  # wages rise with experience, then flatten
        "afam": (df["ethnicity"] == "afam").astype(int),
    })


# RMSLE compares log1p values: fit log1p(wage) and transform back.
model = LinearRegression().fit(features(train), np.log1p(train["wage"]))
print("return to a year of education: about", round(100 * model.coef_[0], 1), "%")

# Ideas: part-time work, city and region matter a lot; try interactions or gradient boosting.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "wage": np.expm1(model.predict(features(test)))}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
