import Foundation

/// MLE-bench's "Known Issues" (its README): competitions whose labels leak, whose preparation is
/// wrong or whose board is crowded. An imported task carries its entry as a visible warning. The list
/// is read from the clone's README.md when it has the section, else from the copy below (MLE-bench at
/// 783b15af, MIT). MLE-Dojo took its MLE-bench competitions over unchanged, so the same ids apply.
public enum KnownIssues {
    /// Issue text by competition id.
    public static func parse(readme: String) -> [String: String] {
        guard let start = readme.range(of: "## Known Issues") else { return [:] }
        var section = readme[start.upperBound...]
        if let end = section.range(of: "\n## ") { section = section[..<end.lowerBound] }
        var issues: [String: String] = [:]
        var current: String?
        var text: [String] = []
        func flush() {
            if let current { issues[current] = clean(text.joined(separator: " ")) }
            text = []
        }
        for rawLine in section.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.hasPrefix("- **"), let close = line.range(of: "**", range: line.index(line.startIndex, offsetBy: 4)..<line.endIndex) {
                flush()
                current = String(line[line.index(line.startIndex, offsetBy: 4)..<close.lowerBound])
                text = [String(line[close.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: ": "))]
            } else if current != nil, line.hasPrefix(" ") {
                text.append(line.trimmingCharacters(in: .whitespaces))
            } else if current != nil, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                flush()
                current = nil
            }
        }
        flush()
        return issues
    }

    /// Markdown links `[#63](url)` become `(#63 url)`; sub-bullets and runs of spaces are folded.
    static func clean(_ text: String) -> String {
        var out = text
        if let regex = try? NSRegularExpression(pattern: #"\[([^\]]+)\]\(([^)]+)\)"#) {
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "($1 $2)")
        }
        out = out.replacingOccurrences(of: " - ", with: " ").replacingOccurrences(of: "`", with: "")
        while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
        if out.hasPrefix("- ") { out.removeFirst(2) }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// The clone's list, else the built-in copy.
    public static func list(cloneRoot: URL?) -> [String: String] {
        if let cloneRoot, let text = try? String(contentsOf: cloneRoot.appendingPathComponent("README.md"), encoding: .utf8) {
            let parsed = parse(readme: text)
            if !parsed.isEmpty { return parsed }
        }
        return parse(readme: builtIn)
    }

    /// A leak (rather than a preparation bug or a crowded board): the warning says the scores are not comparable.
    public static func isLeak(_ text: String) -> Bool { text.lowercased().contains("leak") }

    static let builtIn = """
    ## Known Issues

    - **tensorflow-speech-recognition-challenge**:
      - The prepare.py script incorrectly prepares the test set such that there is a
        much larger range of test labels than there should be.
        [#63](https://github.com/openai/mle-bench/issues/63)
      - The prepare.py script does not properly create a test set where the speaker
        IDs are disjoint from those in train/val.
    - **icecube-neutrinos-in-deep-ice**: Checksums are mismatch.
      [#58](https://github.com/openai/mle-bench/issues/58)
    - **ranzcr-clip-catheter-line-classification**: The prepare.py script results in
      missing columns in the sample submission.
      [#30](https://github.com/openai/mle-bench/issues/30)
    - **tabular-playground-series-dec-2021**: The leaderboard is crowded -- very
      little difference between the top score and the median score.
    - **tabular-playground-series-may-2022**: The leaderboard is crowded -- very
      little difference between the top score and the median score.
    - **jigsaw-toxic-comment-classification-challenge**: The leaderboard is crowded -- very
      little difference between the top score and the median score.
    - **champs-scalar-coupling**: test molecules are missing in structures.csv.
      [#70](https://github.com/openai/mle-bench/pull/70)
    - **multi-modal-gesture-recognition**: public test `.mat` files leak test labels.
      [#77](https://github.com/openai/mle-bench/issues/77)
    - **smartphone-decimeter-2022**: The public test `span_log.nmea` files leak
      information that makes achieving a perfect score trivial.
      [#93](https://github.com/openai/mle-bench/issues/93)
    - **hubmap-kidney-segmentation**: The public test `{image_id}.json` files leak
      information that makes achieving a close-to-perfect score trivial. They should
      be removed.
    - **random-acts-of-pizza**: The field `giver_username_if_known` leaks the outcome,
      enabling trivial perfect prediction. This competition should be dropped.
      [#108](https://github.com/openai/mle-bench/issues/108)
    """
}
