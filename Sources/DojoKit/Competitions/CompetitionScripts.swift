import Foundation

/// The Python files `dojo competitions import` writes into an imported task folder (and the unpacking
/// script it runs in a sandbox). Each reads its settings from `competition.json` beside it, so the
/// scripts are the same for every competition.
public enum CompetitionScripts {
    /// `prepare.py`: Dojo's preparation contract around the anchor's own `prepare(raw, public, private)`.
    public static let prepare = #"""
    """Prepares an imported competition with its anchor's own prepare(raw, public, private).

    Written by `dojo competitions import` (docs/competitions.md); settings in competition.json.
    Dojo runs it in a sandbox: no network; --raw is a writable view of the raw data (hard links), so the
    anchor may unpack into it without touching the user's copy; --public and --private writable.
    """
    import argparse
    import hashlib
    import importlib
    import importlib.util
    import json
    import shutil
    import sys
    from pathlib import Path

    HERE = Path(__file__).resolve().parent
    sys.path.insert(0, str(HERE / "anchor"))
    META = json.loads((HERE / "competition.json").read_text(encoding="utf-8"))
    ID = META["id"]

    parser = argparse.ArgumentParser()
    parser.add_argument("--public", required=True)
    parser.add_argument("--private", required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--raw")
    args = parser.parse_args()
    public, private = Path(args.public), Path(args.private)


    def fail(message):
        sys.exit("dojo: " + message)


    if args.raw is None:
        fail(f"{ID} has no raw data yet: run `dojo competitions import CLONE {ID} --raw ZIP|DIR` "
             f"(the Kaggle download; `dojo competitions download {ID}` fetches it)")
    raw = Path(args.raw)
    if args.seed != 42:
        print(f"note: {META['anchor']}'s split of {ID} is fixed by its prepare.py; seed {args.seed} gives the same data")


    def find(folder, names):
        for name in names:
            for candidate in [raw / folder / ID / name, raw / ID / name, raw / name]:
                if candidate.is_file():
                    return candidate
        return None


    if META["prepare"] == "presplit":
        # MLE-Dojo's placeholder prepare.py: the data comes split already (DSBench's data_resplit/ID and answers/ID).
        files = {"train.csv": find("data_resplit", ["train.csv"]), "test.csv": find("data_resplit", ["test.csv"]),
                 "sample_submission.csv": find("data_resplit", ["sample_submission.csv"]),
                 "test_answer.csv": find("answers", ["test_answer.csv"])}
        missing = [name for name, path in files.items() if path is None]
        if missing:
            fail(f"MLE-Dojo's utils/prepare.py for {ID} is a placeholder: its data comes pre-split (from DSBench, "
                 f"prepare/dsbench.py), not from the Kaggle zip. --raw must hold data_resplit/{ID}/ and answers/{ID}/ "
                 f"of DSBench's data, or train.csv, test.csv, sample_submission.csv and test_answer.csv; missing: "
                 + ", ".join(missing))
        for name in ["train.csv", "test.csv", "sample_submission.csv"]:
            shutil.copyfile(files[name], public / name)
        shutil.copyfile(files["test_answer.csv"], private / "test_answer.csv")
    else:
        if META["anchor"] == "mle-bench":
            module = importlib.import_module(META["prepare_module"])
        else:
            spec = importlib.util.spec_from_file_location(META["prepare_module"], HERE / META["prepare_file"])
            module = importlib.util.module_from_spec(spec)
            sys.modules[META["prepare_module"]] = module
            spec.loader.exec_module(module)
        real_rmtree = shutil.rmtree
        raw_resolved = raw.resolve()

        def keep_raw(path, *rest, **options):
            # Only the raw folder itself is kept (MLE-Dojo's prepare removes it at its end): folders inside it are
            # the view's own (hard links, or what prepare unpacked), and some anchors check they are gone
            # (MLE-bench's aerial-cactus-identification asserts raw/train/ was removed).
            target = Path(path).resolve()
            if target == raw_resolved:
                print(f"note: {META['anchor']}'s prepare removes the raw data at its end; Dojo keeps it for the next preparation")
                return None
            return real_rmtree(path, *rest, **options)

        shutil.rmtree = keep_raw
        try:
            module.prepare(raw=raw, public=public, private=private)
        except Exception as error:  # the anchor's own message, with where it came from
            import traceback
            traceback.print_exc()
            fail(f"{META['anchor']}'s prepare() for {ID} raised {type(error).__name__}: {error}")
        finally:
            shutil.rmtree = real_rmtree


    def md5(path):
        digest = hashlib.md5()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()


    expected = META.get("checksums") or {}
    for side, folder in [("public", public), ("private", private)]:
        wanted = expected.get(side) or {}
        if not wanted:
            continue
        actual = {p.name: md5(p) for p in sorted(folder.iterdir())
                  if p.is_file() and p.suffix.lstrip(".") in ["csv", "json", "jsonl", "parquet", "bson"]}
        differ = sorted(name for name in wanted if actual.get(name) != wanted[name])
        extra = sorted(set(actual) - set(wanted))
        if differ or extra:
            print(f"warning: checksum mismatch in the prepared {side} files: "
                  + ", ".join([f"{n} ({'missing' if n not in actual else 'differs'})" for n in differ] + [f"{n} (not in checksums.yaml)" for n in extra])
                  + f" — MLE-bench's checksums.yaml was made from Kaggle's data; with other data (synthetic, a newer download) "
                  f"the split is not the one MLE-bench grades", flush=True)
        else:
            print(f"checksums of the prepared {side} files match MLE-bench's checksums.yaml", flush=True)

    answers = private / META["answers"]
    sample = public / META["sample_submission"]
    for path, what in [(answers, "answers"), (sample, "sample submission")]:
        if not path.is_file():
            fail(f"{META['anchor']}'s prepare() for {ID} wrote no {what} file {path.name} "
                 f"(its config names it; the files written: {', '.join(sorted(p.name for p in path.parent.iterdir()))})")
    if answers.suffix != ".csv":
        fail(f"{ID}'s answers are {answers.name}: Dojo grades CSV answers only")

    if META.get("answer_columns"):
        # A catalogue metric reads answers.csv with the sample submission's columns: the id and the targets.
        import csv
        csv.field_size_limit(sys.maxsize)
        keep = META["answer_columns"]
        with open(answers, newline="", encoding="utf-8") as source, open(private / "answers.csv", "w", newline="", encoding="utf-8") as out:
            reader = csv.reader(source)
            header = next(reader)
            missing = [c for c in keep if c not in header]
            if missing:
                fail(f"{answers.name} has no column {', '.join(missing)} (its columns: {', '.join(header)})")
            index = [header.index(c) for c in keep]
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(keep)
            for row in reader:
                writer.writerow([row[i] for i in index])
    elif answers.name != "answers.csv":
        shutil.copyfile(answers, private / "answers.csv")
    if sample.name != "sample_submission.csv":
        shutil.copyfile(sample, public / "sample_submission.csv")
    print(f"prepared {ID} with {META['anchor']}'s prepare")
    """#

    /// `metric.py` for MLE-bench: its `grade(submission, answers)`, on the files read as MLE-bench reads them.
    public static func mleBenchMetric(higherIsBetter: Bool) -> String {
        #"""
        """MLE-bench's own grader for this competition, run by Dojo's Python-metric bridge.

        Written by `dojo competitions import`. Reads the files as MLE-bench's grade_csv does
        (mlebench.utils.read_csv and load_answers) and calls the grade_fn of config.yaml.
        """
        import json
        import sys
        from pathlib import Path

        HERE = Path(__file__).resolve().parent
        if str(HERE / "anchor") not in sys.path:
            sys.path.insert(0, str(HERE / "anchor"))
        META = json.loads((HERE / "competition.json").read_text(encoding="utf-8"))


        class MLEBenchGrade:
            higher_is_better = \#(higherIsBetter ? "True" : "False")

            def _grade(self):
                from mlebench.utils import import_fn
                return import_fn(META["grade_fn"])

            def warm_up(self):
                # Dojo's warm grading interpreter calls this once: the imports then serve every grade.
                import mlebench.grade_helpers
                import mlebench.utils
                self._grade()

            def evaluate_files(self, answers, submission):
                from mlebench.grade_helpers import InvalidSubmissionError
                from mlebench.utils import load_answers, read_csv
                grade = self._grade()
                try:
                    return grade(read_csv(submission), load_answers(Path(answers)))
                except InvalidSubmissionError as error:
                    raise SystemExit(f"invalid submission (MLE-bench's grader): {error}")

            def evaluate(self, y_true, y_pred):
                return self._grade()(y_pred, y_true)
        """#
    }

    /// `metric.py` for MLE-Dojo: its `CompetitionMetrics` class, called as MLE-Dojo's gym calls it.
    public static func mleDojoMetric(higherIsBetter: Bool) -> String {
        #"""
        """MLE-Dojo's own metric class for this competition, run by Dojo's Python-metric bridge.

        Written by `dojo competitions import`. Does what MLE-Dojo's _process_submission does:
        pd.read_csv both files, validate_submission(submission, ground_truth), evaluate(ground_truth, submission).
        """
        import json
        import sys
        from pathlib import Path

        HERE = Path(__file__).resolve().parent
        if str(HERE / "anchor") not in sys.path:
            sys.path.insert(0, str(HERE / "anchor"))
        META = json.loads((HERE / "competition.json").read_text(encoding="utf-8"))


        class MLEDojoMetric:
            higher_is_better = \#(higherIsBetter ? "True" : "False")

            def _metric(self):
                import importlib.util
                import inspect
                from mledojo.metrics.base import CompetitionMetrics
                name = META["metric_module"]
                module = sys.modules.get(name)
                if module is None:
                    spec = importlib.util.spec_from_file_location(name, HERE / META["metric_file"])
                    module = importlib.util.module_from_spec(spec)
                    sys.modules[name] = module
                    spec.loader.exec_module(module)
                for member, value in inspect.getmembers(module):
                    if inspect.isclass(value) and member != "CompetitionMetrics" and issubclass(value, CompetitionMetrics):
                        return value()
                raise SystemExit(f"{META['metric_file']} defines no CompetitionMetrics class")

            def warm_up(self):
                # Dojo's warm grading interpreter calls this once: the imports then serve every grade.
                import pandas
                self._metric()

            def evaluate_files(self, answers, submission):
                import pandas as pd
                metric = self._metric()
                submission = pd.read_csv(submission)
                ground_truth = pd.read_csv(answers)
                try:
                    metric.validate_submission(submission, ground_truth)
                except Exception as error:
                    raise SystemExit(f"invalid submission (MLE-Dojo's validate_submission): {error}")
                return metric.evaluate(ground_truth, submission)

            def evaluate(self, y_true, y_pred):
                return self._metric().evaluate(y_true, y_pred)
        """#
    }

    /// Unpacks a Kaggle zip: `unpack.py ZIP OUT EXPECTED_MD5` (the md5 may be empty). Prints
    /// `DOJO_MD5 <hex>` and progress; exits with a one-line reason for a broken zip.
    public static let unpack = #"""
    import hashlib, os, sys, zipfile, zlib
    path, out, expected = sys.argv[1], sys.argv[2], sys.argv[3]
    name = sys.argv[4] if len(sys.argv) > 4 else os.path.basename(path)
    size = os.path.getsize(path)
    digest = hashlib.md5()
    done, shown = 0, -1
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 22), b""):
            digest.update(chunk)
            done += len(chunk)
            percent = done * 100 // max(size, 1)
            if size > (64 << 20) and percent // 10 != shown:
                shown = percent // 10
                print(f"checksum {percent}%", flush=True)
    print("DOJO_MD5 " + digest.hexdigest(), flush=True)
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
        total = sum(m.file_size for m in members) or 1
        written, shown = 0, -1
        for member in members:
            archive.extract(member, out)
            written += member.file_size
            percent = written * 100 // total
            if total > (64 << 20) and percent // 10 != shown:
                shown = percent // 10
                print(f"unpacked {percent}%", flush=True)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        sys.exit(f"dojo: {name} is not a readable zip file ({error}): download it again")
    except OSError as error:
        sys.exit(f"dojo: cannot unpack {name}: {error}")
    print(f"DOJO_UNPACKED {len(members)}", flush=True)
    """#
}
