import CDojoSys
import DojoKit
import DojoTesting
import Foundation
import Synchronization
import Testing

/// The grader's copy of the submission: regular files only, no link followed, even while another
/// thread swaps the file with a link to a secret as fast as it can (issue 11, item 2).
@Suite struct SubmissionSnapshotTests {
    final class Race: Sendable {
        let stop = Atomic<Bool>(false)
        let swaps = Atomic<Int>(0)
    }

    func workspace(_ temp: TemporaryDirectory) throws -> Workspace {
        let workspace = Workspace(episodeDirectory: temp.file("episode"))
        try FileManager.default.createDirectory(at: workspace.submissionDirectory, withIntermediateDirectories: true)
        return workspace
    }

    @Test func aRegularFileIsCopiedAndTheRestRefused() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let workspace = try workspace(temp)
        let missing = SubmissionSnapshot.take(of: workspace)
        #expect(missing.problem == nil && !FileManager.default.fileExists(atPath: missing.file.path))

        try "id,y\n1,2\n".write(to: workspace.submissionFile, atomically: true, encoding: .utf8)
        let copy = SubmissionSnapshot.take(of: workspace)
        #expect(copy.problem == nil)
        #expect(try String(contentsOf: copy.file, encoding: .utf8) == "id,y\n1,2\n")
        #expect(!copy.file.path.hasPrefix(workspace.root.path))
        copy.remove()

        let tooLarge = SubmissionSnapshot.take(of: workspace, maxBytes: 4)
        #expect(tooLarge.problem?.contains("was not graded") == true)
        #expect(!FileManager.default.fileExists(atPath: tooLarge.file.path))

        try FileManager.default.removeItem(at: workspace.submissionFile)
        let secret = temp.write("secret.csv", "SECRET\n")
        try FileManager.default.createSymbolicLink(at: workspace.submissionFile, withDestinationURL: secret)
        let link = SubmissionSnapshot.take(of: workspace)
        #expect(link.problem?.contains("was a symbolic link") == true)
        #expect(!FileManager.default.fileExists(atPath: link.file.path))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: workspace.submissionFile.path)) == nil, "the link was removed")

        #expect(mkfifo(workspace.submissionFile.path, 0o600) == 0)
        let fifo = SubmissionSnapshot.take(of: workspace)
        #expect(fifo.problem?.contains("was a FIFO") == true)
    }

    @Test func aSwapRaceNeverYieldsTheLinkedFile() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let workspace = try workspace(temp)
        let secret = temp.write("secret.csv", "SECRET,1\n")
        try "id,y\n1,2\n".write(to: workspace.submissionFile, atomically: true, encoding: .utf8)
        let link = workspace.submissionDirectory.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: secret)
        let race = Race()
        let (file, other) = (workspace.submissionFile.path, link.path)
        let swapper = Thread {
            while !race.stop.load(ordering: .relaxed) {
                if dojo_rename_exchange(file, other) == 0 { race.swaps.add(1, ordering: .relaxed) }
            }
        }
        swapper.start()
        var leaked = 0
        var copied = 0
        for _ in 0..<300 {
            let snapshot = SubmissionSnapshot.take(of: workspace)
            if let text = try? String(contentsOf: snapshot.file, encoding: .utf8) {
                copied += 1
                if text.contains("SECRET") { leaked += 1 }
            }
            snapshot.remove()
            // A removed link or file comes back, so the race goes on.
            if !FileManager.default.fileExists(atPath: workspace.submissionFile.path) {
                try? "id,y\n1,2\n".write(to: workspace.submissionFile, atomically: false, encoding: .utf8)
            }
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == nil && !FileManager.default.fileExists(atPath: link.path) {
                try? FileManager.default.createSymbolicLink(at: link, withDestinationURL: secret)
            }
        }
        race.stop.store(true, ordering: .relaxed)
        while !swapper.isFinished { usleep(1000) }
        #expect(leaked == 0, "\(leaked) of \(copied) copies held the linked file")
        #expect(race.swaps.load(ordering: .relaxed) > 0)
    }

    @Test func theSeccompProgramFitsAndEndsByAllowing() {
        let size = dojo_seccomp_program(nil, 0)
        #expect(size > 0 && size % 8 == 0 && size / 8 < 4096)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        #expect(dojo_seccomp_program(&bytes, UInt(size)) == size)
        // The last instruction is BPF_RET|BPF_K (0x06) with SECCOMP_RET_ALLOW (0x7fff0000).
        #expect(bytes[bytes.count - 8] == 0x06 && Array(bytes[(bytes.count - 4)...]) == [0x00, 0x00, 0xff, 0x7f])
        let fd = dojo_seccomp_fd()
        #expect(fd >= 0)
        if fd >= 0 { close(fd) }
    }
}
