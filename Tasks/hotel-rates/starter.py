# Baseline for the hotel-rates task: last year's rate for the same dates, rescaled per room type.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

# historical_adr is the hotel's average rate for these dates a year earlier: prices move with the
# season, so it already explains much. Scale it by how much more each room type costs.
ratio = (train["avg_price_per_room"] / train["historical_adr"]).groupby(train["reserved_room_type"]).median()
overall = (train["avg_price_per_room"] / train["historical_adr"]).median()
prediction = test["historical_adr"] * test["reserved_room_type"].map(ratio).fillna(overall)
print("training MAE of the rule:", round(float(
    (train["historical_adr"] * train["reserved_room_type"].map(ratio) - train["avg_price_per_room"]).abs().mean()), 2))

# Ideas: the number of guests, children, meal plan, weekday and lead time matter too (try lightgbm
# with objective="l1", which optimises MAE directly).
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "avg_price_per_room": prediction}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
