import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process named so that a reused pid is not mistaken for it: its pid and its start time (clock
/// ticks after boot, field 22 of `/proc/PID/stat`). Written into the names of the cgroups a `dojo`
/// makes, so the next run can tell which ones belong to a `dojo` that is gone.
public struct ProcessIdentity: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var startTime: UInt64

    public init(pid: Int32, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }

    /// This process.
    public static let current = ProcessIdentity(pid: getpid(), startTime: startTime(of: getpid()) ?? 0)

    /// `PID.START`, as in cgroup names.
    public var description: String { "\(pid).\(startTime)" }

    /// Parses `PID.START`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, let start = UInt64(parts[1]) else { return nil }
        self.init(pid: pid, startTime: start)
    }

    /// Whether this very process still runs (same pid, same start time).
    public var isAlive: Bool {
        guard let start = Self.startTime(of: pid, procRoot: "/proc") else { return false }
        return start == startTime
    }

    /// The start time of `pid`, nil when there is no such process.
    public static func startTime(of pid: Int32, procRoot: String = "/proc") -> UInt64? {
        guard let text = try? String(contentsOfFile: "\(procRoot)/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm) ": state is field 3, so starttime (field 22) is the 20th after the parenthesis.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
