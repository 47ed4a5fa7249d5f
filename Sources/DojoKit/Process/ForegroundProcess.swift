import CDojoSys
import Foundation

/// Runs a full-screen program on this terminal and waits for it: the child stays in our process
/// group, which is the terminal's foreground group, so it can read the keyboard. (Foundation's
/// `Process` puts the child in a group of its own, where reading the terminal stops or fails.)
public enum ForegroundProcess {
    /// The child's exit status, or 128 + the signal that ended it.
    public static func run(_ executable: URL, arguments: [String],
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws(DojoError) -> Int32 {
        let argv = [executable.path] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        let argvPointers = argv.map { strdup($0) } + [nil]
        let envPointers = envp.map { strdup($0) } + [nil]
        let pid = dojo_spawn_foreground(executable.path, argvPointers, envPointers)
        for pointer in argvPointers + envPointers { free(pointer) }
        guard pid > 0 else {
            throw DojoError(.process, "cannot start the program: \(String(cString: strerror(-pid)))", at: executable.path)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw DojoError(.process, "cannot wait for the program: \(String(cString: strerror(errno)))", at: executable.path)
            }
        }
        if dojo_wifexited(status) != 0 { return dojo_wexitstatus(status) }
        return 128 + dojo_wtermsig(status)
    }
}
