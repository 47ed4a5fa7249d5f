@testable import DojoKit
import DojoTesting
import Foundation
import Testing

/// The byte scanner must summarize a step line exactly as decoding it does, and leave to the decoder
/// every line it cannot vouch for.
@Suite struct StepLineScannerTests {
    static let tricky = [
        "", "plain", "quote \" inside", "ends with a backslash \\", "\\\"", "\\\\\"\\", "{\"type\":\"end\",\"t\":1}",
        "\"exit_code\": 1, \"raw_score\": 0.9}", "tab\tnew\nline\r\u{08}\u{0C}\u{1B}[0m\u{00}", "café naïve — “quotes” 日本語 🚀 \u{2028}",
        "C:\\runs\\new\\train.csv and /work/output/x.csv", String(repeating: "long \\\"escaped\\\" text\n", count: 2_000),
    ]

    /// Records that vary every field the summary reads, and the text around them.
    static func records() -> [StepRecord] {
        var records: [StepRecord] = []
        let actions: [Action] = [.requestInfo(.overview), .requestInfo(.all), .validateCode("x = \"1\"\\n"), .executeCode("print('hi')"),
                                 .getHistory, .reset]
        let executions: [ExecutionReport?] = [
            nil,
            ExecutionReport(exitCode: 0, signal: nil, timedOut: false, cancelled: nil, durationMs: 5, stdout: "ok\n", stderr: "",
                            truncatedBytes: 0, sandbox: "bwrap"),
            ExecutionReport(exitCode: 1, signal: nil, timedOut: false, cancelled: false, durationMs: 5, stdout: tricky[3],
                            stderr: "Traceback \"x\"", truncatedBytes: 10, sandbox: "none", limitExceeded: nil, limits: "memory 1 MB"),
            ExecutionReport(exitCode: nil, signal: 9, timedOut: true, cancelled: true, durationMs: 600_000, stdout: tricky[8],
                            stderr: tricky[9], truncatedBytes: 0, sandbox: "bwrap", limitExceeded: "step timeout 600 s exceeded"),
            ExecutionReport(exitCode: -1, signal: nil, timedOut: false, cancelled: nil, durationMs: 0, stdout: tricky[11],
                            stderr: tricky[5], truncatedBytes: 0, sandbox: "mle-dojo"),
            ExecutionReport(exitCode: Int32.max, signal: Int32.min, timedOut: false, cancelled: nil, durationMs: 1, stdout: tricky[6],
                            stderr: tricky[7], truncatedBytes: 0, sandbox: "bwrap"),
        ]
        let scores: [Double?] = [nil, 0.5, .nan, .infinity, -.infinity, 1e-300, -2.5e10, 0.1 + 0.2, 123_456_789.123_456_78, 0]
        let issue = SubmissionIssue(kind: .rowCount, message: "417 rows, \"expected\" 418", rows: [1, 2])
        var submissions: [SubmissionReport?] = [nil]
        for (index, score) in scores.enumerated() {
            let medals: [Medal?] = [nil, .gold, .silver, .bronze]
            submissions.append(SubmissionReport(
                found: index != 1, valid: index % 3 != 2, errors: index % 3 == 2 ? [issue] : [], warnings: [issue], rows: 418,
                metric: "rmse \"log\"", higherIsBetter: index % 2 == 0, rawScore: score,
                position: index % 2 == 0 ? nil : .init(private: BoardPosition(position: 3, total: 9, score: 0.7), public: nil),
                humanRank: index == 4 ? .nan : score.map { $0 / 2 }, medal: medals[index % 4], aboveMedian: index % 2 == 0 ? nil : true,
                boardKind: index % 2 == 0 ? .human : .reference, medalThresholds: nil))
        }
        let times: [Double] = [0, 1.5, 12_345.678_901_234, 1e-7, .nan, .infinity]
        var counter = 0
        for action in actions {
            for execution in executions {
                for submission in submissions where counter % 3 != 0 || submission == nil {
                    counter += 1
                    let observed = counter % 11 == 0 ? ActionName.validateCode : action.name
                    let info: [String: JSONValue]? = counter % 4 == 0
                        ? ["overview": .string(tricky[counter % tricky.count]), "nested": .object(["stdout": .string("x"), "a": .array([.null, .bool(true)])])]
                        : nil
                    let history: [HistoryEntry]? = counter % 5 == 0
                        ? [HistoryEntry(step: 1, action: .executeCode, actor: .human, status: .error, rawScore: nil, reward: 0, seconds: 2)] : nil
                    let observation = Observation(
                        step: counter, action: observed, status: counter % 7 == 0 ? .error : .ok, feedback: tricky[(counter + 3) % tricky.count],
                        info: info, execution: execution, submission: submission, history: history, reward: counter % 2 == 0 ? 0.25 : .nan,
                        best: counter % 3 == 0 ? BestSoFar(rawScore: 0.9, humanRank: 0.8, step: 2) : nil,
                        budget: Budget(stepsUsed: counter, stepsLeft: 10, secondsLeft: .infinity), terminated: counter % 13 == 0,
                        truncated: counter % 17 == 0)
                    records.append(StepRecord(index: counter, t: times[counter % times.count], actor: counter % 2 == 0 ? .human : .agent,
                                              action: action, observation: observation))
                }
            }
        }
        return records
    }

    static func scan(_ line: [UInt8], position: Int = 0, line number: Int = 2, offset: UInt64 = 0) -> StepLineScanner.Scan {
        line.withUnsafeBufferPointer { StepLineScanner().scan($0, position: position, line: number, offset: offset) }
    }

    /// The summary by decoding, which the scanner must equal (NaN compared as text).
    static func decoded(_ line: [UInt8], position: Int = 0, line number: Int = 2, offset: UInt64 = 0) throws -> StepSummary? {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard case .step(let record) = try TrajectoryReader.decodeEvent(Data(line), decoder: decoder) else { return nil }
        return StepSummary(record, position: position, line: number, offset: offset, length: line.count)
    }

    static func same(_ scan: StepLineScanner.Scan, _ summary: StepSummary?) -> Bool {
        guard case .step(let scanned) = scan, let summary else { return false }
        return String(describing: scanned) == String(describing: summary)
    }

    @Test func writerLinesAreSummarizedExactlyAsDecodingThem() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let records = Self.records()
        #expect(records.count > 100)
        let header = TrajectoryHeader(task: "t", taskDigest: "d", seed: 1, agent: [:], startedAt: "now", limits: .defaults, dojoVersion: "0")
        let lines = try TrajectoryLines.make(records.map { .step($0) }, header: header, temp: temp).dropFirst()
        for (position, line) in lines.enumerated() {
            let bytes = Array(line.dropLast())
            let scan = Self.scan(bytes, position: position, line: position + 2, offset: UInt64(position * 10))
            let decoded = try Self.decoded(bytes, position: position, line: position + 2, offset: UInt64(position * 10))
            #expect(Self.same(scan, decoded), "record \(position): \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
    }

    @Test func rewrittenLinesWithOtherKeyOrdersSpacingAndEscapesAreSummarizedTheSame() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let header = TrajectoryHeader(task: "t", taskDigest: "d", seed: 1, agent: [:], startedAt: "now", limits: .defaults, dojoVersion: "0")
        let lines = try TrajectoryLines.make(Self.records().map { .step($0) }, header: header, temp: temp).dropFirst()
        for (number, line) in lines.enumerated() {
            let tree = try JSONDecoder().decode(JSONValue.self, from: line)
            for style in [JSONStyle(reversed: true, spaced: false, escapeAll: false), JSONStyle(reversed: false, spaced: true, escapeAll: true)] {
                let bytes = Array(style.write(tree).utf8)
                let decoded = try Self.decoded(bytes)
                #expect(decoded != nil)
                #expect(Self.same(Self.scan(bytes), decoded), "line \(number) \(style): \(String(decoding: bytes.prefix(300), as: UTF8.self))")
            }
        }
    }

    @Test func linesTheScannerCannotVouchForAreLeftToTheDecoder() throws {
        let base = #"{"type":"step","index":1,"t":2,"actor":"agent","action":{"type":"get_history"},"observation":{"step":1,"action":"get_history","status":"ok","feedback":"","reward":0,"best":null,"budget":{"steps_used":1,"steps_left":1,"seconds_left":1},"terminated":false,"truncated":false}}"#
        #expect(Self.same(Self.scan(Array(base.utf8)), try Self.decoded(Array(base.utf8))))
        // Each still decodes, but the scanner does not decide it: the index falls back to the decoder.
        let decodable = [
            base.replacingOccurrences(of: #""actor":"agent""#, with: #""act\u006fr":"agent""#),
            base.replacingOccurrences(of: #""actor":"agent""#, with: #""actor":"ag\u0065nt""#),
            base.replacingOccurrences(of: #""t":2"#, with: #""t":2,"t":3"#),
            base.replacingOccurrences(of: #""step":1,"#, with: #""step":1.0,"#),
            base.replacingOccurrences(of: #""index":1,"#, with: #""index":1e0,"#),
        ]
        for line in decodable {
            #expect(Self.scan(Array(line.utf8)) == .decode, "\(line)")
        }
        // Type mismatches and missing fields: the decoder reports these lines as damaged.
        let wrong = [
            base.replacingOccurrences(of: #""t":2"#, with: #""t":"soon""#),
            base.replacingOccurrences(of: #""actor":"agent""#, with: #""actor":"robot""#),
            base.replacingOccurrences(of: #""status":"ok""#, with: #""status":true"#),
            base.replacingOccurrences(of: #""feedback":"","#, with: ""),
            base.replacingOccurrences(of: #""terminated":false"#, with: #""terminated":0"#),
            base.replacingOccurrences(of: #"{"type":"get_history"}"#, with: #"{"type":"execute_code"}"#),
            base.replacingOccurrences(of: #"{"type":"get_history"}"#, with: #"{"type":"request_info","info_type":"everything"}"#),
            base.replacingOccurrences(of: #""best":null"#, with: #""best":null,"execution":{"exit_code":1}"#),
            base.replacingOccurrences(of: #""best":null"#, with: #""best":null,"execution":{"exit_code":99999999999,"signal":null,"timed_out":false,"duration_ms":1,"stdout":"","stderr":"","truncated_bytes":0,"sandbox":"x"}"#),
        ]
        for line in wrong {
            #expect(Self.scan(Array(line.utf8)) == .decode, "\(line)")
            #expect(throws: (any Error).self, "\(line)") { try Self.decoded(Array(line.utf8)) }
        }
    }

    @Test func malformedLinesAreNeverSummarized() throws {
        let base = #"{"type":"step","index":1,"t":2,"actor":"agent","action":{"type":"get_history"},"observation":{"step":1,"action":"get_history","status":"ok","feedback":"a \"b\" \\","reward":0,"best":null,"budget":{"steps_used":1,"steps_left":1,"seconds_left":1},"terminated":false,"truncated":false}}"#
        var malformed = (1..<base.utf8.count).map { String(decoding: Array(base.utf8).prefix($0), as: UTF8.self) }
        malformed += [
            base + "}", base + ",", base + " x", "[" + base + "]", base.replacingOccurrences(of: ",\"reward\"", with: ",,\"reward\""),
            base.replacingOccurrences(of: #""reward":0"#, with: #""reward":01"#), base.replacingOccurrences(of: #""reward":0"#, with: #""reward":-"#),
            base.replacingOccurrences(of: #""reward":0"#, with: #""reward":1."#), base.replacingOccurrences(of: #""reward":0"#, with: #""reward":.5"#),
            base.replacingOccurrences(of: "false", with: "fals"), base.replacingOccurrences(of: "null", with: "nil"),
            base.replacingOccurrences(of: #"\\""#, with: #"\""#), "{\"type\":\"step\"", "\t", "garbage",
        ]
        for line in malformed {
            #expect(Self.scan(Array(line.utf8)) == .decode, "\(line)")
            #expect(throws: (any Error).self, "\(line)") { try Self.decoded(Array(line.utf8)) }
        }
        #expect(Self.scan(Array("  \r".utf8)) == .blank)
        #expect(Self.scan([]) == .blank)
    }

    @Test func importedMLEDojoStepsAreSummarizedByTheScanner() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let fixtures = MLEDojoImporterTests.fixtures
        let result = try MLEDojoImporter.convert(history: try Data(contentsOf: fixtures.appendingPathComponent("env_history.json")),
                                                 source: "env_history.json",
                                                 agentTrajectory: try Data(contentsOf: fixtures.appendingPathComponent("agent_trajectory.json")))
        let url = temp.file("pizza.dojo.jsonl")
        try MLEDojoImporter.write(result, to: url)
        let lines = try Data(contentsOf: url).split(separator: 0x0A).map { Array($0) }
        var steps = 0
        for (number, line) in lines.enumerated().dropFirst() {
            guard let decoded = try Self.decoded(line, line: number + 1) else { continue }
            steps += 1
            #expect(Self.same(Self.scan(line, line: number + 1), decoded), "line \(number + 1)")
        }
        #expect(steps == 10)
        let index = try TrajectoryIndex.open(url)
        let full = try TrajectoryReader.read(url)
        #expect(index.steps.map(\.rawScore) == full.steps.map { $0.observation.submission.flatMap { $0.valid ? $0.rawScore : nil } })
    }

    @Test func theIndexReportsDamagedLinesByNumberAndKeepsGoing() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let header = TrajectoryHeader(task: "t", taskDigest: "d", seed: 1, agent: [:], startedAt: "now", limits: .defaults, dojoVersion: "0")
        let records = Array(Self.records().prefix(6))
        let lines = try TrajectoryLines.make(records.map { .step($0) }, header: header, temp: temp)
        let url = temp.file("run.dojo.jsonl")
        // Line 3 is cut short, line 5 has two records run together, line 6 is blank and line 7 is torn.
        let cut = lines[2].prefix(lines[2].count / 2) + Data([0x0A])
        let runTogether = lines[4].dropLast() + lines[5]
        try (lines[0] + lines[1] + cut + lines[3] + runTogether + Data("\n".utf8) + lines[6].prefix(30)).write(to: url)
        let index = try TrajectoryIndex.open(url)
        #expect(index.damaged.map(\.line) == [3, 5])
        #expect(index.damaged.allSatisfy { !$0.reason.isEmpty })
        #expect(index.tornTail)
        #expect(index.steps.map(\.step) == [records[0].observation.step, records[2].observation.step])
        #expect(String(describing: try index.record(at: 1)) == String(describing: records[2]))
    }
}

/// A JSON writer for tests: key order, spacing and escaping other than the dojo writer's.
struct JSONStyle: CustomStringConvertible {
    var reversed: Bool
    var spaced: Bool
    /// Escapes `/` and every non-ASCII character as `\uXXXX`.
    var escapeAll: Bool

    var description: String { "reversed: \(reversed), spaced: \(spaced), escapeAll: \(escapeAll)" }

    func write(_ value: JSONValue) -> String {
        let space = spaced ? " \t" : ""
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .string(let text): return quote(text)
        case .array(let items): return "[" + space + items.map(write).joined(separator: space + "," + space) + space + "]"
        case .object(let fields):
            let keys = fields.keys.sorted(by: reversed ? (>) : (<))
            return "{" + space + keys.map { quote($0) + space + ":" + space + write(fields[$0] ?? .null) }.joined(separator: space + ",") + space + "}"
        }
    }

    func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "/" where escapeAll: result += "\\/"
            case _ where scalar.value < 0x20 || (escapeAll && !scalar.isASCII):
                for unit in String(scalar).utf16 { result += String(format: "\\u%04X", unit) }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
