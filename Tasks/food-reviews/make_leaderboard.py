#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `food-reviews` task.

A reference board is a ladder of real solutions, from trivial to strong. Each one is fitted on
train.csv of the seed-42 preparation, predicts test.csv, and is graded by the real Dojo grader
(`dojo score ... --json`), so the board measures exactly what an episode measures.

    make_leaderboard.py [--dojo PATH] [--out PATH]
"""

import os
import sys

# One thread per model fit: on a loaded machine, OpenMP threads (lightgbm) that wait on each
# other slow every fit down many times over.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from lightgbm import LGBMClassifier  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from scipy.stats import rankdata  # noqa: E402
from sklearn.decomposition import TruncatedSVD  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.naive_bayes import BernoulliNB, MultinomialNB  # noqa: E402
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "great"
POSITIVE = ["great", "love", "best", "delicious", "perfect", "excellent", "favorite", "amazing"]
NEGATIVE = ["not", "but", "disappointed", "however", "bad", "unfortunately", "stale", "too"]


def count_words(text, words):
    lower = text.str.lower()
    return sum(lower.str.count(rf"\b{w}\b") for w in words)


def tfidf(train, test, **options):
    options = {"sublinear_tf": True, "min_df": 2, **options}
    vectorizer = TfidfVectorizer(**options)
    return vectorizer.fit_transform(train["review"]), vectorizer.transform(test["review"])


def logreg_scores(x_train, x_test, y, c=1.0):
    return LogisticRegression(C=c, max_iter=3000).fit(x_train, y).predict_proba(x_test)[:, 1]


SOLUTIONS, solution = ladder.registry()


@solution("constant-half")
def _(train, test):
    return np.full(len(test), 0.5)


@solution("random-scores")
def _(train, test):
    return np.random.default_rng(SEED).random(len(test))


@solution("rule-shorter-is-better")
def _(train, test):
    return -test["review"].str.len().to_numpy(dtype=float)


@solution("rule-exclamation-marks")
def _(train, test):
    return test["review"].str.count("!").to_numpy(dtype=float)


@solution("rule-word-great")
def _(train, test):
    return test["review"].str.lower().str.contains(r"\bgreat\b").to_numpy(dtype=float)


@solution("rule-positive-minus-negative-words")
def _(train, test):
    return (count_words(test["review"], POSITIVE) - count_words(test["review"], NEGATIVE)).to_numpy(dtype=float)


@solution("tree-word-counts-depth4")
def _(train, test):
    vectorizer = CountVectorizer(min_df=5, binary=True)
    x_train = vectorizer.fit_transform(train["review"])
    model = DecisionTreeClassifier(max_depth=4, random_state=SEED).fit(x_train, train[TARGET])
    return model.predict_proba(vectorizer.transform(test["review"]))[:, 1]


@solution("knn-tfidf-25")
def _(train, test):
    x_train, x_test = tfidf(train, test)
    model = KNeighborsClassifier(n_neighbors=25, metric="cosine").fit(x_train, train[TARGET])
    return model.predict_proba(x_test)[:, 1]


@solution("bernoulli-naive-bayes")
def _(train, test):
    vectorizer = CountVectorizer(min_df=2, binary=True)
    x_train = vectorizer.fit_transform(train["review"])
    return BernoulliNB().fit(x_train, train[TARGET]).predict_proba(vectorizer.transform(test["review"]))[:, 1]


@solution("multinomial-naive-bayes")
def _(train, test):
    vectorizer = CountVectorizer(min_df=2)
    x_train = vectorizer.fit_transform(train["review"])
    return MultinomialNB().fit(x_train, train[TARGET]).predict_proba(vectorizer.transform(test["review"]))[:, 1]


@solution("logreg-500-words")
def _(train, test):
    x_train, x_test = tfidf(train, test, max_features=500)
    return logreg_scores(x_train, x_test, train[TARGET])


@solution("logreg-words")
def _(train, test):
    x_train, x_test = tfidf(train, test)
    return logreg_scores(x_train, x_test, train[TARGET], c=4.0)


@solution("logreg-words-overregularised")
def _(train, test):
    x_train, x_test = tfidf(train, test)
    return logreg_scores(x_train, x_test, train[TARGET], c=0.05)


@solution("logreg-word-bigrams")
def _(train, test):
    x_train, x_test = tfidf(train, test, ngram_range=(1, 2))
    return logreg_scores(x_train, x_test, train[TARGET], c=8.0)


@solution("linear-svm-char-ngrams")
def _(train, test):
    x_train, x_test = tfidf(train, test, analyzer="char_wb", ngram_range=(2, 5))
    return LinearSVC(C=0.3).fit(x_train, train[TARGET]).decision_function(x_test)


@solution("nb-svm-word-bigrams")
def _(train, test):
    # Wang and Manning's NB-SVM: logistic regression on binary n-grams scaled by naive-Bayes
    # log-count ratios.
    vectorizer = CountVectorizer(ngram_range=(1, 2), min_df=2, binary=True)
    x_train = vectorizer.fit_transform(train["review"])
    x_test = vectorizer.transform(test["review"])
    y = train[TARGET].to_numpy()
    p = np.asarray(x_train[y == 1].sum(axis=0)).ravel() + 1
    q = np.asarray(x_train[y == 0].sum(axis=0)).ravel() + 1
    r = csr_matrix(np.log((p / p.sum()) / (q / q.sum())))
    return logreg_scores(x_train.multiply(r).tocsr(), x_test.multiply(r).tocsr(), y, c=1.0)


@solution("lightgbm-svd-100")
def _(train, test):
    x_train, x_test = tfidf(train, test, ngram_range=(1, 2))
    svd = TruncatedSVD(n_components=100, random_state=SEED).fit(x_train)
    model = LGBMClassifier(n_estimators=300, learning_rate=0.05, num_leaves=15, random_state=SEED,
                           n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    return model.fit(svd.transform(x_train), train[TARGET]).predict_proba(svd.transform(x_test))[:, 1]


@solution("lightgbm-word-counts")
def _(train, test):
    vectorizer = CountVectorizer(min_df=5)
    x_train = vectorizer.fit_transform(train["review"]).astype(np.float32)
    x_test = vectorizer.transform(test["review"]).astype(np.float32)
    model = LGBMClassifier(n_estimators=400, learning_rate=0.05, num_leaves=15, colsample_bytree=0.3,
                           random_state=SEED, n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)
    return model.fit(x_train, train[TARGET]).predict_proba(x_test)[:, 1]


@solution("blend-words-chars")
def _(train, test):
    w_train, w_test = tfidf(train, test, ngram_range=(1, 2))
    c_train, c_test = tfidf(train, test, analyzer="char_wb", ngram_range=(2, 5))
    words = logreg_scores(w_train, w_test, train[TARGET], c=8.0)
    chars = LinearSVC(C=0.3).fit(c_train, train[TARGET]).decision_function(c_test)
    return rankdata(words) + rankdata(chars)


@solution("logreg-words-and-chars")
def _(train, test):
    w_train, w_test = tfidf(train, test, ngram_range=(1, 2))
    c_train, c_test = tfidf(train, test, analyzer="char_wb", ngram_range=(2, 5))
    return logreg_scores(hstack([w_train, c_train]).tocsr(), hstack([w_test, c_test]).tocsr(),
                         train[TARGET], c=8.0)


def to_submission(name, predictions, test):
    scores = np.asarray(predictions, dtype=float)
    if scores.shape != (len(test),) or not np.isfinite(scores).all():
        raise RuntimeError(f"{name}: predictions are not {len(test)} finite numbers")
    return pd.DataFrame({"id": test["id"], TARGET: scores})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
