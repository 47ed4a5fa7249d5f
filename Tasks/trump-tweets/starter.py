# Baseline for the trump-tweets task: TF-IDF words and logistic regression.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2)
x_train = vectorizer.fit_transform(train["text"])
x_test = vectorizer.transform(test["text"])

# Macro F1 weighs the six clients equally: class_weight="balanced" keeps the rare ones
# (TweetDeck, TwitLonger, other) from being ignored.
model = LogisticRegression(max_iter=2000, class_weight="balanced").fit(x_train, train["source"])

# Ideas: the clients were used in different years and at different hours (created_at), and the
# staff's tweets look different (links, quotes, hashtags): add those features, try boosting.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "source": model.predict(x_test)}).to_csv("submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
