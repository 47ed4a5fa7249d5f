import Foundation

/// DOJO_FRAME_STATS=FILE: key-to-flushed-frame times, written as one summary line when the session
/// ends (the speed check under a real terminal).
struct FrameStats {
    let file: String?
    private var milliseconds: [Double] = []

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        file = environment["DOJO_FRAME_STATS"]
    }

    var isOn: Bool { file != nil }

    mutating func record(_ value: Double) { milliseconds.append(value) }

    func write() {
        guard let file, !milliseconds.isEmpty else { return }
        let sorted = milliseconds.sorted()
        let text = String(format: "frames %d median %.3f ms p95 %.3f ms max %.3f ms\n", sorted.count, sorted[sorted.count / 2],
                          sorted[min(sorted.count - 1, sorted.count * 95 / 100)], sorted[sorted.count - 1])
        try? text.write(toFile: file, atomically: true, encoding: .utf8)
    }
}
