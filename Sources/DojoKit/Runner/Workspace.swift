import CDojoSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An episode's workspace (docs/sandbox.md, "What the code sees"): `input/` (public files), `working/`, `submission/`.
public struct Workspace: Sendable, Equatable {
    /// The episode folder; the workspace is its `workspace/` child, the step scripts live beside it.
    public let episodeDirectory: URL

    public var root: URL { episodeDirectory.appendingPathComponent("workspace") }
    public var input: URL { root.appendingPathComponent("input") }
    public var working: URL { root.appendingPathComponent("working") }
    public var submissionDirectory: URL { root.appendingPathComponent("submission") }
    public var submissionFile: URL { submissionDirectory.appendingPathComponent("submission.csv") }
    /// Step scripts are kept outside the workspace so the code's own folder listing stays clean.
    public var scriptsDirectory: URL { episodeDirectory.appendingPathComponent("code") }

    public init(episodeDirectory: URL) {
        self.episodeDirectory = episodeDirectory
    }

    /// Makes a fresh workspace with a read-only copy of the public files.
    public static func create(in parent: URL, name: String, publicFiles: URL) throws(DojoError) -> Workspace {
        let workspace = Workspace(episodeDirectory: parent.appendingPathComponent(name))
        let manager = FileManager.default
        try? manager.removeItem(at: workspace.episodeDirectory)
        for folder in [workspace.root, workspace.working, workspace.submissionDirectory, workspace.scriptsDirectory] {
            try manager.createDirectoryIfNeeded(folder)
        }
        do {
            try manager.copyItem(at: publicFiles, to: workspace.input)
        } catch {
            throw DojoError(.io, "cannot copy the public files into the workspace: \(error.localizedDescription)",
                            at: workspace.input.path)
        }
        // Read-only for the code; the sandbox issue enforces it with a read-only bind.
        for path in FileDigest.files(under: workspace.input) {
            try? manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: workspace.input.appendingPathComponent(path).path)
        }
        try? manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: workspace.input.path)
        return workspace
    }

    /// Removes the submission of the previous step, so a step is graded on what it wrote itself.
    public func clearSubmission() {
        try? FileManager.default.removeItem(at: submissionFile)
    }

    /// The code could leave a symbolic link (to any host path, such as the private answers), a FIFO
    /// (that would block the grader) or a folder where the submission belongs; the grader only ever
    /// reads a regular file. Anything else is removed, and the reason returned.
    public func removeUnsafeSubmission() -> String? {
        var info = stat()
        guard lstat(submissionFile.path, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFREG { return nil }
        let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a folder" : kind == S_IFIFO ? "a FIFO" : "not a regular file"
        if kind == S_IFDIR {
            try? FileManager.default.removeItem(at: submissionFile)
        } else {
            _ = dojo_unlink_in(submissionDirectory.path, "submission.csv")
        }
        return "submission/submission.csv was \(what), which is never graded, and was removed; write a regular file."
    }

    public func remove() {
        // The episode's tmpfs (EpisodeVolume) and its binds go first, or the removal would stop at them.
        EpisodeVolume.unmount(episodeDirectory: episodeDirectory)
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: input.path)
        try? FileManager.default.removeItem(at: episodeDirectory)
    }
}
