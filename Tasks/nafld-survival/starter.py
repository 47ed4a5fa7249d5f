# Baseline for the nafld-survival task: a Cox proportional-hazards model on age, sex, the NAFLD
# flag and the earlier diagnoses. Runs from the workspace root: reads input/, writes
# submission/submission.csv.
import os

import pandas as pd
from sksurv.linear_model import CoxPHSurvivalAnalysis
from sksurv.util import Surv

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

# Weight, height and BMI are missing for a quarter of the people: this baseline leaves them out.
COLUMNS = ["age", "male", "nafld", "diabetes", "hypertension", "dyslipidemia", "angina", "heart_attack",
           "stroke", "atrial_fibrillation", "heart_failure"]

y = Surv.from_arrays(event=train["event"].astype(bool), time=train["time"])
model = CoxPHSurvivalAnalysis().fit(train[COLUMNS], y)

# predict() gives the log hazard ratio: higher = higher risk = earlier death, as the metric expects.
risk = model.predict(test[COLUMNS])

os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "risk": risk}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
