import DojoKit
import Foundation
import Testing

/// Trajectory file names, in one place for every command.
@Suite struct TrajectoryNamingTests {
    @Test func defaultNumberedAndSiblingNames() {
        let folder = URL(fileURLWithPath: "/state/dojo/trajectories")
        let date = Date(timeIntervalSince1970: 1_764_750_000)  // 2025-12-03T08:20:00Z
        let url = TrajectoryNaming.defaultURL(in: folder, task: "titanic", date: date, id: "ab12cd")
        #expect(url.path == "/state/dojo/trajectories/titanic-2025-12-03T082000Z-ab12cd.dojo.jsonl")
        #expect(TrajectoryNaming.stem(of: url) == "titanic-2025-12-03T082000Z-ab12cd")
        let run = URL(fileURLWithPath: "/runs/run.dojo.jsonl")
        #expect(TrajectoryNaming.numbered(run, 1) == run)
        #expect(TrajectoryNaming.numbered(run, 3).path == "/runs/run.3.dojo.jsonl")
        #expect(TrajectoryNaming.sibling(of: run, ending: ".agent.log").path == "/runs/run.agent.log")
        #expect(TrajectoryNaming.sibling(of: run, ending: ".dojo-notes.jsonl").path == "/runs/run.dojo-notes.jsonl")
        // Another ending keeps the whole name as the stem.
        #expect(TrajectoryNaming.sibling(of: URL(fileURLWithPath: "/runs/log.jsonl"), ending: ".agent.log").path == "/runs/log.jsonl.agent.log")
    }
}
