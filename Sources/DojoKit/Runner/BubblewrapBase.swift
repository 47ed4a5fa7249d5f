import Foundation

/// What the episode sandbox and the tool sandbox both start from (docs/sandbox.md): every namespace new, an
/// unprivileged user, no capabilities, the seccomp filter, and the host's system read-only.
enum BubblewrapBase {
    /// The linker's and the clock's files, which every Python needs.
    static let systemFiles = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/alternatives"]

    /// bwrap's options up to the system binds; `seccompDescriptor` is where the spawner put the filter,
    /// `extraFiles` more of /etc bound read-only where they exist.
    static func arguments(seccompDescriptor: Int, extraFiles: [String] = []) -> [String] {
        var args = ["--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000", "--hostname", "dojo",
                    "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--seccomp", "\(seccompDescriptor)",
                    "--ro-bind", "/usr", "/usr"]
        let manager = FileManager.default
        // Merged-/usr systems have /bin, /lib… as links into /usr; older ones as folders.
        for top in ["bin", "sbin", "lib", "lib32", "lib64", "libx32"] {
            let path = "/" + top
            if let target = try? manager.destinationOfSymbolicLink(atPath: path) {
                args += ["--symlink", target, path]
            } else if manager.fileExists(atPath: path) {
                args += ["--ro-bind", path, path]
            }
        }
        for file in systemFiles + extraFiles {
            args += ["--ro-bind-try", file, file]
        }
        return args
    }
}
