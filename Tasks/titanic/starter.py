# Baseline for the Titanic task: logistic regression on sex, class and age.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd
from sklearn.linear_model import LogisticRegression

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")


def features(df, age_fill):
    return pd.DataFrame(
        {
            "female": (df["Sex"] == "female").astype(int),
            "first": (df["Pclass"] == 1).astype(int),
            "second": (df["Pclass"] == 2).astype(int),
            # Age is missing for about a fifth of passengers: fill with the training median
            # and keep a flag, so the model can learn that "unknown" differs.
            "age": df["Age"].fillna(age_fill),
            "age_missing": df["Age"].isna().astype(int),
        }
    )


age_fill = train["Age"].median()
model = LogisticRegression(max_iter=1000)
model.fit(features(train, age_fill), train["Survived"])
print("training accuracy:", round(model.score(features(train, age_fill), train["Survived"]), 4))

# Ideas: extract the title from Name (Mr, Mrs, Miss, Master, ...), try trees or boosting.
os.makedirs("submission", exist_ok=True)
submission = pd.DataFrame(
    {"PassengerId": test["PassengerId"], "Survived": model.predict(features(test, age_fill))}
)
submission.to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(submission), "rows")
