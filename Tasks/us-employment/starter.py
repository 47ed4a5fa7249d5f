# Baseline for us-employment: the seasonal naive forecast — each month gets the value of the same
# calendar month in the last year of training (April 2018 <- April 2017, ..., April 2019 <- April 2017).
# Runs from the workspace root: reads input/, writes submission/submission.csv. A second or two.
import os

import pandas as pd

train = pd.read_csv("input/train.csv", parse_dates=["date"])
test = pd.read_csv("input/test.csv", parse_dates=["date"])

last_year = train[train["date"] > train["date"].max() - pd.DateOffset(years=1)]
same_month = last_year.set_index(["series_id", last_year["date"].dt.month])["employed"]
prediction = [same_month[(s, d.month)] for s, d in zip(test["series_id"], test["date"])]

# Ideas: add the trend (this year's level minus last year's), exponential smoothing (Holt-Winters),
# or one global model for all 147 series on their recent history divided by their last value.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "employed": prediction}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
