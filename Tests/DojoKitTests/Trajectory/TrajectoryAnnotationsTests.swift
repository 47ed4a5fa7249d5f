import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct TrajectoryAnnotationsTests {
    @Test func theSidecarSitsBesideTheTrajectory() {
        let url = URL(fileURLWithPath: "/runs/titanic.dojo.jsonl")
        #expect(TrajectoryAnnotations.sidecarURL(for: url).path == "/runs/titanic.dojo-notes.jsonl")
        #expect(TrajectoryAnnotations.sidecarURL(for: URL(fileURLWithPath: "/runs/log.jsonl")).path == "/runs/log.jsonl.dojo-notes.jsonl")
    }

    @Test func notesAndBookmarksSurviveAReloadAndTheTrajectoryIsUntouched() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("run.dojo.jsonl")
        try Data("header\n".utf8).write(to: trajectory)
        var annotations = try TrajectoryAnnotations.load(for: trajectory)
        #expect(annotations.notes.isEmpty && annotations.bookmarks.isEmpty)
        try annotations.add(.init(step: 3, text: "first good score", at: "2026-11-26T00:00:00Z"))
        try annotations.setBookmark(.init(step: 3, on: true, at: "2026-11-26T00:00:01Z"))
        try annotations.setBookmark(.init(step: 5, on: true, at: "2026-11-26T00:00:02Z"))
        try annotations.setBookmark(.init(step: 5, on: false, at: "2026-11-26T00:00:03Z"))
        let reloaded = try TrajectoryAnnotations.load(for: trajectory)
        #expect(reloaded == annotations)
        #expect(reloaded.bookmarks == [3])
        #expect(reloaded.notes(forStep: 3).map(\.text) == ["first good score"])
        #expect(try Data(contentsOf: trajectory) == Data("header\n".utf8))
    }

    @Test func damagedLinesAreReportedAndATornTailDoesNotSwallowTheNextNote() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let trajectory = temp.file("run.dojo.jsonl")
        let sidecar = TrajectoryAnnotations.sidecarURL(for: trajectory)
        try Data("{\"type\":\"note\",\"step\":1,\"text\":\"a\",\"at\":\"t\"}\nnot json\n{\"type\":\"wat\"}\n{\"type\":\"note\",\"st".utf8).write(to: sidecar)
        var annotations = try TrajectoryAnnotations.load(for: trajectory)
        #expect(annotations.notes.map(\.text) == ["a"])
        #expect(annotations.damaged.map(\.line) == [2, 3, 4])
        try annotations.add(.init(step: 2, text: "b", at: "t"))
        let reloaded = try TrajectoryAnnotations.load(for: trajectory)
        #expect(reloaded.notes.map(\.text) == ["a", "b"])
        #expect(reloaded.damaged.map(\.line) == [2, 3, 4])
    }
}
