# Baseline for MNIST 5k: logistic regression on the raw pixels.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

train = pd.read_csv("input/train.csv")          # id, label
test = pd.read_csv("input/test.csv")            # id
# uint8 arrays of shape (n, 28, 28); row i is the image of row i of the CSV.
x_train = np.load("input/train_images.npy").reshape(len(train), -1) / 255.0
x_test = np.load("input/test_images.npy").reshape(len(test), -1) / 255.0

model = LogisticRegression(max_iter=200, C=0.1)
model.fit(x_train, train["label"])
print("training accuracy:", round(model.score(x_train, train["label"]), 4))

# Ideas: k-NN on PCA components, an MLP, gradient (HOG) features, shifted copies of the images.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "label": model.predict(x_test)}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
