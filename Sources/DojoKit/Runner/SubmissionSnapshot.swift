import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A copy of `submission/submission.csv` taken after every process of the step is gone, in a folder
/// the sandbox cannot see (`<episode>/graded/`), for the grader to read: nothing the code left running
/// could swap the file for a link to the answers (or any host file) between a check and the read.
/// The copy follows no symbolic link (`dojo_snapshot_file`: a folder fd opened O_NOFOLLOW, openat
/// O_NOFOLLOW, fstat), takes regular files only and at most `maxBytes`.
public struct SubmissionSnapshot: Sendable {
    /// Where the copy is; the file does not exist when there was nothing gradable (the grader then
    /// reports a missing submission).
    public let file: URL
    /// Why the submission was not copied (a link, FIFO or folder, removed; or too large), for the feedback.
    public let problem: String?

    /// The largest submission copied by default (1 GB): far beyond any task's, below what a host copies in seconds.
    public static let defaultMaxBytes: Int64 = 1 << 30

    /// With `sizedPlaceholder`, a file over `maxBytes` leaves a sparse file of its size in the copy's place
    /// (no data, no disk), so a grader that refuses by size (`IsolatedGrader`) reports it as too large.
    public static func take(of workspace: Workspace, maxBytes: Int64 = defaultMaxBytes,
                            sizedPlaceholder: Bool = false) -> SubmissionSnapshot {
        let folder = workspace.episodeDirectory.appendingPathComponent("graded")
        let file = folder.appendingPathComponent("submission.csv")
        mkdir(folder.path, 0o700)
        unlink(file.path)
        var kind: Int32 = 0
        var size: Int64 = 0
        let result = dojo_snapshot_file(workspace.submissionDirectory.path, "submission.csv", file.path, maxBytes, &kind, &size)
        switch result {
        case DOJO_SNAPSHOT_OK, DOJO_SNAPSHOT_MISSING:
            return SubmissionSnapshot(file: file, problem: nil)
        case DOJO_SNAPSHOT_NOT_REGULAR:
            let mode = mode_t(kind)
            let what = mode == S_IFLNK ? "a symbolic link" : mode == S_IFDIR ? "a folder" : mode == S_IFIFO ? "a FIFO" : "not a regular file"
            if mode == S_IFDIR { try? FileManager.default.removeItem(at: workspace.submissionFile) }
            return SubmissionSnapshot(file: file, problem: "submission/submission.csv was \(what), which is never graded, and was removed; write a regular file.")
        case DOJO_SNAPSHOT_TOO_LARGE:
            if sizedPlaceholder {
                let fd = open(file.path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
                if fd >= 0 {
                    let sized = ftruncate(fd, off_t(size)) == 0
                    close(fd)
                    if sized { return SubmissionSnapshot(file: file, problem: nil) }
                    unlink(file.path)
                }
            }
            return SubmissionSnapshot(file: file, problem: "submission/submission.csv is \(size / (1 << 20)) MB, over the \(maxBytes / (1 << 20)) MB "
                + "the grader reads, and was not graded; write one row per test id.")
        default:
            return SubmissionSnapshot(file: file, problem: "submission/submission.csv could not be read for grading (\(String(cString: strerror(-result)))).")
        }
    }

    /// Removes the copy.
    public func remove() {
        unlink(file.path)
    }
}
