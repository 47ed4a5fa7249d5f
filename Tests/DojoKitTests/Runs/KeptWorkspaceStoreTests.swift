import DojoKit
import DojoTesting
import Foundation
import Testing

@Suite struct KeptWorkspaceStoreTests {
    func kept(_ store: KeptWorkspaceStore, _ id: String, task: String, at: String) throws -> KeptWorkspace {
        let workspace = KeptWorkspace(id: id, task: task, seed: 42, trajectory: nil, keptAt: at, steps: 1, best: nil, metric: "rmse",
                                      hasBestSubmission: false, hasSolution: false, savedAs: nil, workingFiles: 0, workingBytes: 0,
                                      skipped: 0, resumedFrom: nil, directory: try store.folder(for: id))
        try store.write(workspace)
        return workspace
    }

    @Test func listFindCleanAndRemove() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let store = KeptWorkspaceStore(directory: temp.file("workspaces"))
        #expect(store.list().isEmpty)
        _ = try kept(store, "titanic-20261201-100000-aaaa1111", task: "titanic", at: "2026-12-01T10:00:00Z")
        _ = try kept(store, "titanic-20261203-100000-bbbb2222", task: "titanic", at: "2026-12-03T10:00:00Z")
        _ = try kept(store, "penguins-20261202-100000-cccc3333", task: "penguins", at: "2026-12-02T10:00:00Z")
        // A folder without a manifest is not a kept workspace.
        try FileManager.default.createDirectory(at: temp.file("workspaces/stray"), withIntermediateDirectories: true)

        #expect(store.list().map(\.id) == ["titanic-20261203-100000-bbbb2222", "penguins-20261202-100000-cccc3333", "titanic-20261201-100000-aaaa1111"])
        #expect(store.latest(task: "titanic")?.id == "titanic-20261203-100000-bbbb2222")
        #expect(store.latest(task: "diamonds") == nil)
        #expect(try store.find("penguins").id == "penguins-20261202-100000-cccc3333")
        #expect(throws: DojoError.self) { try store.find("titanic") }
        #expect(throws: DojoError.self) { try store.find("nope") }

        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-03T12:00:00Z"))
        let old = store.older(than: try KeptWorkspaceStore.parseAge("1d"), now: now)
        #expect(old.map(\.id) == ["penguins-20261202-100000-cccc3333", "titanic-20261201-100000-aaaa1111"])
        for workspace in old { try store.remove(workspace) }
        #expect(store.list().map(\.id) == ["titanic-20261203-100000-bbbb2222"])
    }

    @Test func agesHaveAUnit() throws {
        #expect(try KeptWorkspaceStore.parseAge("7d") == 7 * 86_400)
        #expect(try KeptWorkspaceStore.parseAge("12h") == 12 * 3600)
        #expect(try KeptWorkspaceStore.parseAge("1.5m") == 90)
        #expect(try KeptWorkspaceStore.parseAge("2w") == 14 * 86_400)
        for bad in ["7", "d", "-1d", "7y", ""] {
            #expect(throws: DojoError.self) { try KeptWorkspaceStore.parseAge(bad) }
        }
    }
}
