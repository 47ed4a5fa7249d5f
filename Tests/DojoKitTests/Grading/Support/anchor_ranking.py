"""Boards and probes for AnchorRankingTests, judged by the anchors' own ranking code.

usage: anchor_ranking.py OUT_DIR SEED
Writes OUT_DIR/<case>_private_leaderboard.csv and _public_ (rank,score, best first, scores with 2-6
decimals as Kaggle boards have them) for boards of every MLE-bench size class, both directions, with
ties (also at the medal positions), and OUT_DIR/cases.jsonl, one line per board:
{"name", "higher", "size", "probes": [repr…], "mlebench": [[gold, silver, bronze, above_median,
gold_t, silver_t, bronze_t, median_t, rounded]…], "mledojo": [[private_position, public_position,
avg_score]…]} (floats as repr text).

The two functions below are copied from the anchors, unchanged but for what is marked:

- `Grader.__call__`, `Grader.is_lower_better` and `Grader.rank_score` from openai/mle-bench
  (mlebench/grade_helpers.py at 783b15af77404fbaffe7255b0c4a934b46153389), MIT License,
  Copyright (c) 2024 OpenAI. Changed: `__init__` takes the grade function itself instead of an import
  path (`import_fn`), and the logger calls are `print`s to stderr.
- `_calculate_leaderboard_position` from MLE-Dojo/MLE-Dojo (mledojo/gym/interface.py at
  667a8fd0e959eb47f140ce7e621f831fdb55e5dd), MIT License, Copyright 2025 MLE-Dojo-Group. Changed: a
  function instead of a method (no `self`), its debugging `print(leaderboard.head())` dropped, and
  `LeaderboardError` re-raised as a plain exception.

Both licences: Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions: The above copyright notice and
this permission notice shall be included in all copies or substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,
WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""
import json
import math
import sys
from pathlib import Path
from typing import Any, Dict, Optional

import numpy as np
import pandas as pd


class InvalidSubmissionError(Exception):
    pass


# ---- openai/mle-bench, mlebench/grade_helpers.py (MIT) ----
class Grader:
    def __init__(self, name: str, grade_fn) -> None:
        self.name = name
        self.grade_fn = grade_fn  # changed: was import_fn(grade_fn)

    def is_lower_better(self, leaderboard: pd.DataFrame) -> bool:
        scores = leaderboard["score"]
        top_score = scores.iloc[0]
        bottom_score = scores.iloc[-1]

        return bool(top_score < bottom_score)

    def __call__(self, submission: pd.DataFrame, answers: Any) -> Optional[float]:
        try:
            score = self.grade_fn(submission, answers)
        except InvalidSubmissionError as e:
            print(f"Invalid submission: {e}", file=sys.stderr)
            return None
        rounded_score = round(score, 5)
        return rounded_score

    def rank_score(self, score: Optional[float], leaderboard: pd.DataFrame) -> dict:
        assert "score" in leaderboard.columns, "Leaderboard must have a `score` column."

        lower_is_better = self.is_lower_better(leaderboard)

        num_teams = len(leaderboard)
        scores = leaderboard["score"]

        def get_score_at_position(position: int) -> float:
            if position - 1 >= len(scores) or position < 1:
                raise IndexError("Position out of bounds in the leaderboard.")
            return scores.iloc[position - 1]

        def get_thresholds(num_teams: int) -> tuple[float, float, float, float]:
            if 1 <= num_teams < 100:
                gold_threshold = get_score_at_position(max(1, int(num_teams * 0.1)))
                silver_threshold = get_score_at_position(max(1, int(num_teams * 0.2)))
                bronze_threshold = get_score_at_position(max(1, int(num_teams * 0.4)))
            elif 100 <= num_teams < 250:
                gold_threshold = get_score_at_position(10)
                silver_threshold = get_score_at_position(max(1, int(num_teams * 0.2)))
                bronze_threshold = get_score_at_position(max(1, int(num_teams * 0.4)))
            elif 250 <= num_teams < 1000:
                gold_threshold = get_score_at_position(10 + int(num_teams * 0.002))
                silver_threshold = get_score_at_position(50)
                bronze_threshold = get_score_at_position(100)
            elif num_teams >= 1000:
                gold_threshold = get_score_at_position(10 + int(num_teams * 0.002))
                silver_threshold = get_score_at_position(max(1, int(num_teams * 0.05)))
                bronze_threshold = get_score_at_position(max(1, int(num_teams * 0.1)))
            else:
                raise ValueError("Number of teams in leaderboard must be greater than 0.")

            median_threshold = scores.median()

            return (
                float(gold_threshold),
                float(silver_threshold),
                float(bronze_threshold),
                float(median_threshold),
            )

        gold_threshold, silver_threshold, bronze_threshold, median_threshold = get_thresholds(
            num_teams
        )

        if score is None:
            return {
                "gold_medal": False,
                "silver_medal": False,
                "bronze_medal": False,
                "above_median": False,
                "gold_threshold": gold_threshold,
                "silver_threshold": silver_threshold,
                "bronze_threshold": bronze_threshold,
                "median_threshold": median_threshold,
            }

        assert isinstance(
            score, (float, int)
        ), f"Expected `score` to be a `float` or `int` but got a {type(score)}."

        gold_medal = score <= gold_threshold if lower_is_better else score >= gold_threshold
        silver_medal = not gold_medal and (
            score <= silver_threshold if lower_is_better else score >= silver_threshold
        )
        bronze_medal = (
            not gold_medal
            and not silver_medal
            and (score <= bronze_threshold if lower_is_better else score >= bronze_threshold)
        )
        above_median = score < median_threshold if lower_is_better else score > median_threshold

        return {
            "gold_medal": gold_medal,
            "silver_medal": silver_medal,
            "bronze_medal": bronze_medal,
            "above_median": above_median,
            "gold_threshold": gold_threshold,
            "silver_threshold": silver_threshold,
            "bronze_threshold": bronze_threshold,
            "median_threshold": median_threshold,
        }


# ---- MLE-Dojo/MLE-Dojo, mledojo/gym/interface.py (MIT) ----
def _calculate_leaderboard_position(score: float, leaderboard_dir: Path, higher_is_better: bool) -> Dict[str, Any]:
    position_info = {}
    total_position_score = 0.0
    count = 0

    for board_type in ["private", "public"]:
        board_path = leaderboard_dir / f"{board_type}_leaderboard.csv"
        if not board_path.exists():
            continue

        try:
            leaderboard = pd.read_csv(board_path)
            scores = leaderboard.iloc[:, 1].values  # Assume scores in second column
            total = len(scores)

            sorted_scores = sorted(scores, reverse=higher_is_better)
            position = next(
                (i + 1 for i, s in enumerate(sorted_scores) if (score >= s if higher_is_better else score <= s)),
                total + 1
            )

            position_score = (total - position + 1) / total
            position_info[board_type] = {
                "position": position,
                "total": total,
                "position_score": position_score,
            }

            total_position_score += position_score
            count += 1
        except Exception as e:
            raise Exception(f"Failed to process {board_type} leaderboard: {e}")

    if count > 0:
        position_info["avg_score"] = total_position_score / count

    return position_info


# ---- the generated boards and probes (this test's own code) ----
SIZES = [1, 2, 3, 7, 10, 11, 19, 28, 50, 99, 100, 101, 137, 200, 249, 250, 251, 333, 500, 501, 750,
         999, 1000, 1001, 1499, 2000, 2501, 4321]


def board(rng, n, higher):
    """n scores best first with 2-6 decimals, runs of ties, and ties across the medal positions."""
    decimals = int(rng.integers(2, 7))
    centre, spread = rng.uniform(0.3, 0.9), rng.uniform(0.01, 0.3)
    values = np.round(rng.normal(centre, spread, n), decimals)
    # Runs of equal scores (teams that submitted the same thing).
    for _ in range(max(1, n // 20)):
        i = int(rng.integers(0, n))
        values[i:i + int(rng.integers(2, 6))] = values[i]
    values = sorted((float(v) for v in values), reverse=higher)
    # Ties straddling each medal position of the size class.
    for position in {max(1, int(n * f)) for f in (0.1, 0.2, 0.4, 0.05, 0.002)} | {10, 50, 100, 10 + int(n * 0.002)}:
        if 1 < position <= n:
            values[position - 1] = values[position - 2]
    values = sorted(values, reverse=higher)
    if n > 1 and values[0] == values[-1]:
        # Rounded again: a 17-digit text is where pandas' read_csv is not correctly rounded (docs/metrics.md).
        values[-1] = round(values[-1] + (-1 if higher else 1) * 0.5, decimals)
    return values


def probes(rng, scores, thresholds, higher):
    out = set()
    for t in list(thresholds) + list(rng.choice(scores, size=min(len(scores), 3))):
        t = float(t)
        out.update({t, math.nextafter(t, math.inf), math.nextafter(t, -math.inf)})
        for d in (1e-6, 4.9e-6, 5e-6, 5.1e-6, 1e-5):
            out.update({t + d, t - d})
        # Exact halves at the 5th decimal around it: the decimal x.xxxxx5 read as a float.
        base = round(t, 5)
        for j in (-1, 0):
            out.add(float(f"{base + j * 1e-5:.5f}5"))
    lo, hi = min(scores), max(scores)
    out.update(float(v) for v in rng.uniform(lo - 0.05, hi + 0.05, 6))
    out.update(k / 40000 for k in rng.integers(0, 40000, 6))  # accuracies on 40,000 rows: halves
    out.update({0.015625, 0.9999999999999999, 1.0, 0.0})
    return sorted(float(v) for v in out if math.isfinite(v))


def write_board(path, scores):
    with open(path, "w") as f:
        f.write("rank,score\n")
        for i, s in enumerate(scores):
            f.write(f"{i + 1},{s!r}\n")


def main():
    out_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = np.random.default_rng(seed)
    lines = []
    for n in SIZES:
        for higher in (True, False):
            name = f"n{n}_{'higher' if higher else 'lower'}"
            folder = out_dir / name
            folder.mkdir(parents=True, exist_ok=True)
            private = board(rng, n, higher)
            public = board(rng, max(1, n + int(rng.integers(-3, 4))), higher)
            write_board(folder / "private_leaderboard.csv", private)
            write_board(folder / "public_leaderboard.csv", public)
            leaderboard = pd.read_csv(folder / "private_leaderboard.csv")  # as mlebench.data.get_leaderboard
            grader = Grader("probe", lambda submission, answers: submission)
            t = grader.rank_score(None, leaderboard)
            points = probes(rng, private, [t["gold_threshold"], t["silver_threshold"], t["bronze_threshold"],
                                           t["median_threshold"]], higher)
            bench, dojo = [], []
            for p in points:
                rounded = grader(p, None)
                r = grader.rank_score(rounded, leaderboard)
                bench.append([bool(r["gold_medal"]), bool(r["silver_medal"]), bool(r["bronze_medal"]), bool(r["above_median"]),
                              repr(r["gold_threshold"]), repr(r["silver_threshold"]), repr(r["bronze_threshold"]),
                              repr(r["median_threshold"]), repr(float(rounded))])
                d = _calculate_leaderboard_position(p, folder, higher)
                dojo.append([int(d["private"]["position"]), int(d["public"]["position"]), repr(float(d["avg_score"]))])
            lines.append(json.dumps({"name": name, "higher": higher, "size": n, "probes": [repr(p) for p in points],
                                     "mlebench": bench, "mledojo": dojo}))
    (out_dir / "cases.jsonl").write_text("\n".join(lines) + "\n")


main()
