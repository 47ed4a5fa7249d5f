# Baseline for Digits 8x8: logistic regression on the 64 pixels.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

train = pd.read_csv("input/train.csv")          # id, label
test = pd.read_csv("input/test.csv")            # id
# uint8 arrays of shape (n, 8, 8), values 0-16; row i is the image of row i of the CSV.
x_train = np.load("input/train_images.npy").reshape(len(train), -1) / 16.0
x_test = np.load("input/test_images.npy").reshape(len(test), -1) / 16.0

model = LogisticRegression(max_iter=500)
model.fit(x_train, train["label"])
print("training macro F1:", round(f1_score(train["label"], model.predict(x_train), average="macro"), 4))

# Ideas: k-NN, an SVM with an RBF kernel, an MLP, gradient features, shifted copies of the images.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "label": model.predict(x_test)}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
