/// Line diffs of two texts as unified diffs (what `diff -u` prints), for showing how a step's code
/// changed. The edit script is Myers' O(ND) one, so it is minimal: the number of `+` and `-` lines
/// is the fewest insertions and deletions that turn the old lines into the new.
///
/// Texts are compared as lines; a trailing newline ends the last line rather than adding an empty
/// one, and whether the last line has one is not a difference (an editor buffer does not show it,
/// so `diff -u`'s "\ No newline at end of file" change would be noise here).
public enum LineDiff {
    enum Edit: Equatable { case equal, delete, insert }

    public static func unified(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> [DiffLine] {
        let a = lines(of: old), b = lines(of: new)
        let script = edits(a, b)
        guard script.contains(where: { $0 != .equal }) else { return [] }
        let context = max(0, context)
        // Each edit with its position in the old and the new lines.
        var positions: [(edit: Edit, old: Int, new: Int)] = []
        positions.reserveCapacity(script.count)
        var i = 0, j = 0
        for edit in script {
            positions.append((edit, i, j))
            switch edit {
            case .equal: i += 1; j += 1
            case .delete: i += 1
            case .insert: j += 1
            }
        }
        // Hunks: runs of changes whose gaps of equal lines are at most 2 × context, with context around.
        var hunks: [Range<Int>] = []
        var index = 0
        while index < positions.count {
            guard positions[index].edit != .equal else { index += 1; continue }
            var end = index
            var scan = index
            while scan < positions.count {
                if positions[scan].edit != .equal { end = scan; scan += 1; continue }
                var gap = scan
                while gap < positions.count, positions[gap].edit == .equal { gap += 1 }
                if gap < positions.count, gap - scan <= 2 * context { scan = gap } else { break }
            }
            hunks.append(max(0, index - context)..<min(positions.count, end + 1 + context))
            index = end + 1
        }
        var out = [DiffLine(.fileHeader, "--- \(oldName)"), DiffLine(.fileHeader, "+++ \(newName)")]
        for hunk in hunks {
            let slice = positions[hunk]
            let oldCount = slice.filter { $0.edit != .insert }.count
            let newCount = slice.filter { $0.edit != .delete }.count
            let first = positions[hunk.lowerBound]
            out.append(DiffLine(.hunkHeader, "@@ -\(range(first.old, oldCount)) +\(range(first.new, newCount)) @@"))
            // Within a run of changes, deletions come before insertions, as diff -u prints them.
            var pendingInserts: [DiffLine] = []
            for position in slice {
                switch position.edit {
                case .equal:
                    out += pendingInserts
                    pendingInserts = []
                    out.append(DiffLine(.context, " " + a[position.old]))
                case .delete: out.append(DiffLine(.removed, "-" + a[position.old]))
                case .insert: pendingInserts.append(DiffLine(.added, "+" + b[position.new]))
                }
            }
            out += pendingInserts
        }
        return out
    }

    /// The diff's lines in theme scopes: `diff.header`, `diff.delta` (hunk headers), `diff.plus`, `diff.minus`.
    public static func styledLines(_ lines: [DiffLine]) -> [StyledLine] {
        lines.map { line in
            let scope = switch line.kind {
            case .fileHeader: "diff.header"
            case .hunkHeader: "diff.delta"
            case .context: ""
            case .added: "diff.plus"
            case .removed: "diff.minus"
            }
            return StyledLine(Sanitizer.line(line.text), scope)
        }
    }

    /// `start,count` as unified diffs write a range: 1-based, the count left out when it is 1, and
    /// an empty range named by the line before it.
    static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    static func lines(of text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// A shortest edit script turning `a` into `b` (Myers 1986), common prefix and suffix trimmed first.
    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        // Lines as integers, so the inner loop compares numbers.
        var ids: [String: Int] = [:]
        func id(_ line: String) -> Int {
            if let known = ids[line] { return known }
            ids[line] = ids.count
            return ids.count - 1
        }
        let x = a.map(id), y = b.map(id)
        var prefix = 0
        while prefix < x.count, prefix < y.count, x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix, suffix < y.count - prefix, x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        let middle = myers(Array(x[prefix..<(x.count - suffix)]), Array(y[prefix..<(y.count - suffix)]))
        return Array(repeating: .equal, count: prefix) + middle + Array(repeating: .equal, count: suffix)
    }

    static func myers(_ a: [Int], _ b: [Int]) -> [Edit] {
        let n = a.count, m = b.count
        if n == 0 { return Array(repeating: .insert, count: m) }
        if m == 0 { return Array(repeating: .delete, count: n) }
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        // trace[d] holds v[-d...d] as it was before round d, for the walk back.
        var trace: [[Int]] = []
        var found = -1
        search: for d in 0...(n + m) {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { found = d; break search }
            }
        }
        // Walk back from (n, m): each round d took one insertion or deletion, after a snake of equal lines.
        var script: [Edit] = []
        var x = n, y = m
        for d in stride(from: found, to: 0, by: -1) {
            let previous = trace[d]
            let k = x - y
            // The snapshot before round d covers diagonals -d...d at index k + d.
            func value(_ k: Int) -> Int { previous[k + d] }
            let down = k == -d || (k != d && value(k - 1) < value(k + 1))
            let previousK = down ? k + 1 : k - 1
            let previousX = value(previousK)
            let previousY = previousX - previousK
            while x > previousX + (down ? 0 : 1), y > previousY + (down ? 1 : 0) {
                script.append(.equal)
                x -= 1; y -= 1
            }
            script.append(down ? .insert : .delete)
            x = previousX
            y = previousY
        }
        while x > 0, y > 0 { script.append(.equal); x -= 1; y -= 1 }
        return script.reversed()
    }
}
