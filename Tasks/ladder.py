"""The harness every task's make_leaderboard.py shares: prepare the seed-42 split, run each
reference solution, grade its submission with the real Dojo grader (`dojo score --json`) and
write the board best first.

A task's script defines its solutions and how predictions become a submission frame, then calls
`ladder.main(...)`. Any failure (grader missing, invalid submission) stops the run loudly.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import pandas as pd


def registry():
    """A list of (name, fn) in registration order, and the decorator `@solution("name")` that fills it."""
    solutions = []

    def solution(name):
        def register(fn):
            solutions.append((name, fn))
            return fn

        return register

    return solutions, solution


def prepare(task_dir, workdir, seed):
    public = os.path.join(workdir, "public")
    private = os.path.join(workdir, "private")
    command = [sys.executable, os.path.join(task_dir, "prepare.py"),
               "--public", public, "--private", private, "--seed", str(seed)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return public, private


def grade(dojo, metric, id_column, targets, answers, submission):
    """Score one submission with `dojo score`; any failure stops the whole run."""
    command = [dojo, "score", "--metric", metric, "--answers", answers,
               "--submission", submission, "--id-column", id_column]
    for target in targets:
        command += ["--target", target]
    command.append("--json")
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"make_leaderboard.py: cannot run the grader {dojo!r} (use --dojo PATH)")
    if result.returncode != 0:
        sys.exit(f"make_leaderboard.py: grader failed on {submission} "
                 f"(exit {result.returncode}): {(result.stderr or result.stdout).strip()}")
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit(f"make_leaderboard.py: grader printed no JSON for {submission}: {result.stdout!r}")
    if not report.get("valid"):
        sys.exit(f"make_leaderboard.py: invalid submission {submission}: {result.stdout.strip()}")
    return float(report["raw_score"])


def write_board(path, scored, higher_is_better):
    # Best first; ties keep a stable, name-based order so the file is reproducible.
    direction = -1 if higher_is_better else 1
    scored = sorted(scored, key=lambda item: (direction * item[1], item[0]))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("rank,score,entry\n")
        for rank, (name, score) in enumerate(scored, start=1):
            out.write(f"{rank},{score!r},{name}\n")


def main(doc, task_dir, solutions, to_submission, *, metric, higher_is_better, id_column, targets, seed=42):
    """Runs the ladder. `solutions` is [(name, fn(train, test) -> predictions)];
    `to_submission(name, predictions, test)` returns the submission DataFrame."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[1] if doc else None)
    parser.add_argument("--dojo", default="dojo", help="the dojo executable (default: dojo)")
    parser.add_argument("--out", default=os.path.join(task_dir, "leaderboard.csv"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dojo-ladder-") as workdir:
        public, private = prepare(task_dir, workdir, seed)
        train = pd.read_csv(os.path.join(public, "train.csv"))
        test = pd.read_csv(os.path.join(public, "test.csv"))
        answers = os.path.join(private, "answers.csv")
        scored = []
        for name, fn in solutions:
            submission = to_submission(name, fn(train, test), test)
            path = os.path.join(workdir, f"{name}.csv")
            submission.to_csv(path, index=False, lineterminator="\n")
            score = grade(args.dojo, metric, id_column, targets, answers, path)
            print(f"{score:10.6f}  {name}", flush=True)
            scored.append((name, score))

    write_board(args.out, scored, higher_is_better)
    print(f"wrote {args.out} ({len(scored)} entries)")
