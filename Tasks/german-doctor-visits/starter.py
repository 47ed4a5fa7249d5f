# Baseline for the german-doctor-visits task: a Poisson regression on age, sex and work status.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd
from sklearn.linear_model import PoissonRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

COLUMNS = ["age", "female", "married", "kids", "out_of_work", "household_income", "education_years"]

# A Poisson GLM predicts exp(w·x): always positive, as the Poisson deviance requires.
model = make_pipeline(StandardScaler(), PoissonRegressor(alpha=1e-4, max_iter=1000))
model.fit(train[COLUMNS], train["docvis"])
visits = model.predict(test[COLUMNS])

os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "docvis": visits}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows; mean prediction", round(visits.mean(), 3))
