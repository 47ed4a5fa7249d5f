import DojoKit
import Foundation

/// The Scores pane: a Braille chart of each executed step's raw score (or rank score) with the
/// board's median and medal lines, the best marked; or the same data as a table.
/// It takes its own data: the scores, whether they are a recording's (replay: no F5 to press), the theme.
public struct ScoresView {
    public var scores: ScoreState
    /// A recording's scores (replay) or another process's (watch): the empty chart says so instead of suggesting F5.
    public var recorded: Bool
    /// The key that takes a step, named by the empty chart; nil while the person cannot take one (co-pilot, agent in control).
    public var runKey: String?
    public var theme: Theme

    public init(scores: ScoreState, recorded: Bool = false, runKey: String? = "F5", theme: Theme) {
        self.scores = scores
        self.recorded = recorded
        self.runKey = runKey
        self.theme = theme
    }

    private var emptyText: String {
        recorded ? "no scored steps" : runKey.map { "no scored steps yet (\($0))" } ?? "no scored steps yet"
    }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        guard inner.height >= 2, inner.width >= 12 else { return }
        switch scores.view {
        case .table: table(inner, &buffer)
        case .rawChart, .rankChart: chart(inner, &buffer)
        }
    }

    static func fmt(_ v: Double) -> String {
        if abs(v) >= 1000 { return String(format: "%.0f", v) }
        if abs(v) >= 100 { return String(format: "%.1f", v) }
        return String(format: "%.4f", v)
    }

    /// Joins the points with lines. Points falling in one dot column draw as one vertical run from
    /// their lowest to their highest dot — the same dots the lines between them would set — so a
    /// 10,000-step replay costs the chart's width, not 10,000 lines.
    static func plotCurve(_ points: [(Int, Int)], scope: String, on canvas: inout BrailleCanvas) {
        var previous: (Int, Int)?
        var index = 0
        while index < points.count {
            let (x, first) = points[index]
            var low = first, high = first, last = first
            var next = index + 1
            while next < points.count, points[next].0 == x {
                last = points[next].1
                low = min(low, last)
                high = max(high, last)
                next += 1
            }
            if let previous { canvas.line(from: previous, to: (x, first), scope: scope) }
            if high > low { canvas.line(from: (x, low), to: (x, high), scope: scope) } else { canvas.set(x, first, scope: scope) }
            previous = (x, last)
            index = next
        }
    }

    /// A reference line of the chart: its name, its short name (for a row shared with another
    /// line), its value, its scope, and its dot pattern (told apart without colour).
    struct Reference {
        var name: String
        var short: String
        var value: Double
        var scope: String
        var pattern: BrailleCanvas.Pattern
    }

    /// The value range the chart spans: every value and line, never a degenerate one — a single value
    /// (or values closer than 2% of their size) is padded around to 2% of its size (1 around zero) —
    /// with 8% room above and below, and not below zero when nothing is.
    static func scale(_ all: [Double]) -> (low: Double, high: Double)? {
        guard var low = all.min(), var high = all.max() else { return nil }
        let center = (low + high) / 2
        let least = center == 0 ? 1 : abs(center) * 0.02
        if high - low < least {
            low = center - least / 2
            high = center + least / 2
        }
        let pad = (high - low) * 0.08
        let floor = all.allSatisfy { $0 >= 0 } ? 0.0 : -Double.infinity
        return (max(floor, low - pad), high + pad)
    }

    func chart(_ rect: Rect, _ buffer: inout ScreenBuffer) {
        let rank = scores.view == .rankChart
        let higher = rank ? true : scores.board?.higherIsBetter ?? true
        let values = scores.points.map { rank ? $0.rankScore : $0.rawScore }
        let overlayValues = scores.overlay?.points.map { rank ? $0.rankScore : $0.rawScore } ?? []
        var references: [Reference] = []
        if let board = scores.board, !rank {
            references = [Reference(name: "median", short: "m", value: board.median, scope: "chart.median", pattern: .sparse),
                          Reference(name: "bronze", short: "b", value: board.bronze, scope: "chart.bronze", pattern: .dotted),
                          Reference(name: "silver", short: "s", value: board.silver, scope: "chart.silver", pattern: .dashed),
                          Reference(name: "gold", short: "g", value: board.gold, scope: "chart.gold", pattern: .solid)]
        } else if rank {
            references = [Reference(name: "median", short: "m", value: 0.5, scope: "chart.median", pattern: .sparse)]
        }
        // Room on the right for the lines' names, at their ends, where the pane is wide enough.
        let gutter = references.isEmpty || rect.width < 36 ? 0 : 7
        // Legend at the bottom.
        let legendY = rect.maxY - 1
        var x = rect.x
        let bestIndex = scores.bestIndex
        let series = rank ? "chart.rank" : "chart.raw"
        // The second run in its own colour, far from the first's (blue and cyan were hard to tell apart).
        let overlaySeries = "chart.compare"
        if let overlay = scores.overlay {
            // Comparing: a legend naming each curve, in its style.
            x = buffer.write("━\(scores.seriesName ?? "A") ", x: x, y: legendY, style: theme.style(series), maxX: rect.maxX)
            x = buffer.write("━\(overlay.name)  ", x: x, y: legendY, style: theme.style(overlaySeries), maxX: rect.maxX)
        }
        if let best = bestIndex {
            let text = "★ best \(Self.fmt(values[best])) @ step \(scores.points[best].step)  "
            x = buffer.write(text, x: x, y: legendY, style: theme.style("chart.best"), maxX: rect.maxX)
        } else {
            let text = emptyText + "  "
            x = buffer.write(text, x: x, y: legendY, style: theme.style("ui.text.dim"), maxX: rect.maxX)
        }
        if gutter == 0 {
            for reference in references.reversed() where x < rect.maxX {
                x = buffer.write("─\(reference.name) ", x: x, y: legendY, style: theme.style(reference.scope), maxX: rect.maxX)
            }
        }
        // The steps under the plot, where there is room for a row of them.
        let stepAxis = rect.height >= 6
        let plot = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - (stepAxis ? 2 : 1))
        guard plot.height >= 2 else { return }
        guard let (low, high) = Self.scale(values + overlayValues + references.map(\.value)) else { return }
        let labelWidth = max(Self.fmt(low).count, Self.fmt(high).count) + 1
        let area = Rect(x: plot.x + labelWidth + 1, y: plot.y, width: plot.width - labelWidth - 1 - gutter, height: plot.height)
        guard area.width >= 4 else { return }
        var canvas = BrailleCanvas(width: area.width, height: area.height)
        // Better is up: a lower-is-better metric's axis runs the other way.
        func dotY(_ v: Double) -> Int {
            let t = (v - low) / (high - low)
            let up = higher ? t : 1 - t
            return Int(((1 - up) * Double(canvas.dotHeight - 1)).rounded())
        }
        // One curve: points evenly spaced. Two (replay compare): both placed by step number, on one axis.
        let steps = scores.points.map(\.step) + (scores.overlay?.points.map(\.step) ?? [])
        let firstStep = steps.min() ?? 0, lastStep = steps.max() ?? 0
        func stepX(_ step: Int) -> Int {
            lastStep <= firstStep ? canvas.dotWidth / 2
                : Int((Double(step - firstStep) / Double(lastStep - firstStep) * Double(canvas.dotWidth - 1)).rounded())
        }
        func dotX(_ i: Int) -> Int {
            if scores.overlay != nil { return stepX(scores.points[i].step) }
            return values.count <= 1 ? canvas.dotWidth / 2 : Int((Double(i) / Double(values.count - 1) * Double(canvas.dotWidth - 1)).rounded())
        }
        for reference in references { canvas.horizontal(y: dotY(reference.value), scope: reference.scope, pattern: reference.pattern) }
        if let overlay = scores.overlay {
            Self.plotCurve(overlayValues.indices.map { (stepX(overlay.points[$0].step), dotY(overlayValues[$0])) }, scope: overlaySeries, on: &canvas)
        }
        Self.plotCurve(values.indices.map { (dotX($0), dotY(values[$0])) }, scope: series, on: &canvas)
        for row in 0..<area.height {
            for column in 0..<area.width {
                if let (character, scope) = canvas.character(x: column, y: row) {
                    buffer.put(character, x: area.x + column, y: area.y + row, style: theme.style(scope ?? series))
                }
            }
        }
        // Each line's name at its right end; lines sharing a row share it (`s·b`).
        if gutter > 0 {
            var rows: [Int: [Reference]] = [:]
            for reference in references.reversed() { rows[dotY(reference.value) / 4, default: []].append(reference) }
            for (row, here) in rows {
                let text = here.count == 1 ? here[0].name : here.map(\.short).joined(separator: "·")
                buffer.write(" " + text, x: area.maxX, y: area.y + row, style: theme.style(here[0].scope), maxX: rect.maxX)
            }
        }
        // Replay: the step in view, as a dotted column (under the curves) with a mark on top. Before the
        // first scored step there is no place on the curve: no cursor, rather than one on the first score.
        if let cursor = scores.cursorStep, !steps.isEmpty, let dot = scores.overlay != nil
            ? (cursor < firstStep ? nil : stepX(min(cursor, lastStep)))
            : scores.points.lastIndex(where: { $0.step <= cursor }).map(dotX) {
            let column = area.x + dot / 2
            let style = theme.style("chart.axis")
            for row in 0..<area.height where canvas.character(x: dot / 2, y: row) == nil {
                buffer.put(row == 0 ? "▾" : "┊", x: column, y: area.y + row, style: style)
            }
        }
        if let best = bestIndex {
            let bx = area.x + dotX(best) / 2, by = area.y + dotY(values[best]) / 4
            buffer.put("★", x: bx, y: by, style: theme.style("chart.best"))
        }
        // Axis labels: top, bottom, and the axis line.
        let axis = theme.style("chart.axis")
        let topValue = higher ? high : low, bottomValue = higher ? low : high
        buffer.write(Self.fmt(topValue).leftPadded(labelWidth), x: plot.x, y: plot.y, style: axis)
        buffer.write(Self.fmt(bottomValue).leftPadded(labelWidth), x: plot.x, y: plot.maxY - 1, style: axis)
        for y in plot.y..<plot.maxY { buffer.put(y == plot.y || y == plot.maxY - 1 ? "┤" : "│", x: plot.x + labelWidth, y: y, style: axis) }
        if stepAxis {
            // The x axis: the step numbers under their points, the first and the last always.
            let y = plot.maxY
            buffer.write("step".leftPadded(labelWidth), x: plot.x, y: y, style: axis)
            buffer.write("└" + String(repeating: "─", count: area.width), x: plot.x + labelWidth, y: y, style: axis)
            let marks: [(step: Int, dot: Int)] = scores.overlay != nil
                ? Array(Set(steps)).sorted().map { ($0, stepX($0)) }
                : scores.points.indices.map { (scores.points[$0].step, dotX($0)) }
            for mark in Self.stepMarks(marks, width: area.width) {
                buffer.write(mark.text, x: area.x + mark.column, y: y, style: axis, maxX: area.maxX)
            }
        }
    }

    /// Which steps the x axis names and where (columns from the plot's left): the last, the first,
    /// and between them as many as fit two columns apart.
    static func stepMarks(_ marks: [(step: Int, dot: Int)], width: Int) -> [(text: String, column: Int)] {
        guard let last = marks.last else { return [] }
        let lastText = String(last.step)
        let lastColumn = max(0, min(last.dot / 2, width - lastText.count))
        var out = [(lastText, lastColumn)]
        var free = 0
        for mark in marks.dropLast() {
            let text = String(mark.step)
            let column = max(0, mark.dot / 2)
            guard column >= free, column + text.count + 2 <= lastColumn else { continue }
            out.append((text, column))
            free = column + text.count + 2
        }
        return out
    }

    func table(_ rect: Rect, _ buffer: inout ScreenBuffer) {
        let rankLabel = scores.board?.rankLabel ?? "rank"
        let header = "step".leftPadded(5) + "  " + (scores.board?.metric ?? "score").leftPadded(10) + "  " + rankLabel.leftPadded(14) + "  medal"
        buffer.write(header, x: rect.x, y: rect.y, style: theme.style("markup.bold"), maxX: rect.maxX)
        var rows = rect.height - 1
        if let board = scores.board, rows > 2 {
            // The board's lines, for reading the table against.
            rows -= 1
            let text = "gold \(Self.fmt(board.gold)) · silver \(Self.fmt(board.silver)) · bronze \(Self.fmt(board.bronze)) · median \(Self.fmt(board.median))"
            buffer.write(text, x: rect.x, y: rect.maxY - 1, style: theme.style("ui.text.dim"), maxX: rect.maxX)
        }
        guard !scores.points.isEmpty else {
            buffer.write(emptyText, x: rect.x, y: rect.y + 1, style: theme.style("ui.text.dim"), maxX: rect.maxX)
            return
        }
        let best = scores.bestIndex
        let top = min(scores.tableScroll, max(0, scores.points.count - rows))
        let first = scores.points.count > rows && scores.tableScroll == 0 ? scores.points.count - rows : top
        for (offset, index) in (first..<scores.points.count).prefix(rows).enumerated() {
            let point = scores.points[index]
            let mark = index == best ? "★" : " "
            let text = String(point.step).leftPadded(5) + "  " + Self.fmt(point.rawScore).leftPadded(10) + "  "
                + Self.fmt(point.rankScore).leftPadded(14) + "  "
            let x = buffer.write(text, x: rect.x, y: rect.y + 1 + offset, style: index == best ? theme.style("chart.best") : theme.base, maxX: rect.maxX)
            let medal = point.medal?.rawValue ?? "-"
            let next = buffer.write(medal + " ", x: x, y: rect.y + 1 + offset, style: point.medal.map { theme.style("medal.\($0.rawValue)") } ?? theme.style("ui.text.dim"), maxX: rect.maxX)
            buffer.write(mark, x: next, y: rect.y + 1 + offset, style: theme.style("chart.best"), maxX: rect.maxX)
        }
    }
}
