import DojoKit
import Testing

@Suite struct ScoreTextTests {
    @Test func aScoreHasSixSignificantDigitsAndNoTrailingZeros() {
        #expect(ScoreText.short(0.7889908256880734) == "0.788991")
        #expect(ScoreText.short(0.5) == "0.5")
        #expect(ScoreText.short(12.25) == "12.25")
        #expect(ScoreText.short(1234567.8) == "1.23457e+06")
        #expect(ScoreText.short(-0.000123456789) == "-0.000123457")
        #expect(ScoreText.short(.nan) == "NaN")
        #expect(ScoreText.short(-.infinity) == "-inf")
    }
}
