"""The harness every task's make_leaderboard.py shares: prepare the seed-42 split, run each
reference solution, grade its submission with the real Dojo grader (`dojo score --json`) and
write the board best first.

A task's script defines its solutions and how predictions become a submission frame, then calls
`ladder.main(__doc__, HERE, SOLUTIONS, to_submission)`. The metric, its arguments, the id column,
the targets and any answer-only columns come from the task's task.toml (keyword arguments still
override them, for old scripts). Any failure (grader missing, invalid submission) stops the run
loudly.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib

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


def grading_spec(task_dir):
    """What `dojo score` needs from task.toml: metric, args, id column, targets, answer columns."""
    path = os.path.join(task_dir, "task.toml")
    try:
        with open(path, "rb") as source:
            spec = tomllib.load(source)
    except (OSError, tomllib.TOMLDecodeError) as error:
        sys.exit(f"make_leaderboard.py: cannot read {path}: {error}")
    metric = spec.get("metric", {})
    submission = spec.get("submission", {})
    if "name" not in metric or "id_column" not in submission or "target_columns" not in submission:
        sys.exit(f"make_leaderboard.py: {path} needs [metric] name and [submission] id_column, "
                 "target_columns")
    return {
        "metric": metric["name"],
        "args": dict(metric.get("args", {})),
        "id_column": submission["id_column"],
        "targets": list(submission["target_columns"]),
        "answer_columns": list(submission.get("answer_columns", [])),
    }


def _arg_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)  # pinball's alphas = [0.1, 0.5, 0.9]
    return str(value)


def grade(dojo, metric, id_column, targets, answers, submission, args=None, answer_columns=None):
    """Score one submission with `dojo score`; any failure stops the whole run. Returns
    (score, higher_is_better)."""
    command = [dojo, "score", "--metric", metric, "--answers", answers,
               "--submission", submission, "--id-column", id_column]
    for key, value in sorted((args or {}).items()):
        command += ["--arg", f"{key}={_arg_text(value)}"]
    for target in targets:
        command += ["--target", target]
    for column in answer_columns or []:
        command += ["--answer-column", column]
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
    return float(report["raw_score"]), bool(report.get("higher_is_better", True))


def write_board(path, scored, higher_is_better):
    # Best first; ties keep a stable, name-based order so the file is reproducible.
    direction = -1 if higher_is_better else 1
    scored = sorted(scored, key=lambda item: (direction * item[1], item[0]))
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("rank,score,entry\n")
        for rank, (name, score) in enumerate(scored, start=1):
            out.write(f"{rank},{score!r},{name}\n")


def main(doc, task_dir, solutions, to_submission, *, metric=None, higher_is_better=None,
         id_column=None, targets=None, seed=42):
    """Runs the ladder. `solutions` is [(name, fn(train, test) -> predictions)];
    `to_submission(name, predictions, test)` returns the submission DataFrame. The grading setup
    comes from task.toml unless given here; `higher_is_better` defaults to what the grader says.
    Solutions that need the other public files (images as .npy, side tables) read them from the
    folder in the environment variable DOJO_LADDER_PUBLIC, set while the ladder runs."""
    spec = grading_spec(task_dir)
    metric = metric or spec["metric"]
    id_column = id_column or spec["id_column"]
    targets = targets or spec["targets"]
    parser = argparse.ArgumentParser(description=doc.splitlines()[1] if doc else None)
    parser.add_argument("--dojo", default="dojo", help="the dojo executable (default: dojo)")
    parser.add_argument("--out", default=os.path.join(task_dir, "leaderboard.csv"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dojo-ladder-") as workdir:
        public, private = prepare(task_dir, workdir, seed)
        train = pd.read_csv(os.path.join(public, "train.csv"))
        test = pd.read_csv(os.path.join(public, "test.csv"))
        answers = os.path.join(private, "answers.csv")
        os.environ["DOJO_LADDER_PUBLIC"] = public
        scored = []
        direction = higher_is_better
        for name, fn in solutions:
            submission = to_submission(name, fn(train, test), test)
            path = os.path.join(workdir, f"{name}.csv")
            submission.to_csv(path, index=False, lineterminator="\n")
            score, graders_direction = grade(args.dojo, metric, id_column, targets, answers, path,
                                             args=spec["args"], answer_columns=spec["answer_columns"])
            if direction is None:
                direction = graders_direction
            print(f"{score:10.6f}  {name}", flush=True)
            scored.append((name, score))

    if len(scored) < 20:
        print(f"warning: {len(scored)} entries; a reference board should have at least 20",
              file=sys.stderr)
    write_board(args.out, scored, True if direction is None else direction)
    print(f"wrote {args.out} ({len(scored)} entries)")
