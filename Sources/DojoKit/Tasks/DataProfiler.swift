import Foundation

/// Makes a `DataProfile` of a task's public data with Dojo's own CSV loader (`CSVReader`, the one behind
/// validation and grading), reading only the prepared `public/` folder — what the sandbox shows as
/// `input/` — never `private/`. Two passes over a CSV: the first counts (missing, distinct values by
/// hash, min/max/mean, the commonest values), the second bins the numeric columns for their histograms.
public enum DataProfiler {
    /// Bins of a numeric column's histogram (an integer column of a smaller range gets one per value).
    public static let bins = 32
    /// Distinct values are counted up to this many per column; beyond it the count says "at least".
    public static let uniqueCap = 100_000
    /// A column keeps its values' counts while it has at most this many distinct values (its top values).
    public static let topCap = 200
    /// Rows kept as the head, and the lines (and bytes) of a file's head text.
    public static let headRows = 8
    public static let headLines = 200
    public static let headBytes = 256 * 1024
    /// Files listed; a folder of thousands of images lists these and says how many more there are.
    public static let fileCap = 500

    /// The spellings pandas reads as missing by default (besides the empty field).
    static let missingWords: Set<[UInt8]> = Set(["NA", "N/A", "NaN", "nan", "null", "NULL", "None", "<NA>", "n/a", "-NaN", "-nan"].map { Array($0.utf8) })

    /// Whether a field is one of `missingWords` (a cheap look at its length and first byte first).
    @inline(__always)
    static func isMissingWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.count <= 5, let first = bytes.first,
              first == UInt8(ascii: "N") || first == UInt8(ascii: "n") || first == UInt8(ascii: "<") || first == UInt8(ascii: "-") else { return false }
        return missingWords.contains(Array(bytes))
    }

    public static func profile(_ source: DataProfile.Source) -> DataProfile {
        let names = FileDigest.files(under: source.publicDirectory)
        var files: [DataProfile.File] = []
        for name in names.prefix(fileCap) {
            let url = source.publicDirectory.appendingPathComponent(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            var file = DataProfile.File(path: name, bytes: size, table: nil, headText: nil, note: nil)
            if name.lowercased().hasSuffix(".csv") {
                file.headText = headText(of: url)
                do { file.table = try table(of: url) } catch { file.note = error.message }
            }
            files.append(file)
        }
        if names.count > fileCap {
            files.append(DataProfile.File(path: "… \(names.count - fileCap) more files", bytes: 0, table: nil, headText: nil,
                                          note: "only the first \(fileCap) files are listed"))
        }
        return DataProfile(taskID: source.taskID, digest: source.digest, files: files)
    }

    /// The file's first lines (at most `headLines`, `headBytes`), as text.
    static func headText(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: headBytes)) ?? Data()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if data.count == headBytes, lines.count > 1 { lines.removeLast() }  // a line cut by the byte limit
        return lines.prefix(headLines).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }.joined(separator: "\n")
    }

    /// One column's counts in the first pass.
    struct Counter {
        var missing = 0
        var numbers = 0
        var words = 0
        var integersOnly = true
        var sum = 0.0
        var low = Double.infinity
        var high = -Double.infinity
        var hashes = Set<Int>()
        var capped = false
        var counts: [String: Int]? = [:]

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            if bytes.isEmpty || DataProfiler.isMissingWord(bytes) {
                missing += 1
                return
            }
            if let value = DecimalParser.parse(bytes), value.isFinite {
                numbers += 1
                sum += value
                low = Swift.min(low, value)
                high = Swift.max(high, value)
                if integersOnly, bytes.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) { integersOnly = false }
            } else {
                words += 1
            }
            if !capped {
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                hashes.insert(hasher.finalize())
                if hashes.count >= DataProfiler.uniqueCap { capped = true }
            }
            if counts != nil {
                let text = String(decoding: bytes, as: UTF8.self)
                counts?[text, default: 0] += 1
                if (counts?.count ?? 0) > DataProfiler.topCap { counts = nil }
            }
        }

        var kind: DataProfile.Column.Kind {
            if numbers == 0 && words == 0 { return .empty }
            if words > 0 { return .text }
            return integersOnly ? .integer : .float
        }
    }

    static func table(of url: URL) throws(DojoError) -> DataProfile.Table {
        let reader = try CSVReader(url: url)
        let header = try reader.header()
        var counters = [Counter](repeating: Counter(), count: header.count)
        var head: [[String]] = []
        var rows = 0
        while try reader.next() {
            rows += 1
            let count = min(reader.fieldCount, header.count)
            if head.count < headRows { head.append((0..<reader.fieldCount).map { reader.string($0) }) }
            for index in 0..<count { reader.withField(index) { counters[index].add($0) } }
            // A short row leaves its last columns missing.
            if count < header.count { for index in count..<header.count { counters[index].missing += 1 } }
        }
        // The second pass: histograms of the numeric columns.
        var bins: [[Int]] = counters.map { counter in
            guard counter.kind == .integer || counter.kind == .float, counter.numbers > 0 else { return [] }
            return [Int](repeating: 0, count: binCount(counter))
        }
        let numeric = bins.indices.filter { !bins[$0].isEmpty }
        if !numeric.isEmpty, let again = try reader.reopened() {
            _ = try again.header()
            while try again.next() {
                for index in numeric where index < again.fieldCount {
                    let low = counters[index].low, high = counters[index].high
                    let count = bins[index].count
                    again.withField(index) { bytes in
                        guard let value = DecimalParser.parse(bytes), value.isFinite else { return }
                        let bin = high > low ? Int((value - low) / (high - low) * Double(count)) : 0
                        bins[index][max(0, min(count - 1, bin))] += 1
                    }
                }
            }
        }
        let columns = header.enumerated().map { index, name in
            let counter = counters[index]
            let numeric = counter.kind == .integer || counter.kind == .float
            let top = counter.kind == .text ? (counter.counts ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(8).map { DataProfile.ValueCount(value: $0.key, count: $0.value) } : []
            return DataProfile.Column(name: name, kind: counter.kind, missing: counter.missing, unique: counter.hashes.count,
                                      uniqueCapped: counter.capped,
                                      min: counter.numbers > 0 ? counter.low : nil, max: counter.numbers > 0 ? counter.high : nil,
                                      mean: numeric && counter.numbers > 0 ? counter.sum / Double(counter.numbers) : nil,
                                      histogram: bins[index], top: top)
        }
        return DataProfile.Table(rows: rows, columns: columns, head: head)
    }

    /// One bin per value for an integer column of a small range, else `bins`.
    static func binCount(_ counter: Counter) -> Int {
        if counter.high == counter.low { return 1 }
        if counter.kind == .integer, counter.high - counter.low < Double(bins) { return max(1, Int(counter.high - counter.low) + 1) }
        return bins
    }
}
