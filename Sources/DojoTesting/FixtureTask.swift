import DojoKit
import Foundation

/// A small task folder whose `prepare.py` needs only the standard library, so tests run without the
/// task virtual environment: ids 1…n, `x` in train and test, `y = 2x + 1` as the answer.
public struct FixtureTask: Sendable {
    public static let prepareScript = #"""
    import argparse, csv, os, random
    p = argparse.ArgumentParser()
    p.add_argument("--public", required=True)
    p.add_argument("--private", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--raw")
    a = p.parse_args()
    rng = random.Random(a.seed)
    rows = [(i, rng.randint(0, 100)) for i in range(1, 41)]
    train, test = rows[:30], rows[30:]
    os.makedirs(a.public, exist_ok=True)
    os.makedirs(a.private, exist_ok=True)
    def write(path, header, data):
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(data)
    write(os.path.join(a.public, "train.csv"), ["id", "x", "y"], [(i, x, 2 * x + 1) for i, x in train])
    write(os.path.join(a.public, "test.csv"), ["id", "x"], test)
    write(os.path.join(a.public, "sample_submission.csv"), ["id", "y"], [(i, 0) for i, _ in test])
    write(os.path.join(a.private, "answers.csv"), ["id", "y"], [(i, 2 * x + 1) for i, x in test])
    print("prepared", len(train), "train rows and", len(test), "test rows")
    """#

    /// A solution that gets the answers exactly right.
    public static let perfectSolution = """
    import csv
    rows = list(csv.DictReader(open("input/test.csv")))
    with open("submission/submission.csv", "w") as f:
        f.write("id,y\\n")
        for r in rows:
            f.write(f"{r['id']},{2 * int(r['x']) + 1}\\n")
    """

    /// A solution that predicts the sample submission's constant.
    public static let constantSolution = """
    import shutil
    shutil.copy("input/sample_submission.csv", "submission/submission.csv")
    """

    public let directory: URL

    /// Writes the fixture into `parent/<id>/` with an RMSE metric and a 10-entry reference board.
    public init(in parent: URL, id: String = "fixture", metric: String = "rmse",
                board: [Double] = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55], limits: String = "") {
        directory = parent.appendingPathComponent(id)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let toml = """
        id = "\(id)"
        title = "Fixture: twice x plus one"
        category = "tabular-regression"
        summary = "Predict y = 2x + 1."

        [source]
        dataset = "generated"
        origin = "DojoTesting"
        license = "CC0"
        citation = "none"

        [metric]
        name = "\(metric)"

        [submission]
        id_column = "id"
        target_columns = ["y"]

        [limits]
        \(limits)

        [leaderboard]
        kind = "reference"
        files = ["leaderboard.csv"]
        """
        write("task.toml", toml)
        write("description.md", "# Fixture\n\nPredict `y` for each `id` of `input/test.csv`.\n")
        write("prepare.py", Self.prepareScript)
        write("leaderboard.csv", "rank,score\n" + board.enumerated().map { "\($0.offset + 1),\($0.element)" }.joined(separator: "\n") + "\n")
    }

    public func write(_ name: String, _ text: String) {
        try? text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    public var taskTomlURL: URL { directory.appendingPathComponent("task.toml") }

    /// The host's python3, for stdlib-only fixture code.
    public static var systemPython: URL {
        URL(fileURLWithPath: SystemProcessRunner.resolve("python3", environment: ProcessInfo.processInfo.environment) ?? "/usr/bin/python3")
    }
}
