@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The raw-byte filter must never hold back a step a decoded search would find, and should hold back
/// the steps that cannot match.
@Suite struct StepTextFilterTests {
    static let texts = [
        "Fitting LightGBM", "Straße", "STRASSE", "\u{212A}elvin", "ﬁle", "café", "cafe\u{301}", "quote \" and back\\slash",
        "tab\there", "line\nbreak", "ANSI \u{1B}[0m done", "日本語", "emoji 🚀", "path /work/out", "Greek question mark \u{37E}",
        "plain text",
    ]

    static let queries = [
        "lightgbm", "LIGHTGBM", "strasse", "straße", "STRAẞE", "kelvin", "K", "file", "FILE", "ﬁ", "café", "cafe", "CAFÉ", "\"", "\\",
        "quote \" and", "back\\s", "\t", "tab\th", "\n", "e\nb", "\u{1B}", "\u{1B}[0m", "日本", "🚀", "/work", ";", "é", "e\u{301}",
        "nowhere", "text", "t",
    ]

    func header() -> TrajectoryHeader {
        TrajectoryHeader(task: "t", taskDigest: "d", seed: 1, agent: [:], startedAt: "now", limits: .defaults, dojoVersion: "0")
    }

    func step(_ number: Int, text: String) -> StepRecord {
        let execution = ExecutionReport(exitCode: 0, signal: nil, timedOut: false, cancelled: nil, durationMs: 1,
                                        stdout: number % 2 == 0 ? text : "", stderr: number % 2 == 0 ? "" : text, truncatedBytes: 0,
                                        sandbox: "bwrap")
        let observation = Observation(step: number, action: .executeCode, status: .ok, feedback: number % 3 == 0 ? text : "ran",
                                      info: nil, execution: execution, submission: nil, history: nil, reward: 0, best: nil,
                                      budget: Budget(stepsUsed: number, stepsLeft: 1, secondsLeft: 1), terminated: false, truncated: false)
        return StepRecord(index: number, t: Double(number), actor: .agent, action: .executeCode("# step \(number)\n"),
                          observation: observation)
    }

    /// The decode-everything search the filtered one must agree with.
    func expected(_ records: [StepRecord], _ query: String, from position: Int, forward: Bool) -> Int? {
        for offset in 1...records.count {
            let candidate = ((position + (forward ? offset : -offset)) % records.count + records.count) % records.count
            if TrajectoryIndex.texts(of: records[candidate]).contains(where: { $0.range(of: query, options: .caseInsensitive) != nil }) {
                return candidate
            }
        }
        return nil
    }

    @Test func searchAgreesWithDecodingEveryStepForWriterAndForeignLines() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let records = Self.texts.enumerated().map { step($0.offset + 1, text: $0.element) }
        var lines = try TrajectoryLines.make(records.map { .step($0) }, header: header(), temp: temp)
        // Another writer's escaping for every other step: \/ and \uXXXX for everything not ASCII.
        for position in stride(from: 1, to: records.count, by: 2) {
            let tree = try JSONDecoder().decode(JSONValue.self, from: lines[position + 1])
            lines[position + 1] = Data((JSONStyle(reversed: true, spaced: false, escapeAll: true).write(tree) + "\n").utf8)
        }
        let url = temp.file("run.dojo.jsonl")
        try lines.reduce(Data(), +).write(to: url)
        let index = try TrajectoryIndex.open(url)
        #expect(index.steps.count == records.count)
        #expect(index.damaged.isEmpty)
        for query in Self.queries {
            for position in [0, 3, 7, records.count - 1] {
                for forward in [true, false] {
                    #expect(try index.search(query, from: position, forward: forward) == expected(records, query, from: position, forward: forward),
                            "\(query.debugDescription) from \(position) \(forward ? "forward" : "backward")")
                }
            }
        }
    }

    @Test func linesThatCannotMatchAreHeldBack() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let records = Self.texts.enumerated().map { step($0.offset + 1, text: $0.element) }
        let lines = try TrajectoryLines.make(records.map { .step($0) }, header: header(), temp: temp).dropFirst().map { Array($0.dropLast()) }
        func passing(_ query: String) -> [Int] {
            let filter = StepTextFilter(query: query)
            return lines.indices.filter { position in lines[position].withUnsafeBufferPointer { filter.mayMatch($0) } }
        }
        #expect(passing("lightgbm") == [0, 4])
        #expect(passing("BACK\\SLASH") == [1, 3, 7])
        // A query with a control character lets through any \u escape (another writer may spell a tab so).
        #expect(passing("tab\there") == [8, 10])
        #expect(passing("[0m done") == [10])
        #expect(passing("nowhere") == [])
        // Look-alikes are let through when the query has a letter they could stand for (ß, K, ﬁ), and a
        // query with other characters passes lines with non-ASCII bytes or escapes that also hold its ASCII part.
        #expect(passing("strasse") == [1, 2])
        #expect(passing("kelvin") == [3, 4])
        #expect(passing("fi") == [0, 4])
        #expect(passing("日本") == [1, 3, 4, 5, 6, 10, 11, 12, 14])
        #expect(passing("emoji 🚀") == [4, 10, 12])  // ﬁ could stand for its i, \u001b for any character
    }

    @Test func theQueryIsEscapedAsTheWriterEscapesText() {
        let escaped = StepTextFilter.escapedLowercased(Array("A\"B\\c\td\ne\u{1B}/Ü".unicodeScalars))
        #expect(String(decoding: escaped, as: UTF8.self) == "a\\\"b\\\\c\\td\\ne\\u001b/Ü")
    }

    @Test func aSearchCanBeCancelledAndSpansLinesLongerThanAChunk() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let long = String(repeating: "x", count: Int(TrajectoryIndex.searchChunkBytes) + 100) + " needle"
        let records = [step(1, text: "a"), step(2, text: long), step(3, text: "b"), step(4, text: "needle")]
        let url = temp.file("run.dojo.jsonl")
        try TrajectoryLines.make(records.map { .step($0) }, header: header(), temp: temp).reduce(Data(), +).write(to: url)
        let index = try TrajectoryIndex.open(url)
        #expect(try index.search("NEEDLE", from: 0) == 1)
        #expect(try index.search("needle", from: 1) == 3)
        #expect(try index.search("needle", from: 3, forward: false) == 1)
        var asked = 0
        #expect(try index.search("needle", from: 1, shouldContinue: { asked += 1; return false }) == nil)
        #expect(asked == 1)
    }
}
