import DojoKit
import DojoTesting
import Foundation
import Testing

/// The episode's size-limited tmpfs: mounted under working/ and submission/ with what they held,
/// found again by a later sandbox, full with ENOSPC at its size, gone with the workspace.
@Suite struct EpisodeVolumeTests {
    @Test(.enabled(if: getuid() == 0)) func mountsKeepsFilesStopsAtItsSizeAndUnmounts() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let publicFiles = temp.file("public")
        try FileManager.default.createDirectory(at: publicFiles, withIntermediateDirectories: true)
        temp.write("public/train.csv", "id\n1\n")
        let workspace = try Workspace.create(in: temp.url, name: "episode", publicFiles: publicFiles)
        try "before".write(to: workspace.working.appendingPathComponent("kept.txt"), atomically: true, encoding: .utf8)
        let volume = try #require(EpisodeVolume.mount(for: workspace, sizeMB: 8))
        #expect(try String(contentsOf: workspace.working.appendingPathComponent("kept.txt"), encoding: .utf8) == "before")
        #expect(EpisodeVolume.mount(for: workspace, sizeMB: 8)?.directory.path == volume.directory.path)
        let big = workspace.working.appendingPathComponent("big.bin")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        var failed = false
        do {
            for _ in 0..<16 { try handle.write(contentsOf: Data(count: 1 << 20)) }
        } catch {
            failed = true
        }
        try? handle.close()
        #expect(failed, "wrote 16 MB on an 8 MB volume")
        #expect(volume.isFull())
        workspace.remove()
        #expect(!FileManager.default.fileExists(atPath: workspace.episodeDirectory.path))
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        #expect(!mounts.contains(workspace.episodeDirectory.path))
    }
}
