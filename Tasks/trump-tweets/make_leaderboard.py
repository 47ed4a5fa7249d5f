#!/usr/bin/env python3
"""Regenerate leaderboard.csv for the `trump-tweets` task.

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
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.naive_bayes import MultinomialNB  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import ladder  # noqa: E402  (Tasks/ladder.py, the shared harness)

SEED = 42
TARGET = "source"


def meta(df):
    """Numbers about the tweet that are not its words: when, how long, links, replies, reach."""
    t = pd.to_datetime(df["created_at"])
    text = df["text"]
    return pd.DataFrame({
        "time": (t - pd.Timestamp("2009-01-01")).dt.days / 365.25,
        "hour": t.dt.hour,
        "weekday": t.dt.weekday,
        "length": text.str.len(),
        "has_link": text.str.contains("http", regex=False).astype(int),
        "starts_with_quote": text.str.startswith('"').astype(int),
        "has_newline": text.str.contains("\n", regex=False).astype(int),
        "hashtags": text.str.count("#"),
        "mentions": text.str.count("@"),
        "log_retweets": np.log1p(df["retweet_count"]),
        "log_favorites": np.log1p(df["favorite_count"]),
        "is_reply": df["is_reply"],
    }, index=df.index)


def words(train, test, **options):
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, **options)
    return vectorizer.fit_transform(train["text"]), vectorizer.transform(test["text"])


def scaled_meta(train, test):
    m_train, m_test = meta(train), meta(test)
    mean, std = m_train.mean(), m_train.std() + 1e-9
    return csr_matrix(((m_train - mean) / std).to_numpy()), csr_matrix(((m_test - mean) / std).to_numpy())


def text_and_meta(train, test, **options):
    w_train, w_test = words(train, test, **options)
    m_train, m_test = scaled_meta(train, test)
    return hstack([w_train, m_train]).tocsr(), hstack([w_test, m_test]).tocsr()


def lightgbm(**overrides):
    params = dict(n_estimators=400, learning_rate=0.05, num_leaves=31, min_child_samples=10,
                  colsample_bytree=0.5, class_weight="balanced", random_state=SEED, n_jobs=1,
                  deterministic=True, force_row_wise=True, verbose=-1)
    params.update(overrides)
    return LGBMClassifier(**params)


SOLUTIONS, solution = ladder.registry()


@solution("constant-web")
def _(train, test):
    return np.full(len(test), "web")


@solution("constant-android")
def _(train, test):
    return np.full(len(test), "android")


@solution("random-at-class-rates")
def _(train, test):
    rates = train[TARGET].value_counts(normalize=True)
    return np.random.default_rng(SEED).choice(rates.index.to_numpy(), size=len(test), p=rates.to_numpy())


@solution("rule-year")
def _(train, test):
    # The most common client of each year.
    year = lambda df: pd.to_datetime(df["created_at"]).dt.year  # noqa: E731
    common = train[TARGET].groupby(year(train)).agg(lambda s: s.value_counts().index[0])
    return year(test).map(common).fillna("web").to_numpy()


@solution("rule-hour")
def _(train, test):
    # The most common client at each hour of the day (UTC).
    hour = lambda df: pd.to_datetime(df["created_at"]).dt.hour  # noqa: E731
    common = train[TARGET].groupby(hour(train)).agg(lambda s: s.value_counts().index[0])
    return hour(test).map(common).fillna("web").to_numpy()


@solution("rule-year-and-hour")
def _(train, test):
    key = lambda df: pd.to_datetime(df["created_at"]).dt.strftime("%Y-%H")  # noqa: E731
    common = train[TARGET].groupby(key(train)).agg(lambda s: s.value_counts().index[0])
    return key(test).map(common).fillna("web").to_numpy()


@solution("rule-quote-or-link")
def _(train, test):
    # Android tweets tend to be plain text; links and quotes come from the staff's clients.
    text = test["text"]
    return np.where(text.str.contains("http"), "web", np.where(text.str.startswith('"'), "android", "iphone"))


@solution("tree-meta-depth3")
def _(train, test):
    return DecisionTreeClassifier(max_depth=3, random_state=SEED).fit(meta(train), train[TARGET]).predict(meta(test))


@solution("tree-meta-depth10")
def _(train, test):
    model = DecisionTreeClassifier(max_depth=10, min_samples_leaf=5, class_weight="balanced", random_state=SEED)
    return model.fit(meta(train), train[TARGET]).predict(meta(test))


@solution("naive-bayes-words")
def _(train, test):
    vectorizer = CountVectorizer(min_df=2)
    x_train = vectorizer.fit_transform(train["text"])
    return MultinomialNB().fit(x_train, train[TARGET]).predict(vectorizer.transform(test["text"]))


@solution("logreg-words")
def _(train, test):
    x_train, x_test = words(train, test)
    return LogisticRegression(max_iter=2000).fit(x_train, train[TARGET]).predict(x_test)


@solution("logreg-words-balanced")
def _(train, test):
    x_train, x_test = words(train, test)
    model = LogisticRegression(max_iter=2000, class_weight="balanced")
    return model.fit(x_train, train[TARGET]).predict(x_test)


@solution("logreg-word-bigrams-balanced")
def _(train, test):
    x_train, x_test = words(train, test, ngram_range=(1, 2))
    model = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced")
    return model.fit(x_train, train[TARGET]).predict(x_test)


@solution("linear-svm-char-ngrams")
def _(train, test):
    x_train, x_test = words(train, test, analyzer="char_wb", ngram_range=(2, 4), lowercase=False)
    return LinearSVC(C=0.5, class_weight="balanced").fit(x_train, train[TARGET]).predict(x_test)


@solution("logreg-words-and-meta")
def _(train, test):
    x_train, x_test = text_and_meta(train, test)
    model = LogisticRegression(max_iter=3000, C=4.0, class_weight="balanced")
    return model.fit(x_train, train[TARGET]).predict(x_test)


@solution("lightgbm-meta")
def _(train, test):
    return lightgbm().fit(meta(train), train[TARGET]).predict(meta(test))


@solution("lightgbm-meta-unbalanced")
def _(train, test):
    return lightgbm(class_weight=None).fit(meta(train), train[TARGET]).predict(meta(test))


@solution("lightgbm-meta-100-trees")
def _(train, test):
    return lightgbm(n_estimators=100, num_leaves=7).fit(meta(train), train[TARGET]).predict(meta(test))


_STACKED = {}


def stacked(train, test, folds=4):
    """Memoised: two entries use it."""
    if "predictions" not in _STACKED:
        _STACKED["predictions"] = _stacked(train, test, folds)
    return _STACKED["predictions"].copy()


def _stacked(train, test, folds):
    """lightgbm on the meta features plus out-of-fold class probabilities of a word model."""
    classes = sorted(train[TARGET].unique())
    order = np.random.default_rng(SEED).permutation(len(train)) % folds
    oof = np.zeros((len(train), len(classes)))
    for k in range(folds):
        part, rest = train[order == k], train[order != k]
        x_rest, x_part = words(rest, part, ngram_range=(1, 2))
        model = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced").fit(x_rest, rest[TARGET])
        oof[order == k] = model.predict_proba(x_part)
    x_train, x_test = words(train, test, ngram_range=(1, 2))
    model = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced").fit(x_train, train[TARGET])
    p_test = model.predict_proba(x_test)
    f_train = pd.concat([meta(train).reset_index(drop=True), pd.DataFrame(oof, columns=classes)], axis=1)
    f_test = pd.concat([meta(test).reset_index(drop=True), pd.DataFrame(p_test, columns=classes)], axis=1)
    return lightgbm().fit(f_train, train[TARGET]).predict(f_test)


@solution("lightgbm-meta-plus-word-model")
def _(train, test):
    return stacked(train, test)


@solution("lightgbm-stacked-20pct-scrambled")
def _(train, test):
    predictions = stacked(train, test).astype(object)
    rng = np.random.default_rng(SEED)
    rows = rng.choice(len(predictions), size=len(predictions) // 5, replace=False)
    predictions[rows] = rng.permutation(predictions[rows])
    return predictions


def to_submission(name, predictions, test):
    labels = np.asarray(predictions).astype(str)
    if labels.shape != (len(test),):
        raise RuntimeError(f"{name}: predictions are not {len(test)} labels")
    return pd.DataFrame({"id": test["id"], TARGET: labels})


if __name__ == "__main__":
    ladder.main(__doc__, HERE, SOLUTIONS, to_submission)
