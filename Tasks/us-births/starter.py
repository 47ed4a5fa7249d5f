# Baseline for the us-births task: the median count of each weekday in the last training year.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd

train = pd.read_csv("input/train.csv", parse_dates=["date"])
test = pd.read_csv("input/test.csv")

# Births depend strongly on the weekday (scheduled deliveries avoid weekends) and drift slowly
# over the years: the most recent year is the best simple guide.
last_year = train[train["date"] > train["date"].max() - pd.Timedelta(days=365)]
by_weekday = last_year.groupby("weekday")["births"].median()
prediction = test["weekday"].map(by_weekday)

# Ideas: the season (more births in late summer), holidays (Christmas, 4 July, New Year), the
# trend of the last years, and the weekday effect growing over time.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "births": prediction}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
