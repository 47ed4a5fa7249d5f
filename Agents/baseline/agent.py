#!/usr/bin/env python3
"""Dojo's baseline agent: no LLM. It reads the task card, asks for the data structure, writes a
generic scikit-learn / LightGBM pipeline from the column types and the submission format,
validates it, executes it, then tries a few stronger models and keeps going while budget lasts.

    dojo run titanic --agent "python3 Agents/baseline/agent.py"
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from dojo_client import DojoClient, DojoError  # noqa: E402

CLASSIFICATION_METRICS = {"accuracy", "log_loss", "roc_auc", "auc", "f1", "balanced_accuracy",
                          "precision", "recall", "mcc", "cohen_kappa", "quadratic_weighted_kappa"}

# The code sent to Dojo. It runs in the task's workspace with pandas, scikit-learn and LightGBM.
TEMPLATE = r'''
import numpy as np
import pandas as pd

ID = {id_column!r}
TARGETS = {targets!r}
METRIC = {metric!r}
CLASSIFY = {classify!r}
MODEL = {model!r}

import glob, os

def training_table():
    # train.csv, else the one other table of input/ (an imported competition may call it labels.csv).
    if os.path.exists("input/train.csv"):
        return "input/train.csv"
    others = [p for p in sorted(glob.glob("input/*.csv")) if os.path.basename(p) not in ("test.csv", "sample_submission.csv")]
    if not others:
        raise SystemExit("no training table in input/ (train.csv or another CSV beside test.csv)")
    return others[0]

train = pd.read_csv(training_table())
test = pd.read_csv("input/test.csv")
sample = pd.read_csv("input/sample_submission.csv")

# The label is the column train has and test lacks (the targets themselves, or one label column
# whose classes are the target columns).
label_columns = [c for c in train.columns if c not in test.columns and c != ID]
label = TARGETS[0] if TARGETS[0] in train.columns else label_columns[0]
features = [c for c in test.columns if c != ID]

def is_prose(column):
    # Sentences (eight words or more on average), not names or codes.
    values = train[column].dropna().astype(str)
    return len(values) > 0 and values.str.split().str.len().mean() >= 8

WORDS = {{}}
for column in features:
    if not pd.api.types.is_numeric_dtype(train[column]) and train[column].nunique() > 50 and is_prose(column):
        from sklearn.feature_extraction.text import CountVectorizer
        WORDS[column] = CountVectorizer(max_features=300).fit(train[column].fillna("").astype(str))

def frame(df):
    out = pd.DataFrame(index=df.index)
    for column in features:
        values = df[column]
        if pd.api.types.is_numeric_dtype(values):
            out[column] = values.fillna(train[column].median())
            out[column + "_missing"] = values.isna().astype(int)
        elif train[column].nunique() <= 50:
            for level in train[column].dropna().unique():
                out[f"{{column}}={{level}}"] = (values == level).astype(int)
        elif column in WORDS:
            # Prose: counts of its 300 most frequent words.
            counts = WORDS[column].transform(values.fillna("").astype(str)).toarray().astype(np.float32)
            # Numbered names: LightGBM refuses JSON characters in feature names.
            names = [f"{{column}}_word_{{k}}" for k in range(counts.shape[1])]
            out = pd.concat([out, pd.DataFrame(counts, index=df.index, columns=names)], axis=1)
        # Other free text with many distinct values (names, tickets) is left out.
    if out.shape[1] == 0:
        out["constant"] = 1
    return out

X, X_test = frame(train), frame(test)
y = train[label]
if CLASSIFY is None:
    # A metric the agent does not know (an imported competition graded by its own code): a label of a
    # few classes (booleans, text, small integers) is classified, anything else regressed.
    CLASSIFY = bool(y.dtype == bool or y.dtype == object or (pd.api.types.is_integer_dtype(y) and y.nunique() <= 20))

if MODEL == "linear":
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000) if CLASSIFY else Ridge())
elif MODEL == "forest":
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
    cls = RandomForestClassifier if CLASSIFY else RandomForestRegressor
    model = cls(n_estimators=200, min_samples_leaf=2, n_jobs=1, random_state=0)
else:
    from lightgbm import LGBMClassifier, LGBMRegressor
    cls = LGBMClassifier if CLASSIFY else LGBMRegressor
    model = cls(n_estimators=300, learning_rate=0.05, num_leaves=31, random_state=0, verbose=-1)

log_target = METRIC in ("rmsle", "msle") and not CLASSIFY
model.fit(X, np.log1p(y) if log_target else y)

submission = pd.DataFrame({{ID: test[ID]}})
if CLASSIFY and all(t not in train.columns for t in TARGETS):
    # One probability column per class, in the sample submission's order.
    proba = model.predict_proba(X_test)
    classes = [str(c) for c in model.classes_]
    for target in TARGETS:
        submission[target] = proba[:, classes.index(target)] if target in classes else 0.0
elif CLASSIFY and METRIC in ("roc_auc", "auc", "log_loss") and len(getattr(model, "classes_", [])) == 2:
    submission[TARGETS[0]] = model.predict_proba(X_test)[:, 1]
else:
    predictions = model.predict(X_test)
    if log_target:
        predictions = np.clip(np.expm1(predictions), 0, None)
    if CLASSIFY and predictions.dtype == bool and pd.api.types.is_integer_dtype(sample[TARGETS[0]]):
        # Labels written as the sample submission writes them (0/1 for a boolean label).
        predictions = predictions.astype(int)
    submission[TARGETS[0]] = predictions

submission.to_csv("submission/submission.csv", index=False)
print("model:", MODEL, "| features:", X.shape[1], "| rows:", len(submission))
'''


def log(*parts):
    print("baseline:", *parts, file=sys.stderr, flush=True)


def classifies(card):
    """True or False for a catalogue metric; None (decided from the label's type) for a task's own metric."""
    if card["metric"] in CLASSIFICATION_METRICS:
        return True
    return None if card["metric"].startswith("python:") else False


def code_for(card, model):
    return TEMPLATE.format(id_column=card["id_column"], targets=card["target_columns"], metric=card["metric"],
                           classify=classifies(card), model=model)


def better(card, a, b):
    if b is None:
        return True
    return a > b if card["higher_is_better"] else a < b


def main():
    dojo = DojoClient.stdio()
    observation, card = dojo.reset()
    log("task", card["id"], "metric", card["metric"], "budget", card["budgets"]["max_steps"], "steps")
    info = dojo.request_info("data_structure")
    dojo.note("planning", columns=info["info"]["data_structure"].count("\n"))

    first = dojo.validate_code(code_for(card, "linear"))
    if not first["submission"] or not first["submission"]["valid"]:
        log("validation failed:", first["feedback"])
    best = None
    for model in ["linear", "forest", "lightgbm"]:
        if observation.get("truncated"):
            break
        observation = dojo.execute_code(code_for(card, model))
        score = (observation.get("submission") or {}).get("raw_score")
        log(model, "->", observation["status"], score)
        dojo.note(f"{model}: {observation['status']}", raw_score=score)
        if score is not None and better(card, score, best):
            best = score
    log("best", best)
    dojo.close()


if __name__ == "__main__":
    try:
        main()
    except (DojoError, ConnectionError) as error:
        log("stopped:", error)
        sys.exit(1)
