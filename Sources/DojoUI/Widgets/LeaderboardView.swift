import DojoKit
import Foundation

/// The leaderboard overlay: every board of the task (private and public where it has both), each
/// entry with its position and score, the medal bands named in words (and coloured by the theme), the
/// median, and your best and last scores inserted where grading places them. It takes its own data.
public struct LeaderboardView {
    /// One of your scores to insert: what it is called and the step it came from.
    public struct Yours: Sendable, Equatable {
        public var label: String
        public var rawScore: Double
        public var step: Int

        public init(label: String, rawScore: Double, step: Int) {
            self.label = label
            self.rawScore = rawScore
            self.step = step
        }
    }

    public var boards: LeaderboardState.Boards?
    public var yours: [Yours]
    public var scroll: Int
    public var closeKey: String
    public var theme: Theme

    public init(boards: LeaderboardState.Boards?, yours: [Yours], scroll: Int, closeKey: String, theme: Theme) {
        self.boards = boards
        self.yours = yours
        self.scroll = scroll
        self.closeKey = closeKey
        self.theme = theme
    }

    /// The rectangle the overlay's lines are drawn in, for a screen (scrolling pages by its height).
    public static func innerHeight(screenHeight: Int) -> Int { max(1, screenHeight - 1 - 4) }

    /// The width of the overlay's lines on a screen this wide (`PopupView`'s box less its frame).
    public static func innerWidth(screenWidth: Int) -> Int { max(20, min(screenWidth - 4, 96) - 4) }

    public func draw(in rect: Rect, _ buffer: inout ScreenBuffer) {
        let title = " Leaderboard · \(closeKey) or Esc closes · ↑↓ PgUp PgDn g G · b: yours "
        PopupView.draw(title: title, lines: Self.lines(boards: boards, yours: yours, width: Self.innerWidth(screenWidth: rect.width)).lines,
                       scroll: scroll, theme: theme, in: rect, &buffer)
    }

    /// The overlay's lines, the text ones wrapped at `width` (nothing cut), and the line of the first of
    /// your scores (where opening scrolls to).
    public static func lines(boards: LeaderboardState.Boards?, yours: [Yours], width: Int = 200) -> (lines: [StyledLine], anchor: Int?) {
        guard let boards else {
            return (StyledLine("No leaderboard: the task is not installed here, so its boards are unknown.", "ui.popup").wrapped(width: width), nil)
        }
        var lines: [StyledLine] = []
        /// A line of text (not a board row): wrapped, its continuation indented.
        func text(_ line: StyledLine) { lines += line.wrapped(width: width, indent: 2) }
        var anchor: Int?
        let set = boards.set
        let direction = boards.higherIsBetter ? "↑ higher is better" : "↓ lower is better"
        text(StyledLine("\(boards.metric) \(direction) · ranking \(set.ranking.rawValue)"
                                + (set.awardsMedals ? "" : " · no medals awarded"), "ui.popup"))
        let placed = yours.map { (yours: $0, report: boards.place($0.rawScore)) }
        if placed.isEmpty {
            text(StyledLine("No graded step yet: your best and last scores appear here once a step is scored.", "ui.text.dim"))
        }
        for (mine, report) in placed {
            var summary = "\(mine.label) (step \(mine.step)): \(score(mine.rawScore))"
            if let position = report.position?.private { summary += " · private \(position.position) of \(position.total)" }
            if let position = report.position?.public { summary += " · public \(position.position) of \(position.total)" }
            if let medal = report.medal { summary += " · \(medal.rawValue)" }
            text(StyledLine("▶ " + summary, "markup.bold"))
        }
        // The private board first: medals and the median are judged there.
        let ordered = set.boards.filter { $0.split == .private } + set.boards.filter { $0.split != .private }
        let medalBoard = set.privateBoard ?? set.boards.first
        for board in ordered {
            lines.append(StyledLine())
            let who = set.kind == .human ? "human" : "reference"
            var heading = "\(board.split == .private ? "Private" : "Public") board · \(who) · \(board.scores.count) entries"
            if board == medalBoard, set.boards.count > 1 { heading += " · medals and median judged here" }
            text(StyledLine(heading, "ui.popup.title"))
            let thresholds = board == medalBoard ? Ranking.thresholds(board: board.scores) : nil
            // Grading's direction for medals and the median (MLE-bench's reads it off the board).
            let medalDirection = set.ranking == .mleBench ? !((board.scores.first ?? 0) < (board.scores.last ?? 0)) : boards.higherIsBetter
            if let thresholds, set.awardsMedals {
                text(StyledLine("  gold to position \(thresholds.gold.position) (\(score(thresholds.gold.score))) · silver to \(thresholds.silver.position) (\(score(thresholds.silver.score))) · bronze to \(thresholds.bronze.position) (\(score(thresholds.bronze.score)))", "ui.text.dim"))
            }
            lines.append(StyledLine("  " + "#".leftPadded(6) + "  " + "score".padding(to: 12) + "  medal", "markup.bold"))
            // Yours, by where grading places them on this board (ties: before the equal scores).
            var inserts: [(position: Int, yours: Yours, report: SubmissionReport)] = []
            for (mine, report) in placed {
                if let position = board.split == .private ? report.position?.private : report.position?.public {
                    inserts.append((position.position, mine, report))
                }
            }
            var medianShown = thresholds == nil
            func reaches(_ value: Double, _ limit: Double) -> Bool { medalDirection ? value >= limit : value <= limit }
            func band(_ value: Double) -> Medal? {
                guard set.awardsMedals, let thresholds else { return nil }
                if reaches(value, thresholds.gold.score) { return .gold }
                if reaches(value, thresholds.silver.score) { return .silver }
                if reaches(value, thresholds.bronze.score) { return .bronze }
                return nil
            }
            // The median's row goes before the first row, yours or the board's, not above it.
            func medianRow(before value: Double) {
                guard !medianShown, let thresholds, !(medalDirection ? value > thresholds.median : value < thresholds.median) else { return }
                medianShown = true
                lines.append(StyledLine("  " + "".leftPadded(6) + "  ─ median \(score(thresholds.median)) ─", "ui.text.dim"))
            }
            for index in 0...board.scores.count {
                for insert in inserts where insert.position == index + 1 {
                    medianRow(before: insert.yours.rawScore)
                    if anchor == nil { anchor = lines.count }
                    var line = StyledLine()
                    line.append("▶ " + String(insert.position).leftPadded(6) + "  " + score(insert.yours.rawScore).padding(to: 12) + "  ", "chart.best")
                    let medal = board == medalBoard ? insert.report.medal : nil
                    line.append((medal?.rawValue ?? "").padding(to: 7), medal.map { "medal.\($0.rawValue)" } ?? "ui.popup")
                    line.append(" ◀ you: \(insert.yours.label) (step \(insert.yours.step))", "chart.best")
                    lines.append(line)
                }
                guard index < board.scores.count else { break }
                let value = board.scores[index]
                medianRow(before: value)
                var line = StyledLine("  " + String(index + 1).leftPadded(6) + "  " + score(value).padding(to: 12) + "  ", "ui.popup")
                if let medal = band(value) { line.append(medal.rawValue, "medal.\(medal.rawValue)") }
                lines.append(line)
            }
        }
        return (lines, anchor)
    }

    /// A board score as boards show them: up to 6 significant digits.
    static func score(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%.6g", value)
    }
}
