import DojoKit
import Foundation

/// The data explorer overlay: `input/`'s files on the left (sizes), on the right the selected CSV's
/// rows and columns, a braille histogram of the selected column (its commonest values for a text
/// column) with its type, missing, unique, min/max/mean, the columns table and the first rows; or, after
/// Enter, the CSV's first lines in a read-only view. It takes its own data.
public struct DataExplorerView {
    public var data: DataExplorerState
    public var closeKey: String
    public var theme: Theme

    public init(data: DataExplorerState, closeKey: String, theme: Theme) {
        self.data = data
        self.closeKey = closeKey
        self.theme = theme
    }

    /// Where the parts go on a screen of this size: the box, the file list, the details.
    public struct Frame: Sendable, Equatable {
        public var box: Rect
        public var files: Rect
        public var detail: Rect
        /// The rows of the histogram and of the first rows; what is left is the columns table's.
        public var histogramRows: Int
        public var headRows: Int
        public var columnRows: Int
        /// The y of the columns table's first row.
        public var columnsY: Int
    }

    public static func frame(width: Int, height: Int) -> Frame {
        let box = Rect(x: 0, y: 0, width: width, height: max(3, height - 1))
        let inner = Rect(x: box.x + 1, y: box.y + 1, width: max(1, box.width - 2), height: max(1, box.height - 2))
        let filesWidth = max(12, min(32, inner.width / 4))
        let files = Rect(x: inner.x, y: inner.y, width: filesWidth, height: inner.height)
        let detail = Rect(x: inner.x + filesWidth + 2, y: inner.y, width: max(1, inner.width - filesWidth - 2), height: inner.height)
        let histogramRows = inner.height >= 30 ? 6 : inner.height >= 18 ? 4 : 2
        let headRows = inner.height >= 30 ? 1 + DataProfiler.headRows : inner.height >= 20 ? 1 + min(5, DataProfiler.headRows) : 0
        // summary, histogram label, histogram, axis, blank, columns header, columns…, head
        let fixed = 1 + 1 + histogramRows + 1 + 1 + 1 + headRows
        let columnRows = max(1, inner.height - fixed)
        return Frame(box: box, files: files, detail: detail, histogramRows: histogramRows, headRows: headRows,
                     columnRows: columnRows, columnsY: detail.y + fixed - headRows)
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let frame = Self.frame(width: rect.width, height: rect.height + 1)
        let style = theme.style("ui.popup")
        let box = frame.box
        guard box.width >= 30, box.height >= 8 else { return }
        buffer.fill(box, style: style)
        buffer.write("┌" + String(repeating: "─", count: box.width - 2) + "┐", x: box.x, y: box.y, style: style)
        buffer.write("└" + String(repeating: "─", count: box.width - 2) + "┘", x: box.x, y: box.maxY - 1, style: style)
        for y in (box.y + 1)..<(box.maxY - 1) {
            buffer.put("│", x: box.x, y: y, style: style)
            buffer.put("│", x: box.maxX - 1, y: y, style: style)
        }
        let title = data.viewingHead
            ? " \(Sanitizer.line("input/" + (data.selectedFile?.path ?? ""))) · first lines, read-only · ↑↓←→ PgUp PgDn scroll · Esc back "
            : " Data · input/ · \(closeKey) or Esc closes · ↑↓ column · ←→ file · Enter head "
        buffer.write(title, x: box.x + 2, y: box.y, style: theme.style("ui.popup.title"), maxX: box.maxX - 1)
        let inner = Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2)
        guard let profile = data.profile else {
            let text = data.loading ? "Reading input/ (Dojo's CSV loader, the public files only)…"
                : data.problem ?? "No data profile yet."
            let dim = theme.style(data.problem != nil && !data.loading ? "ui.statusline.error" : "ui.text.dim")
            for (i, line) in StyledLine(text, "").wrapped(width: max(1, inner.width - 2)).enumerated() where i < inner.height {
                buffer.write(line.text, x: inner.x + 1, y: inner.y + i, style: dim.over(style), maxX: inner.maxX)
            }
            return
        }
        if data.viewingHead {
            drawHead(in: inner.droppingLeft(1), style: style, &buffer)
            return
        }
        drawFiles(profile, in: frame.files, style: style, &buffer)
        for y in inner.y..<inner.maxY { buffer.put("│", x: frame.files.maxX, y: y, style: theme.style("ui.window").over(style)) }
        drawDetail(frame: frame, style: style, &buffer)
    }

    func drawFiles(_ profile: DataProfile, in rect: Rect, style: Style, _ buffer: inout ScreenBuffer) {
        let rows = rect.height - (data.origin == nil ? 0 : 1)
        let top = max(0, min(data.file - rows + 1, profile.files.count - rows))
        for (offset, file) in profile.files.dropFirst(max(0, top)).prefix(max(0, rows)).enumerated() {
            let index = max(0, top) + offset
            let y = rect.y + offset
            let selected = index == data.file
            let rowStyle = selected ? theme.style("ui.selection").over(style) : style
            if selected { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle) }
            let size = file.note != nil && file.table == nil && file.bytes == 0 ? "" : Self.size(file.bytes)
            let nameWidth = max(1, rect.width - CharWidth.of(size) - 2)
            buffer.write((selected ? "▶" : " ") + Sanitizer.line(file.path), x: rect.x, y: y, style: rowStyle, maxX: rect.x + nameWidth + 1)
            buffer.write(size, x: rect.maxX - CharWidth.of(size), y: y, style: theme.style("ui.text.dim").over(rowStyle))
        }
        if let origin = data.origin {
            buffer.write(origin, x: rect.x, y: rect.maxY - 1, style: theme.style("ui.text.dim").over(style), maxX: rect.maxX)
        }
    }

    func drawDetail(frame: Frame, style: Style, _ buffer: inout ScreenBuffer) {
        let rect = frame.detail
        let dim = theme.style("ui.text.dim").over(style)
        let bold = theme.style("markup.bold").over(style)
        guard let file = data.selectedFile else { return }
        var y = rect.y
        guard let table = file.table else {
            buffer.write("\(Sanitizer.line(file.path)) · \(Self.size(file.bytes))", x: rect.x, y: y, style: bold, maxX: rect.maxX)
            let note = file.note ?? (file.path.lowercased().hasSuffix(".csv") ? "" : "not a CSV: its size is all the explorer shows")
            for (i, line) in StyledLine(Sanitizer.line(note), "").wrapped(width: rect.width).enumerated() where y + 2 + i < rect.maxY {
                buffer.write(line.text, x: rect.x, y: y + 2 + i, style: dim, maxX: rect.maxX)
            }
            return
        }
        buffer.write("\(Sanitizer.line(file.path)) · \(table.rows) rows × \(table.columns.count) columns · \(Self.size(file.bytes))",
                     x: rect.x, y: y, style: bold, maxX: rect.maxX)
        y += 1
        // The selected column: its figures, then its histogram (or its commonest values).
        if let column = data.selectedColumn {
            buffer.write(Sanitizer.line(Self.summary(column, rows: table.rows)), x: rect.x, y: y, style: style, maxX: rect.maxX)
            let plot = Rect(x: rect.x, y: y + 1, width: rect.width, height: frame.histogramRows)
            for (i, line) in Self.histogram(column, width: plot.width, height: plot.height).enumerated() {
                AppView.lines([line][...], in: Rect(x: plot.x, y: plot.y + i, width: plot.width, height: 1), theme: theme, &buffer)
            }
        }
        y = frame.columnsY - 1
        buffer.write(Self.columnRow(nil), x: rect.x, y: y, style: bold, maxX: rect.maxX)
        let top = min(max(data.columnTop, data.column - frame.columnRows + 1), data.column)
        for offset in 0..<frame.columnRows {
            let index = max(0, top) + offset
            guard index < table.columns.count else { break }
            let rowY = frame.columnsY + offset
            let selected = index == data.column
            let rowStyle = selected ? theme.style("ui.selection").over(style) : style
            if selected { buffer.fill(Rect(x: rect.x, y: rowY, width: rect.width, height: 1), style: rowStyle) }
            buffer.write(Sanitizer.line(Self.columnRow(table.columns[index])), x: rect.x, y: rowY, style: rowStyle, maxX: rect.maxX)
        }
        if frame.headRows > 0 {
            let headY = frame.columnsY + frame.columnRows
            let widths = Self.headWidths(table)
            // The first rows under their column names.
            buffer.write(Sanitizer.line(Self.headRow(table.columns.map(\.name), widths: widths)), x: rect.x, y: headY, style: bold, maxX: rect.maxX)
            for (i, row) in table.head.prefix(frame.headRows - 1).enumerated() {
                buffer.write(Sanitizer.line(Self.headRow(row, widths: widths)), x: rect.x, y: headY + 1 + i, style: style, maxX: rect.maxX)
            }
        }
    }

    func drawHead(in rect: Rect, style: Style, _ buffer: inout ScreenBuffer) {
        let lines = Sanitizer.lines(of: data.selectedFile?.headText ?? "")
        let gutter = String(lines.count).count + 1
        let top = max(0, min(data.headTop, lines.count - rect.height))
        for (offset, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            let number = String(top + offset + 1)
            buffer.write(number.leftPadded(gutter - 1), x: rect.x, y: y, style: theme.style("ui.linenr").over(style))
            let visible = Array(line).dropFirst(min(data.headLeft, line.count))
            buffer.write(characters: visible[...], x: rect.x + gutter, y: y, style: style, maxX: rect.maxX)
        }
    }

    // MARK: text

    /// `61.2 KB`
    public static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }

    /// A number as the explorer shows it: integers whole, large ones without a fraction, tiny ones in
    /// scientific notation, the others to 4 significant digits.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "–" }
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        if abs(value) >= 1e4, abs(value) < 1e12 { return String(format: "%.0f", value) }
        if abs(value) < 1e-3 { return String(format: "%.2e", value) }
        return String(format: "%.4g", value)
    }

    static func kindName(_ kind: DataProfile.Column.Kind) -> String {
        switch kind {
        case .integer: "int"
        case .float: "float"
        case .text: "text"
        case .empty: "empty"
        }
    }

    static func unique(_ column: DataProfile.Column) -> String { column.uniqueCapped ? "≥\(column.unique)" : String(column.unique) }

    /// The selected column's figures: `Age · float · 177 missing (19.9%) · 88 unique` (its range and
    /// mean are on the histogram's axis).
    public static func summary(_ column: DataProfile.Column, rows: Int) -> String {
        var text = "\(column.name) · \(kindName(column.kind)) · \(column.missing) missing"
        if rows > 0, column.missing > 0 { text += String(format: " (%.1f%%)", Double(column.missing) * 100 / Double(rows)) }
        return text + " · \(unique(column)) unique"
    }

    /// A row of the columns table (nil: its header).
    public static func columnRow(_ column: DataProfile.Column?) -> String {
        guard let column else {
            return "column".padding(to: 15) + "type".padding(to: 6) + "missing".leftPadded(7) + " " + "unique".leftPadded(7)
                + " " + "min".leftPadded(9) + " " + "max".leftPadded(9) + " " + "mean".leftPadded(9)
        }
        let numeric = column.kind == .integer || column.kind == .float
        var name = column.name
        if CharWidth.of(name) > 14 { name = String(name.prefix(13)) + "…" }
        return name.padding(to: 15) + kindName(column.kind).padding(to: 6) + String(column.missing).leftPadded(7) + " "
            + unique(column).leftPadded(7) + " " + (numeric ? number(column.min) : "").leftPadded(9) + " "
            + (numeric ? number(column.max) : "").leftPadded(9) + " " + (numeric ? number(column.mean) : "").leftPadded(9)
    }

    static func headWidths(_ table: DataProfile.Table) -> [Int] {
        let columns = max(table.columns.count, table.head.map(\.count).max() ?? 0)
        return (0..<columns).map { index in
            let values = [index < table.columns.count ? table.columns[index].name : ""] + table.head.map { index < $0.count ? $0[index] : "" }
            return min(14, max(1, values.map { CharWidth.of(Sanitizer.line($0)) }.max() ?? 1))
        }
    }

    static func headRow(_ fields: [String], widths: [Int]) -> String {
        fields.enumerated().map { index, field in
            let width = index < widths.count ? widths[index] : 8
            var text = Sanitizer.line(field)
            if CharWidth.of(text) > width { text = String(text.prefix(max(1, width - 1))) + "…" }
            return text.padding(to: width + 1)
        }.joined()
    }

    /// The column's histogram in braille (`height` rows of `width` cells) over an axis line with its
    /// range; a text column's commonest values as bars instead.
    public static func histogram(_ column: DataProfile.Column, width: Int, height: Int) -> [StyledLine] {
        guard width >= 8, height >= 1 else { return [] }
        if !column.histogram.isEmpty {
            let counts = column.histogram
            let peak = max(1, counts.max() ?? 1)
            var canvas = BrailleCanvas(width: width, height: height)
            let dotWidth = canvas.dotWidth, dotHeight = canvas.dotHeight
            for x in 0..<dotWidth {
                let bin = min(counts.count - 1, x * counts.count / dotWidth)
                let count = counts[bin]
                guard count > 0 else { continue }
                let tall = max(1, Int((Double(count) / Double(peak) * Double(dotHeight)).rounded()))
                for y in (dotHeight - tall)..<dotHeight { canvas.set(x, y, scope: "chart.raw") }
            }
            var lines: [StyledLine] = []
            for y in 0..<height {
                var line = StyledLine()
                for x in 0..<width {
                    if let cell = canvas.character(x: x, y: y) {
                        line.append(String(cell.0), cell.1 ?? "chart.raw")
                    } else {
                        line.append(" ", "ui.popup")
                    }
                }
                lines.append(line)
            }
            let low = "min " + number(column.min), high = "max " + number(column.max)
            let peakText = "mean \(number(column.mean)) · tallest bar \(peak)"
            let gap = max(1, width - CharWidth.of(low) - CharWidth.of(high) - CharWidth.of(peakText) - 2)
            lines.append(StyledLine(low + String(repeating: " ", count: gap / 2) + " " + peakText + " "
                                    + String(repeating: " ", count: gap - gap / 2) + high, "chart.axis"))
            return lines
        }
        if !column.top.isEmpty {
            let peak = max(1, column.top.map(\.count).max() ?? 1)
            let labelWidth = min(16, column.top.map { CharWidth.of(Sanitizer.line($0.value)) }.max() ?? 1)
            var lines: [StyledLine] = []
            for entry in column.top.prefix(height + 1) {
                var label = Sanitizer.line(entry.value)
                if CharWidth.of(label) > labelWidth { label = String(label.prefix(labelWidth - 1)) + "…" }
                let room = max(1, width - labelWidth - 10)
                let bar = max(1, entry.count * room / peak)
                var line = StyledLine(label.padding(to: labelWidth + 1), "ui.popup")
                line.append(String(repeating: "⣿", count: bar), "chart.raw")
                line.append(" \(entry.count)", "ui.text.dim")
                lines.append(line)
            }
            return lines
        }
        let why = column.kind == .empty ? "every value is missing" : "\(unique(column)) distinct values: too many to chart"
        return [StyledLine("(no chart: \(why))", "ui.text.dim")]
    }
}
