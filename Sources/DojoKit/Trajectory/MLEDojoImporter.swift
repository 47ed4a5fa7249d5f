import Foundation

/// Converts an MLE-Dojo environment history (`env_history.json`: `competition`, `actions[]` with
/// `step`, `action`, `timestamp`, `result`) into a Dojo trajectory with the same scores and
/// positions. The history keeps no code; the agent's conversation (`agent_trajectory.json`), when
/// given, supplies each action's code from the JSON blocks the model wrote.
public enum MLEDojoImporter {
    public struct Imported: Sendable {
        public var header: TrajectoryHeader
        public var events: [TrajectoryEvent]
        public var warnings: [String]
    }

    public static func convert(history data: Data, source: String, agentTrajectory: Data? = nil,
                               dojoVersion: String = DojoVersion.current) throws(DojoError) -> Imported {
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw DojoError(.trajectory, "not JSON: \(TrajectoryReader.describe(error))", at: source,
                            hint: "pass MLE-Dojo's env_history.json")
        }
        guard let competition = root["competition"]?.stringValue, case .array(let actions)? = root["actions"] else {
            throw DojoError(.trajectory, "not an MLE-Dojo environment history: `competition` and `actions` are required",
                            at: source, hint: "pass MLE-Dojo's env_history.json")
        }
        var warnings: [String] = []
        var codes = agentTrajectory.map { proposedActions(in: $0) } ?? []
        let start = root["created_at"]?.stringValue.flatMap(parseDate)
            ?? actions.first?["timestamp"]?.stringValue.flatMap(parseDate) ?? Date(timeIntervalSince1970: 0)
        let scored = actions.compactMap { entry -> (Double, Int)? in
            guard let submission = entry["result"]?["submission"], let raw = submission["raw_score"]?.numberValue,
                  let position = submission["position_score"]?["private"]?["position"]?.numberValue else { return nil }
            return (raw, Int(position))
        }
        let higherIsBetter = inferDirection(scored)
        let stepCount = Int(root["step_count"]?.numberValue ?? Double(actions.count))
        var limits = TaskSpec.Limits.defaults
        limits.maxSteps = max(stepCount, actions.count)

        var events: [TrajectoryEvent] = []
        var best: BestSoFar?
        var lastT = 0.0
        for (offset, entry) in actions.enumerated() {
            let index = Int(entry["step"]?.numberValue ?? Double(offset + 1))
            guard let name = entry["action"]?.stringValue, let actionName = ActionName(rawValue: name) else {
                warnings.append("step \(index): unknown action \(entry["action"].map { "\($0)" } ?? "missing"); skipped")
                continue
            }
            let result = entry["result"] ?? .null
            let t = entry["timestamp"]?.stringValue.flatMap(parseDate).map { $0.timeIntervalSince(start) } ?? lastT
            lastT = t
            let ok = result["status"]?.stringValue == "SUCCESS"
            var observation = Observation(
                step: index, action: actionName, status: ok ? .ok : .error, feedback: "", info: nil, execution: nil,
                submission: nil, history: nil, reward: 0, best: best,
                budget: Budget(stepsUsed: index, stepsLeft: max(0, limits.maxSteps - index),
                               secondsLeft: max(0, limits.episodeTimeSeconds - t)),
                terminated: false, truncated: false)
            let action: Action
            switch actionName {
            case .requestInfo:
                let data = result["data"]?.objectValue ?? [:]
                let type = data.keys.sorted().compactMap(InfoType.init(rawValue:)).first ?? .overview
                action = .requestInfo(data.count > 1 ? .all : type)
                observation.info = data
                observation.feedback = "request_info(\(type.rawValue)) [imported from MLE-Dojo]"
                if !codes.isEmpty, codes.first?.0 == "request_info" { codes.removeFirst() }
            case .validateCode, .executeCode:
                var code = "# The MLE-Dojo history does not keep the code of this step.\n"
                if let next = codes.first, next.0 == name {
                    code = next.1
                    codes.removeFirst()
                } else if agentTrajectory != nil {
                    warnings.append("step \(index): no matching \(name) in the agent trajectory; code left empty")
                }
                action = actionName == .executeCode ? .executeCode(code) : .validateCode(code)
                observation.execution = execution(result["execution"], ok: ok)
                if let submission = result["submission"], submission != .null {
                    observation.submission = report(submission, higherIsBetter: higherIsBetter)
                    if let report = observation.submission, let raw = report.rawScore, let rank = report.humanRank {
                        observation.reward = rank
                        if best.map({ higherIsBetter ? raw > $0.rawScore : raw < $0.rawScore }) ?? true {
                            best = BestSoFar(rawScore: raw, humanRank: rank, step: index)
                        }
                    }
                }
                observation.best = best
                observation.feedback = feedback(index: index, action: actionName, execution: observation.execution,
                                                submission: observation.submission, best: best)
            case .getHistory:
                action = .getHistory
                observation.feedback = "get_history [imported from MLE-Dojo]"
            case .reset:
                action = .reset
                observation.feedback = "reset [imported from MLE-Dojo]"
            }
            events.append(.step(StepRecord(index: index, t: t, actor: .agent, action: action, observation: observation)))
        }
        events.append(.end(EndRecord(t: lastT, reason: "imported: the MLE-Dojo history ends here")))
        let header = TrajectoryHeader(
            task: competition, taskDigest: "mle-dojo:" + SHA256.hex(data), seed: 0,
            agent: ["kind": .string("mle-dojo"), "total_reward": root["total_reward"] ?? .null],
            startedAt: ISO8601DateFormatter().string(from: start), limits: limits, dojoVersion: dojoVersion,
            importedFrom: ["format": .string("mle-dojo"), "file": .string(source),
                           "best_raw_score": root["best_raw_score"] ?? .null,
                           "best_position_score": root["best_position_score"] ?? .null])
        return Imported(header: header, events: events, warnings: warnings)
    }

    /// Writes the converted trajectory (never over an existing file).
    public static func write(_ imported: Imported, to url: URL) throws(DojoError) {
        let writer = try TrajectoryWriter(url: url, header: imported.header)
        defer { writer.close() }
        for event in imported.events { try writer.append(event) }
    }

    // MARK: pieces

    static func execution(_ value: JSONValue?, ok: Bool) -> ExecutionReport {
        let seconds = value?["execution_time"]?.stringValue.flatMap { Double($0.replacingOccurrences(of: "s", with: "")) } ?? 0
        return ExecutionReport(
            exitCode: ok ? 0 : 1, signal: nil, timedOut: false, cancelled: nil, durationMs: Int((seconds * 1000).rounded()),
            stdout: value?["output"]?.stringValue ?? "", stderr: value?["error"]?.stringValue ?? "",
            truncatedBytes: 0, sandbox: "mle-dojo")
    }

    static func report(_ submission: JSONValue, higherIsBetter: Bool) -> SubmissionReport {
        let valid = submission["status"]?.stringValue == "SUCCESS"
        func board(_ name: String) -> BoardPosition? {
            guard let entry = submission["position_score"]?[name], let position = entry["position"]?.numberValue,
                  let total = entry["total"]?.numberValue, let score = entry["position_score"]?.numberValue else { return nil }
            return BoardPosition(position: Int(position), total: Int(total), score: score)
        }
        let positions = SubmissionReport.Positions(private: board("private"), public: board("public"))
        // A medal follows from the position alone: p ≤ the medal's position means fewer scores are
        // strictly better than there are medals, so the score reaches the one at that position.
        let medal: Medal? = positions.private.flatMap { place in
            let (gold, silver, bronze) = Ranking.medalPositions(boardSize: place.total)
            return place.position <= gold ? .gold : place.position <= silver ? .silver : place.position <= bronze ? .bronze : nil
        }
        var errors: [SubmissionIssue] = []
        if !valid {
            errors.append(SubmissionIssue(kind: .unreadable, message: submission["details"]?.stringValue ?? "rejected by MLE-Dojo"))
        }
        return SubmissionReport(
            found: true, valid: valid, errors: errors, warnings: [], rows: 0, metric: "mle-dojo",
            higherIsBetter: higherIsBetter, rawScore: submission["raw_score"]?.numberValue, position: positions,
            humanRank: submission["position_score"]?["avg_score"]?.numberValue, medal: medal, aboveMedian: nil,
            boardKind: .human, medalThresholds: nil)
    }

    static func feedback(index: Int, action: ActionName, execution: ExecutionReport?, submission: SubmissionReport?,
                         best: BestSoFar?) -> String {
        var lines = ["Step \(index) (\(action.rawValue)) [imported from MLE-Dojo]: "
            + (execution?.exitCode == 0 ? "the code ran in \(String(format: "%.2f", Double(execution?.durationMs ?? 0) / 1000)) s."
               : "the code failed.")]
        if let failure = execution.flatMap({ PythonFailure.parse(stderr: $0.stderr, scriptPath: "") }) {
            lines.append("Error: \(failure.summary)")
        }
        if let submission, let raw = submission.rawScore {
            lines.append("Score: \(raw).")
            if let place = submission.position?.private, let rank = submission.humanRank {
                lines.append("Place: position \(place.position) of \(place.total) on the private human board; human rank \(String(format: "%.4f", rank)).")
            }
            lines.append("Medal: \(submission.medal?.rawValue ?? "none").")
        }
        if let best { lines.append("Best so far: \(best.rawScore) at step \(best.step).") }
        return lines.joined(separator: "\n")
    }

    /// Higher is better when the better positions went to the higher scores.
    static func inferDirection(_ scored: [(Double, Int)]) -> Bool {
        for (a, b) in zip(scored, scored.dropFirst()) where a.0 != b.0 && a.1 != b.1 {
            return (a.0 > b.0) == (a.1 < b.1)
        }
        return true
    }

    /// The actions the model proposed, in order: (action name, code) from its ```json blocks.
    static func proposedActions(in data: Data) -> [(String, String)] {
        guard case .array(let messages)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return [] }
        var found: [(String, String)] = []
        for message in messages where message["role"]?.stringValue == "assistant" {
            guard let content = message["content"]?.stringValue, let block = jsonBlock(in: content),
                  let action = try? JSONDecoder().decode(JSONValue.self, from: Data(block.utf8)),
                  let name = action["action"]?.stringValue else { continue }
            found.append((name, action["params"]?["code"]?.stringValue ?? ""))
        }
        return found
    }

    static func jsonBlock(in text: String) -> String? {
        guard let open = text.range(of: "```json") else { return nil }
        let rest = text[open.upperBound...]
        guard let close = rest.range(of: "```") else { return nil }
        return String(rest[..<close.lowerBound])
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        // Fractions are added by hand: DateFormatter keeps only milliseconds, and not exactly.
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let whole = formatter.date(from: String(parts[0])) else { return ISO8601DateFormatter().date(from: text) }
        let fraction = parts.count > 1 ? Double("0." + parts[1].prefix { $0.isNumber }) ?? 0 : 0
        return whole.addingTimeInterval(fraction)
    }
}
