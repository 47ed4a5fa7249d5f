import Foundation

/// A clone of MLE-bench or MLE-Dojo: where its competitions are and what each one says about itself.
public struct CompetitionClone: Sendable {
    public let anchor: CompetitionAnchor
    /// The repository root (holding `mlebench/` or `mledojo/`).
    public let root: URL
    public var packageDirectory: URL { root.appendingPathComponent(anchor.package) }
    public var competitionsDirectory: URL { packageDirectory.appendingPathComponent("competitions") }

    /// Finds the anchor from a clone's root (or its package or competitions folder).
    public init(path: String, currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(DojoError) {
        var start = URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
        for _ in 0..<3 {
            for anchor in CompetitionAnchor.allCases
            where FileManager.default.fileExists(atPath: start.appendingPathComponent("\(anchor.package)/competitions").path) {
                self.anchor = anchor
                self.root = start
                return
            }
            start = start.deletingLastPathComponent()
        }
        throw DojoError(.competition, "\(path) is not a clone of MLE-bench or MLE-Dojo (no mlebench/competitions or mledojo/competitions in it)",
                        hint: "git clone https://github.com/openai/mle-bench (then git lfs pull) or https://github.com/MLE-Dojo/MLE-Dojo, and pass its folder")
    }

    /// Every competition folder of the clone, sorted.
    public func competitionIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: competitionsDirectory.path)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && !name.hasPrefix("__")
                && FileManager.default.fileExists(atPath: competitionsDirectory.appendingPathComponent(name)
                    .appendingPathComponent(anchor == .mleBench ? "config.yaml" : "utils/metric.py").path)
        }.sorted()
    }

    public func entries() -> [Result<CompetitionEntry, DojoError>] {
        let issues = KnownIssues.list(cloneRoot: anchor == .mleBench ? root : nil)
        let extra = anchor == .mleBench ? mleBenchSplits() : mleDojoCatalogue()
        return competitionIDs().map { id in Result { () throws(DojoError) in try entry(id: id, issues: issues, extra: extra) } }
    }

    public func entry(id: String) throws(DojoError) -> CompetitionEntry {
        try entry(id: id, issues: KnownIssues.list(cloneRoot: anchor == .mleBench ? root : nil),
                  extra: anchor == .mleBench ? mleBenchSplits() : mleDojoCatalogue())
    }

    /// Extra facts by id: MLE-bench's complexity split; MLE-Dojo's tags and data size.
    struct Extra { var complexity: String?; var tags: [String] = []; var size: String?; var teams: String? }

    private func entry(id: String, issues: [String: String], extra: [String: Extra]) throws(DojoError) -> CompetitionEntry {
        let folder = competitionsDirectory.appendingPathComponent(id)
        guard !id.isEmpty, !id.contains("/"), FileManager.default.fileExists(atPath: folder.path) else {
            let known = competitionIDs()
            throw DojoError(.competition, "\(anchor.displayName) has no competition `\(id)` in \(competitionsDirectory.path)",
                            hint: known.isEmpty ? "is the clone complete?" : "`dojo competitions list \(root.path)` lists its \(known.count) competitions")
        }
        switch anchor {
        case .mleBench: return try mleBenchEntry(id: id, folder: folder, issue: issues[id], extra: extra[id])
        case .mleDojo: return mleDojoEntry(id: id, folder: folder, issue: issues[id], extra: extra[id])
        }
    }

    private func mleBenchEntry(id: String, folder: URL, issue: String?, extra: Extra?) throws(DojoError) -> CompetitionEntry {
        let configURL = folder.appendingPathComponent("config.yaml")
        guard let text = try? String(contentsOf: configURL, encoding: .utf8) else {
            throw DojoError(.competition, "cannot read config.yaml", at: configURL.path)
        }
        let config = SimpleYAML(text: text)
        let prefix = "\(id)/prepared/"
        func relative(_ key: String, side: String) throws(DojoError) -> String {
            guard let value = config.string(key) else {
                throw DojoError(.competition, "config.yaml has no `\(key)`", at: configURL.path)
            }
            let stripped = value.hasPrefix(prefix + side + "/") ? String(value.dropFirst(prefix.count + side.count + 1)) : (value as NSString).lastPathComponent
            return stripped
        }
        var checksums: [String: [String: String]] = [:]
        var zip: String?
        if let checksumText = try? String(contentsOf: folder.appendingPathComponent("checksums.yaml"), encoding: .utf8) {
            let yaml = SimpleYAML(text: checksumText)
            checksums = ["public": yaml.scalars("public"), "private": yaml.scalars("private")]
            zip = yaml.string("zip")
        }
        let boardURL = folder.appendingPathComponent("leaderboard.csv")
        let board = Self.boardStatus([boardURL])
        var higherIsBetter: Bool?
        if case .present = board, let loaded = try? KaggleLeaderboard.load(boardURL, higherIsBetter: nil) {
            higherIsBetter = loaded.higherIsBetter
        }
        let gradeSource = (try? String(contentsOf: folder.appendingPathComponent("grade.py"), encoding: .utf8)) ?? ""
        var entry = CompetitionEntry(
            anchor: .mleBench, id: id, name: config.string("name") ?? id, folder: folder,
            metricName: config.string("grader.name"), higherIsBetter: higherIsBetter,
            awardsMedals: config.string("awards_medals").map { $0.lowercased() != "false" } ?? true,
            complexity: extra?.complexity, tags: config.string("competition_type").map { [$0] } ?? [], dataSize: nil,
            board: board,
            prepare: FileManager.default.fileExists(atPath: folder.appendingPathComponent("prepare.py").path) ? .anchor : .missing,
            knownIssue: issue, gradeFunction: config.string("grader.grade_fn"),
            answersFile: try relative("dataset.answers", side: "private"),
            sampleSubmissionFile: try relative("dataset.sample_submission", side: "public"),
            checksums: checksums, zipChecksum: zip, nativeMetric: NativeMetricMapping.mleBench(gradeSource: gradeSource))
        entry.prepareSource = (try? String(contentsOf: folder.appendingPathComponent("prepare.py"), encoding: .utf8)) ?? ""
        return entry
    }

    private func mleDojoEntry(id: String, folder: URL, issue: String?, extra: Extra?) -> CompetitionEntry {
        let metricSource = (try? String(contentsOf: folder.appendingPathComponent("utils/metric.py"), encoding: .utf8)) ?? ""
        var metricName: String?
        if let regex = try? NSRegularExpression(pattern: #"\"\"\"[^\"]*?\busing\s+([^\"\n]+?)\s*\"\"\""#),
           let found = regex.firstMatch(in: metricSource, range: NSRange(metricSource.startIndex..., in: metricSource)),
           let range = Range(found.range(at: 1), in: metricSource) {
            metricName = String(metricSource[range])
        } else if let regex = try? NSRegularExpression(pattern: #"class\s+(\w+?)(?:Metrics?)?\s*\(\s*CompetitionMetrics"#),
                  let found = regex.firstMatch(in: metricSource, range: NSRange(metricSource.startIndex..., in: metricSource)),
                  let range = Range(found.range(at: 1), in: metricSource) {
            metricName = "class \(metricSource[range])"
        }
        if let name = metricName, name.count > 40 { metricName = String(name.prefix(39)) + "…" }
        let prepareURL = folder.appendingPathComponent("utils/prepare.py")
        let prepare: CompetitionEntry.PrepareStatus
        let prepareSource = (try? String(contentsOf: prepareURL, encoding: .utf8)) ?? ""
        if let source = try? String(contentsOf: prepareURL, encoding: .utf8) {
            prepare = Self.isPlaceholder(source) ? .placeholder : .anchor
        } else {
            prepare = .missing
        }
        let info = folder.appendingPathComponent("info")
        let boards = [info.appendingPathComponent("public_leaderboard.csv"), info.appendingPathComponent("private_leaderboard.csv")]
        var entry = CompetitionEntry(
            anchor: .mleDojo, id: id, name: id, folder: folder, metricName: metricName,
            higherIsBetter: PythonMetric.declaredDirection(in: metricSource), awardsMedals: true,
            complexity: nil, tags: extra?.tags ?? [], dataSize: extra?.size, board: Self.boardStatus(boards),
            prepare: prepare, knownIssue: issue, gradeFunction: nil, answersFile: "test_answer.csv",
            sampleSubmissionFile: "sample_submission.csv", checksums: [:], zipChecksum: nil, nativeMetric: nil)
        entry.prepareSource = prepareSource
        return entry
    }

    /// MLE-Dojo's placeholder prepare.py: nothing but comments (`# This file was automatically generated`).
    public static func isPlaceholder(_ source: String) -> Bool {
        !source.split(whereSeparator: \.isNewline).contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }
    }

    /// A Git LFS pointer file starts with this line.
    static let lfsHeader = "version https://git-lfs.github.com/spec/v1"

    public static func isLFSPointer(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return String(decoding: head ?? Data(), as: UTF8.self).hasPrefix(lfsHeader)
    }

    static func boardStatus(_ files: [URL]) -> CompetitionEntry.BoardStatus {
        let present = files.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !present.isEmpty else { return .missing }
        if let pointer = present.first(where: isLFSPointer) { return .lfsPointer(pointer) }
        let main = present.first { !$0.lastPathComponent.hasPrefix("public_") } ?? present[0]
        let entries = (try? KaggleLeaderboard.load(main, higherIsBetter: nil).entries.count) ?? 0
        return .present(files: present, entries: entries)
    }

    private func mleBenchSplits() -> [String: Extra] {
        var out: [String: Extra] = [:]
        let splits = root.appendingPathComponent("experiments/splits")
        for name in ["dev", "low", "medium", "high"] {
            guard let text = try? String(contentsOf: splits.appendingPathComponent("\(name).txt"), encoding: .utf8) else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                let id = line.trimmingCharacters(in: .whitespaces)
                if !id.isEmpty { out[id, default: Extra()].complexity = name }
            }
        }
        return out
    }

    private func mleDojoCatalogue() -> [String: Extra] {
        var out: [String: Extra] = [:]
        for name in ["mle.json", "dsbench.json"] {
            guard let data = try? Data(contentsOf: root.appendingPathComponent("prepare/\(name)")),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for (id, value) in object {
                guard let fields = value as? [String: Any] else { continue }
                var extra = Extra()
                extra.tags = fields["tags"] as? [String] ?? []
                extra.size = (fields["data_info"] as? [String: Any])?["size"] as? String
                out[id] = extra
            }
        }
        return out
    }
}
