import DojoKit
import Foundation

/// Drives a program in a private tmux server (its own socket), for end-to-end terminal tests.
/// Always call `kill()` (use `defer`).
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    public let name = "dojo"

    /// Starts `command` (run by /bin/sh) in a detached session of `width`×`height`.
    public init(command: String, width: Int, height: Int, environment: [String: String] = [:]) throws {
        socket = "dojo-test-\(UUID().uuidString.prefix(8).lowercased())"
        let exports = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "env \(exports) \(command); echo EXITED=$?; sleep 600"],
                 capture: false)
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    public func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        // The runner returns when the client exits, even though the server it starts keeps our pipes.
        let outcome = try SystemProcessRunner().run(ProcessSpec(
            executable: "/usr/bin/tmux", arguments: ["-L", socket, "-f", "/dev/null"] + arguments,
            environment: ProcessInfo.processInfo.environment, timeout: 30, outputCap: 1 << 20))
        return outcome.stdout.text
    }

    /// Sends keys by tmux name (`F5`, `C-q`, `Enter`, `S-Left`).
    public func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Types text literally.
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    /// Pastes text as a bracketed paste.
    public func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "dojo", text])
        try tmux(["paste-buffer", "-p", "-d", "-b", "dojo", "-t", name])
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    public func capture() -> String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    /// Polls the screen until `predicate` holds or `timeout` seconds pass; returns the last screen.
    @discardableResult
    public func waitFor(timeout: Double = 60, _ predicate: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() > deadline { return (false, screen) }
            Thread.sleep(forTimeInterval: 0.1)
            screen = capture()
        }
        return (true, screen)
    }

    public func waitFor(_ text: String, timeout: Double = 60) -> (ok: Bool, screen: String) {
        waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// The pid of the program in the pane (the shell's child).
    public func programPID() -> Int32? {
        guard let shell = Int32((try? tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else { return nil }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let env = children.split(separator: " ").compactMap { Int32($0) }.first
        return env
    }

    public func kill() { _ = try? tmux(["kill-server"]) }
}
