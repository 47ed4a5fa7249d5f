# A first solution for __ID__: logistic regression on every column. It runs from the workspace
# root: reads input/, writes submission/submission.csv.
# TODO: adapt it to your data; keep it short, correct and clearly improvable.
import os

import pandas as pd
from sklearn.linear_model import LogisticRegression

ID, TARGET = "id", "works"
train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

features = [c for c in test.columns if c != ID]
x_train = pd.get_dummies(train[features], dtype=float)
x_test = pd.get_dummies(test[features], dtype=float).reindex(columns=x_train.columns, fill_value=0)
model = LogisticRegression(max_iter=2000).fit(x_train, train[TARGET])
print("training accuracy:", round(model.score(x_train, train[TARGET]), 4))

os.makedirs("submission", exist_ok=True)
pd.DataFrame({ID: test[ID], TARGET: model.predict(x_test)}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv")
