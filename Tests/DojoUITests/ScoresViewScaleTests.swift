@testable import DojoUI
import Testing

/// The chart's scale, step axis and lines (issue 17): a sensible range with one or two points, steps
/// named under their points, lines told apart by their dots.
@Suite struct ScoresViewScaleTests {
    @Test func oneValueIsPaddedAroundNotSpreadOverOneUnit() throws {
        let (low, high) = try #require(ScoresView.scale([0.77]))
        #expect(low > 0.75 && low < 0.77 && high > 0.77 && high < 0.79, "\(low)…\(high)")
        // Two values closer than 2% of their size get the same least range, centred.
        let (low2, high2) = try #require(ScoresView.scale([0.7768, 0.7770]))
        #expect(high2 - low2 > 0.015)
        // Zero: a unit around it, but not below zero when nothing is.
        let (low3, high3) = try #require(ScoresView.scale([0]))
        #expect(low3 == 0 && high3 > 0.5)
        // A real range is kept, with 8% room.
        let (low4, high4) = try #require(ScoresView.scale([0.5, 1.5]))
        #expect(abs(low4 - 0.42) < 1e-9 && abs(high4 - 1.58) < 1e-9)
        #expect(ScoresView.scale([]) == nil)
    }

    @Test func theStepAxisNamesTheFirstAndLastAndWhatFitsBetween() {
        let marks = ScoresView.stepMarks((1...12).map { ($0, ($0 - 1) * 6) }, width: 36)
        #expect(marks.map(\.text) == ["12", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"])
        #expect(marks.first?.column == 33)
        // Crowded: only what fits two columns apart.
        let crowded = ScoresView.stepMarks((1...40).map { ($0, $0) }, width: 20)
        #expect(crowded.map(\.text) == ["40", "1", "6", "12", "20", "28"])
        #expect(ScoresView.stepMarks([], width: 10).isEmpty)
    }

    @Test func linePatternsDifferByDotsNotColour() {
        func row(_ pattern: BrailleCanvas.Pattern) -> String {
            var canvas = BrailleCanvas(width: 8, height: 1)
            canvas.horizontal(y: 1, scope: "x", pattern: pattern)
            return String((0..<8).map { canvas.character(x: $0, y: 0)?.0 ?? " " })
        }
        #expect(row(.solid) == "⠒⠒⠒⠒⠒⠒⠒⠒")
        #expect(row(.dashed) == "⠒ ⠒ ⠒ ⠒ ")
        #expect(row(.dotted) == "⠂⠂⠂⠂⠂⠂⠂⠂")
        #expect(row(.sparse) == "⠂ ⠂ ⠂ ⠂ ")
        #expect(Set(BrailleCanvas.Pattern.allCases.map(row)).count == 4)
    }
}
