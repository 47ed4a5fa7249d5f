# Baseline for Fashion-MNIST: logistic regression on the raw pixels of 5,000 training images.
# Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

train = pd.read_csv("input/train.csv")          # id, label
test = pd.read_csv("input/test.csv")            # id
# uint8 arrays of shape (n, 28, 28); row i is the image of row i of the CSV.
train_images = np.load("input/train_images.npy")
test_images = np.load("input/test_images.npy")

x_train = train_images.reshape(len(train_images), -1) / 255.0
x_test = test_images.reshape(len(test_images), -1) / 255.0

# A random 5,000 of the 60,000 training images keep this step to a few seconds.
rows = np.random.default_rng(0).choice(len(train), size=5000, replace=False)
model = LogisticRegression(max_iter=200, C=0.1)
model.fit(x_train[rows], train["label"].to_numpy()[rows])
print("training accuracy:", round(model.score(x_train[rows], train["label"].to_numpy()[rows]), 4))

# Ideas: use all 60,000 images, gradient (HOG) features, k-NN on PCA, an MLP or a small CNN.
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"id": test["id"], "label": model.predict(x_test)}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(test), "rows")
