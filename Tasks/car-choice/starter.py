# Baseline for the car-choice task: a logistic regression that scores each offered vehicle on its
# own (chosen or not), then ranks each respondent's six vehicles by that score.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")


def features(frame):
    x = pd.get_dummies(frame.drop(columns=["respondent", "chosen"], errors="ignore"),
                       columns=["body_type", "fuel", "vehicle"], dtype=float)
    return x


x_train = features(train)
x_test = features(test).reindex(columns=x_train.columns, fill_value=0.0)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)).fit(x_train, train["chosen"])
test["score"] = model.predict_proba(x_test)[:, 1]

# Ideas: a conditional (multinomial) logit that compares the six vehicles with each other;
# household answers crossed with the attributes; learning to rank (lightgbm's LGBMRanker).
ranked = test.sort_values(["respondent", "score"], ascending=[True, False])
lists = ranked.groupby("respondent")["vehicle"].apply(lambda v: " ".join(map(str, v)))
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"respondent": lists.index, "vehicles": lists.to_numpy()}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(lists), "respondents")
