import Foundation

/// Answers to `request_info`, built from the task and its public files only.
public struct TaskInfo: Sendable {
    public let task: TaskSpec
    public let workspace: Workspace
    /// Where the code sees the workspace root (a sandbox mounts it elsewhere); nil: at its host path.
    public let codeRoot: String?

    public init(task: TaskSpec, workspace: Workspace, codeRoot: String? = nil) {
        self.task = task
        self.workspace = workspace
        self.codeRoot = codeRoot
    }

    private var inputPath: String { codeRoot.map { "\($0)/input" } ?? workspace.input.path }
    private var submissionPath: String { codeRoot.map { "\($0)/submission/submission.csv" } ?? workspace.submissionFile.path }

    public func answer(_ type: InfoType) -> [String: JSONValue] {
        switch type {
        case .overview: ["overview": .string(task.descriptionText())]
        case .dataStructure: ["data_structure": .string(dataStructure())]
        case .sampleSubmission: ["sample_submission": .string(head(of: workspace.input.appendingPathComponent("sample_submission.csv"), lines: 6))]
        case .dataPath: ["data_path": .string("input/"), "data_path_absolute": .string(inputPath)]
        case .outputPath: ["output_path": .string("submission/submission.csv"), "output_path_absolute": .string(submissionPath)]
        case .name: ["name": .string(task.id), "title": .string(task.title)]
        case .metadata: ["metadata": .object(metadata())]
        case .all:
            InfoType.allCases.filter { $0 != .all }.reduce(into: [:]) { result, type in
                result.merge(answer(type)) { first, _ in first }
            }
        }
    }

    public func metadata() -> [String: JSONValue] {
        [
            "id": .string(task.id), "title": .string(task.title), "category": .string(task.category),
            "summary": .string(task.summary),
            "metric": .string(task.metric.metric.rawValue),
            "higher_is_better": .bool(task.metric.metric.higherIsBetter),
            "id_column": .string(task.submission.idColumn),
            "target_columns": .array(task.submission.targetColumns.map(JSONValue.string)),
            "board_kind": .string(task.boards.kind.rawValue),
            "board_size": .number(Double(task.boards.size)),
            "limits": .object([
                "step_timeout_s": .number(task.limits.stepTimeoutSeconds), "memory_mb": .number(Double(task.limits.memoryMB)),
                "max_steps": .number(Double(task.limits.maxSteps)), "episode_time_s": .number(task.limits.episodeTimeSeconds),
            ]),
            "source": .object([
                "dataset": .string(task.source.dataset), "origin": .string(task.source.origin),
                "license": .string(task.source.license), "citation": .string(task.source.citation),
            ]),
        ]
    }

    /// Each public file with its size; for CSVs, the columns, row count and first rows.
    func dataStructure() -> String {
        var parts: [String] = ["The code runs in the workspace root. Files in input/ (read-only):"]
        for name in FileDigest.files(under: workspace.input) {
            let url = workspace.input.appendingPathComponent(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            parts.append("")
            parts.append("input/\(name) (\(size) bytes)")
            if name.hasSuffix(".csv"), let table = try? CSVTable.load(url) {
                parts.append("  \(table.rows.count) rows × \(table.header.count) columns: \(table.header.joined(separator: ", "))")
                parts.append(head(of: url, lines: 4).split(separator: "\n").map { "  | " + $0 }.joined(separator: "\n"))
            }
        }
        parts.append("")
        parts.append("Scratch space: working/ (kept between steps). Output: submission/submission.csv.")
        return parts.joined(separator: "\n")
    }

    func head(of url: URL, lines: Int) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "(missing)" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 16384)) ?? Data()
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(lines).joined(separator: "\n")
    }
}
