import DojoKit
import DojoUI
import Foundation
import Testing

@Suite struct LineDiffTests {
    /// The diff as `diff -u` prints it, minus the timestamps GNU diff adds to the file headers.
    func text(_ lines: [DiffLine]) -> String { lines.map { $0.text + "\n" }.joined() }

    @Test func anInsertionAndAChangeInOneHunk() {
        let old = """
        import pandas as pd
        df = pd.read_csv("input/train.csv")
        model = None
        print(df.shape)
        df.to_csv("submission/submission.csv")

        """
        let new = """
        import pandas as pd
        import numpy as np
        df = pd.read_csv("input/train.csv")
        model = fit(df)
        print(df.shape)
        df.to_csv("submission/submission.csv")

        """
        let diff = LineDiff.unified(old: old, new: new, oldName: "step 2", newName: "step 3")
        #expect(text(diff) == """
        --- step 2
        +++ step 3
        @@ -1,5 +1,6 @@
         import pandas as pd
        +import numpy as np
         df = pd.read_csv("input/train.csv")
        -model = None
        +model = fit(df)
         print(df.shape)
         df.to_csv("submission/submission.csv")

        """)
        #expect(diff.map(\.kind) == [.fileHeader, .fileHeader, .hunkHeader, .context, .added, .context, .removed, .added, .context, .context])
    }

    func numbers(_ changes: [Int: String]) -> String {
        (1...20).map { changes[$0] ?? String($0) }.joined(separator: "\n") + "\n"
    }

    @Test func changesMoreThanTwiceTheContextApartAreSeparateHunks() {
        let diff = LineDiff.unified(old: numbers([:]), new: numbers([2: "two", 10: "ten"]), oldName: "a", newName: "b")
        #expect(text(diff) == """
        --- a
        +++ b
        @@ -1,5 +1,5 @@
         1
        -2
        +two
         3
         4
         5
        @@ -7,7 +7,7 @@
         7
         8
         9
        -10
        +ten
         11
         12
         13

        """)
    }

    @Test func changesTwiceTheContextApartShareAHunk() {
        let diff = LineDiff.unified(old: numbers([:]), new: numbers([2: "two", 9: "nine"]), oldName: "a", newName: "b")
        #expect(diff[2].text == "@@ -1,12 +1,12 @@")
        #expect(diff.filter { $0.kind == .hunkHeader }.count == 1)
        #expect(diff.count == 2 + 1 + 14)
    }

    @Test func zeroContextAndSingleLineRanges() {
        let diff = LineDiff.unified(old: numbers([:]), new: numbers([2: "two", 10: "ten"]), oldName: "a", newName: "b", context: 0)
        #expect(text(diff) == """
        --- a
        +++ b
        @@ -2 +2 @@
        -2
        +two
        @@ -10 +10 @@
        -10
        +ten

        """)
    }

    @Test func emptyOldOrNewAndIdenticalTexts() {
        #expect(text(LineDiff.unified(old: "", new: "x\ny\n", oldName: "a", newName: "b")) == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n")
        #expect(text(LineDiff.unified(old: "x\ny\n", new: "", oldName: "a", newName: "b")) == "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n")
        #expect(LineDiff.unified(old: "", new: "", oldName: "a", newName: "b").isEmpty)
        #expect(LineDiff.unified(old: "same\ntext\n", new: "same\ntext\n", oldName: "a", newName: "b").isEmpty)
    }

    @Test func aMissingFinalNewlineIsNotADifference() {
        #expect(LineDiff.unified(old: "x\ny", new: "x\ny\n", oldName: "a", newName: "b").isEmpty)
        // Without final newlines on either side, the lines still compare as lines.
        #expect(text(LineDiff.unified(old: "x\ny", new: "x\nz", oldName: "a", newName: "b")) == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n")
        // An empty last line is a line.
        #expect(text(LineDiff.unified(old: "x\n", new: "x\n\n", oldName: "a", newName: "b")) == "--- a\n+++ b\n@@ -1 +1,2 @@\n x\n+\n")
    }

    @Test func deletionsComeBeforeInsertionsInAChange() {
        #expect(text(LineDiff.unified(old: "a\nb\nc\n", new: "c\nb\na\n", oldName: "g", newName: "h")) == """
        --- g
        +++ h
        @@ -1,3 +1,3 @@
        -a
        -b
         c
        +b
        +a

        """)
    }

    @Test func styledLinesUseTheDiffScopesAndAreSafeToDraw() {
        let lines = LineDiff.styledLines(LineDiff.unified(old: "a\n\tb\n", new: "a\nc\u{1B}[2J\n", oldName: "a", newName: "b"))
        #expect(lines.map { $0.spans.map(\.scope) } == [["diff.header"], ["diff.header"], ["diff.delta"], [""], ["diff.minus"], ["diff.plus"]])
        #expect(lines[4].text == "-    b")
        #expect(lines[5].text == "+c^[[2J")
    }

    // MARK: property: random small texts

    /// Applies a unified diff to the old lines; nil when the diff does not fit them.
    func apply(_ diff: [DiffLine], to old: [String]) -> [String]? {
        var result: [String] = []
        var next = 0
        for line in diff {
            switch line.kind {
            case .fileHeader: continue
            case .hunkHeader:
                // "@@ -start[,count] +… @@": copy the old lines before the hunk.
                let range = line.text.split(separator: " ")[1].dropFirst().split(separator: ",")
                guard let start = Int(range[0]) else { return nil }
                let count = range.count > 1 ? Int(range[1]) ?? 1 : 1
                let first = count == 0 ? start : start - 1
                guard first >= next, first <= old.count else { return nil }
                result += old[next..<first]
                next = first
            case .context, .removed:
                guard next < old.count, old[next] == String(line.text.dropFirst()) else { return nil }
                if line.kind == .context { result.append(old[next]) }
                next += 1
            case .added: result.append(String(line.text.dropFirst()))
            }
        }
        return result + old[next...]
    }

    /// The fewest insertions plus deletions, from the longest common subsequence.
    func editDistance(_ a: [String], _ b: [String]) -> Int {
        var row = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var previousDiagonal = 0
            for (j, y) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = x == y ? previousDiagonal + 1 : max(row[j + 1], row[j])
                previousDiagonal = above
            }
        }
        return a.count + b.count - 2 * row[b.count]
    }

    /// GNU diff's number of `+` and `-` lines for the same texts.
    func gnuChanges(_ old: String, _ new: String, in directory: URL) throws -> Int {
        let a = directory.appendingPathComponent("old"), b = directory.appendingPathComponent("new")
        try old.write(to: a, atomically: true, encoding: .utf8)
        try new.write(to: b, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", a.path, b.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst(2)
        return lines.filter { $0.hasPrefix("+") || $0.hasPrefix("-") }.count
    }

    @Test func randomTextsGiveAMinimalScriptThatTurnsOldIntoNew() throws {
        var random = SplitMix64(seed: 7)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linediff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let alphabet = ["a", "b", "c", "d", ""]
        for round in 0..<300 {
            let old = (0..<random.next(below: 10)).map { _ in alphabet[random.next(below: alphabet.count)] }
            let new = (0..<random.next(below: 10)).map { _ in alphabet[random.next(below: alphabet.count)] }
            let oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
            let context = random.next(below: 4)
            let diff = LineDiff.unified(old: oldText, new: newText, oldName: "old", newName: "new", context: context)
            let applied = apply(diff, to: old)
            #expect(applied == new, "round \(round): \(old) → \(new) with context \(context): \(diff.map(\.text))")
            let changes = diff.filter { $0.kind == .added || $0.kind == .removed }.count
            #expect(changes == editDistance(old, new), "round \(round): \(old) → \(new)")
            #expect(diff.isEmpty == (old == new))
            // GNU diff agrees on the size of the script (it is minimal for texts this small).
            if round % 3 == 0 {
                #expect(changes == (try gnuChanges(oldText, newText, in: directory)), "round \(round): \(old) → \(new)")
            }
        }
    }
}
