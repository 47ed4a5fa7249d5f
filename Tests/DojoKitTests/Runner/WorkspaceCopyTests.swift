import DojoKit
import DojoTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct WorkspaceCopyTests {
    /// Only the code's own regular files and folders are copied: links (to the answers, to any host
    /// file) and FIFOs are counted and left out.
    @Test func regularFilesAndFoldersAreCopiedLinksAndFIFOsAreNot() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let source = temp.file("working")
        _ = temp.write("working/a.txt", "abc")
        _ = temp.write("working/deep/er/b.bin", "12345")
        try FileManager.default.createSymbolicLink(atPath: source.appendingPathComponent("answers.csv").path, withDestinationPath: "/etc/hostname")
        try FileManager.default.createSymbolicLink(atPath: source.appendingPathComponent("deep/dir-link").path, withDestinationPath: "/etc")
        #expect(mkfifo(source.appendingPathComponent("pipe").path, 0o600) == 0)
        let summary = try WorkspaceCopy.copyTree(from: source, to: temp.file("copy"))
        #expect(summary == WorkspaceCopy.Summary(files: 2, bytes: 8, skipped: 3))
        #expect(try String(contentsOf: temp.file("copy/deep/er/b.bin"), encoding: .utf8) == "12345")
        let copied = Set(FileManager.default.subpaths(atPath: temp.file("copy").path) ?? [])
        #expect(copied == ["a.txt", "deep", "deep/er", "deep/er/b.bin"])
        // Copying again replaces what is there.
        _ = temp.write("working/a.txt", "new")
        _ = try WorkspaceCopy.copyTree(from: source, to: temp.file("copy"))
        #expect(try String(contentsOf: temp.file("copy/a.txt"), encoding: .utf8) == "new")
    }
}
