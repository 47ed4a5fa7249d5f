# Baseline for the lecturer-ranking task: rank each student's candidate lecturers by the
# lecturer's average rating in earlier semesters (pulled towards the overall mean when a lecturer
# has few ratings). Runs from the workspace root: reads input/, writes submission/submission.csv.
import os

import pandas as pd

train = pd.read_csv("input/train.csv")
test = pd.read_csv("input/test.csv")

prior = train["rating"].mean()
stats = train.groupby("lecturer")["rating"].agg(["sum", "count"])
lecturer_mean = (stats["sum"] + 5 * prior) / (stats["count"] + 5)
test["score"] = test["lecturer"].map(lecturer_mean).fillna(prior)  # unseen lecturers: the mean

# Ideas: who rates whom well (the student's own ratings by department), the lecturer's recent
# form, learning to rank (lightgbm's LGBMRanker) on a held-out earlier semester.
ranked = test.sort_values(["student", "score"], ascending=[True, False])
lists = ranked.groupby("student")["lecturer"].apply(lambda v: " ".join(map(str, v)))
os.makedirs("submission", exist_ok=True)
pd.DataFrame({"student": lists.index, "lecturers": lists.to_numpy()}).to_csv(
    "submission/submission.csv", index=False)
print("wrote submission/submission.csv with", len(lists), "students")
