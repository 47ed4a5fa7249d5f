# Baseline for the loan-rates task: a ridge regression on the numeric columns.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

numbers = [c for c in test.columns if c != "id" and pd.api.types.is_numeric_dtype(test[c])]
# Many columns are empty when they do not apply (no joint applicant, never delinquent): fill them.
model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), Ridge(alpha=10.0))
model.fit(train[numbers], train["interest_rate"])

# Ideas: the text columns (purpose, verification, listing status), ratios such as credit
# utilisation, and gradient boosting, which handles the empty cells itself.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "interest_rate": model.predict(test[numbers])}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
