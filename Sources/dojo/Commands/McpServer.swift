import DojoKit
import Foundation
import MCP

/// The MCP face of one episode: the five actions as tools (schemas and descriptions from
/// `ActionCatalog`), and the task description, the leaderboard and the trajectory as resources.
struct McpServer: Sendable {
    enum ResourceURI {
        static let description = "dojo://task/description"
        static let leaderboard = "dojo://task/leaderboard"
        static let trajectory = "dojo://episode/trajectory"
    }

    static let instructions = """
        Dojo runs one machine-learning-engineering task as an episode. Call reset first (with a task id unless \
        the server was started with one), read the task with request_info (overview, data_structure), then write \
        a complete Python script that reads input/ and writes submission/submission.csv: validate_code checks \
        the submission without scoring it, execute_code scores it on hidden answers and places it on the \
        leaderboard. Every step returns feedback text and the full observation as structured content; the \
        budget (steps and time) is in every answer. Each script runs in a fresh interpreter: keep state in working/.
        """

    let episode: McpEpisode
    /// Where progress lines go (stderr: stdout belongs to the protocol).
    let log: @Sendable (String) -> Void

    static func tools() -> [Tool] {
        ActionCatalog.entries.map { entry in
            Tool(name: entry.name.rawValue, description: entry.description,
                 inputSchema: value(ActionCatalog.inputSchema(entry.name)),
                 annotations: .init(readOnlyHint: entry.name == .getHistory, openWorldHint: false))
        }
    }

    static func resources(task: TaskSpec?) -> [Resource] {
        let name = task.map { " of \($0.id)" } ?? ""
        return [
            Resource(name: "description", uri: ResourceURI.description, title: "Task description\(name)",
                     description: "The task's description (Markdown): the problem, the data, the metric, the submission format.",
                     mimeType: "text/markdown"),
            Resource(name: "leaderboard", uri: ResourceURI.leaderboard, title: "Leaderboard\(name)",
                     description: "The board positions are judged on (best first), the medal thresholds and this episode's best.",
                     mimeType: "text/markdown"),
            Resource(name: "trajectory", uri: ResourceURI.trajectory, title: "Current trajectory",
                     description: "The episode's trajectory as recorded so far (JSON Lines: header, steps, notes, end).",
                     mimeType: "application/jsonl"),
        ]
    }

    func register(on server: Server) async {
        let episode = episode
        let log = log
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: Self.tools()) }
        await server.withMethodHandler(CallTool.self) { params in
            await Self.call(params.name, arguments: params.arguments ?? [:], episode: episode, log: log)
        }
        await server.withMethodHandler(ListResources.self) { _ in
            .init(resources: Self.resources(task: episode.snapshot.task), nextCursor: nil)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            let snapshot = episode.snapshot
            switch params.uri {
            case ResourceURI.description:
                guard let task = snapshot.task else { throw MCPError.invalidParams(Self.noTask) }
                return .init(contents: [.text(task.descriptionText(), uri: params.uri, mimeType: "text/markdown")])
            case ResourceURI.leaderboard:
                guard let task = snapshot.task else { throw MCPError.invalidParams(Self.noTask) }
                return .init(contents: [.text(Self.leaderboard(task, best: snapshot.best), uri: params.uri, mimeType: "text/markdown")])
            case ResourceURI.trajectory:
                guard let url = snapshot.trajectory else {
                    throw MCPError.invalidParams("no episode yet: call the reset tool first")
                }
                let text: String
                do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                    throw MCPError.internalError("cannot read the trajectory \(url.path): \(error.localizedDescription)")
                }
                return .init(contents: [.text(text, uri: params.uri, mimeType: "application/jsonl")])
            default:
                throw MCPError.invalidParams("unknown resource \(params.uri); the resources are "
                    + [ResourceURI.description, ResourceURI.leaderboard, ResourceURI.trajectory].joined(separator: ", "))
            }
        }
    }

    static let noTask = "no task yet: this server has no --task; call the reset tool with a task id first"

    /// One tool call: the arguments checked against the catalogue, then the step. Refusals and failed
    /// steps come back as tool errors (`isError`) whose text is what the protocol or the observation says.
    static func call(_ name: String, arguments: [String: Value], episode: McpEpisode,
                     log: @Sendable (String) -> Void = { _ in }) async -> CallTool.Result {
        guard let action = ActionName(rawValue: name) else {
            return failure("unknown tool \"\(name)\"; the tools are "
                + ActionCatalog.entries.map(\.name.rawValue).joined(separator: ", "))
        }
        let entry = ActionCatalog.entry(action)
        let known = Set(entry.parameters.map(\.name))
        if let extra = arguments.keys.sorted().first(where: { !known.contains($0) }) {
            let takes = known.isEmpty ? "\(name) takes no arguments" : "\(name) takes " + entry.parameters.map(\.name).joined(separator: ", ")
            return failure("bad arguments: unknown argument \"\(extra)\"; \(takes)")
        }
        if action == .reset {
            var task: String?
            var seed: Int?
            if let value = arguments["task"] {
                guard let text = value.stringValue else { return failure("bad arguments: task must be a string (a task id)") }
                task = text
            }
            if let value = arguments["seed"] {
                guard let number = value.intValue ?? value.doubleValue.flatMap({ $0 == $0.rounded() ? Int(exactly: $0) : nil }) else {
                    return failure("bad arguments: seed must be an integer")
                }
                seed = number
            }
            switch await episode.reset(task: task, seed: seed) {
            case .success(let outcome):
                log("episode on \(outcome.card.id): \(outcome.trajectory ?? "not recorded") (dojo watch shows it live)")
                var structured = (try? jsonValue(outcome.observation)) ?? .null
                if case .object(var object) = structured {
                    object["task"] = (try? jsonValue(outcome.card)) ?? .null
                    object["trajectory"] = outcome.trajectory.map(Value.string) ?? .null
                    structured = .object(object)
                }
                let text = outcome.observation.feedback + (outcome.trajectory.map { "\nTrajectory: \($0)" } ?? "")
                return .init(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Optional.some(structured),
                             isError: false)
            case .failure(let error):
                return failure(error.message)
            }
        }
        var object: [String: JSONValue] = ["type": .string(name)]
        for parameter in entry.parameters {
            guard let value = arguments[parameter.name] else {
                if parameter.required { return failure("bad arguments: \(name) needs \(parameter.name) (\(parameter.description))") }
                continue
            }
            guard let text = value.stringValue else {
                return failure("bad arguments: \(parameter.name) must be a string")
            }
            object[parameter.name] = .string(text)
        }
        let decoded: Action
        do {
            decoded = try JSONDecoder().decode(Action.self, from: JSONEncoder().encode(JSONValue.object(object)))
        } catch {
            return failure("bad arguments: \(TrajectoryReader.describe(error))")
        }
        if let problem = ActionCatalog.problem(with: decoded) { return failure("bad arguments: \(problem)") }
        switch await episode.step(decoded) {
        case .success(let observation):
            return .init(content: [.text(text: text(of: observation), annotations: nil, _meta: nil)],
                         structuredContent: Optional.some((try? jsonValue(observation)) ?? .null),
                         isError: observation.status == .error)
        case .failure(let error):
            return failure(error.message)
        }
    }

    /// The feedback, plus what it points at (`see info`, `see history`) spelled out for a model.
    static func text(of observation: Observation) -> String {
        var parts = [observation.feedback]
        if let info = observation.info {
            for key in info.keys.sorted() {
                switch info[key] {
                case .string(let text): parts.append("\(key):\n\(text)")
                case let value?: parts.append("\(key): \(String(decoding: (try? JSONEncoder.sorted.encode(value)) ?? Data(), as: UTF8.self))")
                case nil: break
                }
            }
        }
        if let history = observation.history, !history.isEmpty {
            parts.append(history.map { entry in
                "step \(entry.step) \(entry.action.rawValue) \(entry.status.rawValue)"
                    + (entry.rawScore.map { " score \($0)" } ?? "") + " reward \(entry.reward)"
            }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n")
    }

    static func leaderboard(_ task: TaskSpec, best: BestSoFar?) -> String {
        guard let board = task.boards.privateBoard ?? task.boards.boards.first else { return "No leaderboard." }
        let metric = task.metric.metric
        var lines = [
            "# Leaderboard: \(task.title)", "",
            "The \(board.split.rawValue) \(task.boards.kind.rawValue) board (\(board.scores.count) entries), best first; "
                + "\(metric.rawValue), \(metric.higherIsBetter ? "higher" : "lower") is better. Positions and medals are judged on it.", "",
        ]
        if let thresholds = Ranking.thresholds(board: board.scores) {
            lines.append("Gold needs \(thresholds.gold.score) (position \(thresholds.gold.position)), silver \(thresholds.silver.score) "
                + "(position \(thresholds.silver.position)), bronze \(thresholds.bronze.score) (position \(thresholds.bronze.position)); "
                + "the median is \(thresholds.median).")
        }
        if let best {
            lines.append("This episode's best: \(best.rawScore) at step \(best.step) (\(task.boards.kind.rankLabel) \(best.humanRank)).")
        } else {
            lines.append("This episode has no scored submission yet.")
        }
        lines.append("")
        lines.append("| position | score |")
        lines.append("|---:|---:|")
        for (index, score) in board.scores.enumerated() { lines.append("| \(index + 1) | \(score) |") }
        return lines.joined(separator: "\n")
    }

    static func failure(_ message: String) -> CallTool.Result {
        .init(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }

    static func value(_ json: JSONValue) -> Value {
        (try? jsonValue(json)) ?? .null
    }

    static func jsonValue(_ encodable: some Encodable) throws -> Value {
        try JSONDecoder().decode(Value.self, from: JSONEncoder.sorted.encode(encodable))
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }
}
