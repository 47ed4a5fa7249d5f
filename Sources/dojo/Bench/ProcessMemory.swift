import Foundation

/// This process's resident memory, from /proc/self/status (Linux): now and the peak since the last reset.
struct ProcessMemory {
    var resident: UInt64
    var peak: UInt64

    static func current() -> ProcessMemory {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> UInt64 {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { UInt64($0) }
            return (kilobytes ?? 0) * 1024
        }
        return ProcessMemory(resident: field("VmRSS"), peak: field("VmHWM"))
    }

    /// Makes the peak start again from the current size ("5" resets VmHWM), so phases are measured apart.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
