@testable import DojoUI
import Testing

@Suite struct StyledLineTests {
    @Test func wrapsAtSpacesKeepingScopes() {
        var line = StyledLine("the quick ", "a")
        line.append("brown fox jumps", "b")
        let wrapped = line.wrapped(width: 10)
        #expect(wrapped.map(\.text) == ["the quick", "brown fox", "jumps"])
        #expect(wrapped[1].spans == [.init("brown fox", "b")])
    }

    @Test func wrapsWideCharactersByColumns() {
        let wrapped = StyledLine("漢字漢字漢字", "").wrapped(width: 5)
        #expect(wrapped.map(\.text) == ["漢字", "漢字", "漢字"])
        #expect(wrapped.allSatisfy { $0.width <= 5 })
    }

    @Test func hangingIndent() {
        let wrapped = StyledLine("• one two three four", "").wrapped(width: 10, indent: 2)
        #expect(wrapped.map(\.text) == ["• one two", "  three", "  four"])
    }
}

/// Paths in the logs (issue 17): a word longer than the row breaks after a `/`, each part whole.
@Suite struct StyledLinePathTests {
    @Test func aLongPathBreaksAfterSlashes() {
        let wrapped = StyledLine("Trajectory: /home/someone/.local/state/dojo/trajectories/titanic-ab12cd.dojo.jsonl", "").wrapped(width: 30, indent: 2)
        #expect(wrapped.map(\.text) == ["Trajectory:", "  /home/someone/.local/state/", "  dojo/trajectories/", "  titanic-ab12cd.dojo.jsonl"])
    }

    @Test func aPartLongerThanTheRowIsStillCutByColumns() {
        let wrapped = StyledLine("/tmp/abcdefghijklmnopqrstuvwxyz", "").wrapped(width: 10)
        #expect(wrapped.map(\.text) == ["/tmp/abcde", "fghijklmno", "pqrstuvwxy", "z"])
        #expect(StyledLine.pathParts("a/b/c") == ["a/", "b/", "c"])
        // A CSV head line (the Task pane's data structure) breaks after its commas.
        let row = StyledLine("  | PassengerId,Survived,Pclass,Sex,Age", "").wrapped(width: 24, indent: 4)
        #expect(row.map(\.text) == ["  | PassengerId,", "    Survived,Pclass,Sex,", "    Age"])
    }
}
