import ArgumentParser
import DojoKit
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct BenchServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Steps per second and latency of `dojo serve` for N concurrent clients doing request_info steps.")

    @OptionGroup var common: CommonOptions
    @Option(help: "The task the clients reset to.") var task = "titanic"
    @Option(name: .customLong("clients"), help: "Client counts to measure.") var clientCounts: [Int] = [1, 8, 64]
    @Option(help: "Steps per measurement (split over the clients).") var steps = 40_000

    func run() throws {
        let services = try common.services()
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("dojo-bench-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        // request_info steps never run code, so the sandbox's kind does not matter; none avoids starting one.
        var options = RunnerOptions(sandbox: .none)
        options.maxSteps = Int.max / 2
        let factory = EpisodeFactory(services: services, defaultTask: task, defaultSeed: 42, options: options, trajectories: temp.appendingPathComponent("trajectories"))
        _ = try factory.environment(task: task, seed: nil)
        let socketPath = temp.appendingPathComponent("dojo.sock").path
        let server = ProtocolServer(address: .unix(socketPath)) { ProtocolSession(actor: .agent, factory: factory.environment) }
        try server.start()
        defer { server.stop() }
        print("dojo bench serve: \(task), request_info steps over a Unix socket, every step recorded to its trajectory")
        print("clients   steps    seconds   steps/s   p50 ms   p90 ms   p99 ms")
        for clients in clientCounts {
            let perClient = max(1, steps / clients)
            let result = try Self.measure(socket: socketPath, clients: clients, stepsPerClient: perClient)
            print(String(format: "%7d  %6d  %9.3f  %8.0f  %7.3f  %7.3f  %7.3f", clients, result.steps, result.seconds,
                         Double(result.steps) / result.seconds, result.percentile(0.5), result.percentile(0.9), result.percentile(0.99)))
        }
    }

    struct Result {
        var steps: Int
        var seconds: Double
        var latencies: [Double]

        func percentile(_ p: Double) -> Double {
            let sorted = latencies.sorted()
            guard !sorted.isEmpty else { return .nan }
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
        }
    }

    static func measure(socket path: String, clients: Int, stepsPerClient: Int) throws -> Result {
        let latencies = Mutex<[Double]>([])
        let failures = Mutex<[String]>([])
        let ready = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<clients {
            ready.enter()
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                do {
                    let client = try BenchClient(path: path)
                    _ = try client.call(#"{"jsonrpc":"2.0","id":0,"method":"reset"}"#)
                    ready.leave()
                    go.wait()
                    var mine: [Double] = []
                    mine.reserveCapacity(stepsPerClient)
                    for index in 1...stepsPerClient {
                        let start = ContinuousClock.now
                        let reply = try client.call(#"{"jsonrpc":"2.0","id":\#(index),"method":"step","params":{"type":"request_info","info_type":"name"}}"#)
                        let elapsed = ContinuousClock.now - start
                        if !reply.contains("\"result\"") { throw DojoError(.process, "error reply: \(reply.prefix(200))") }
                        mine.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
                    }
                    latencies.withLock { $0 += mine }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                    ready.leave()
                }
            }
            thread.start()
        }
        ready.wait()
        let start = ContinuousClock.now
        for _ in 0..<clients { go.signal() }
        done.wait()
        let elapsed = ContinuousClock.now - start
        if let failure = failures.withLock({ $0.first }) { throw DojoError(.process, "a bench client failed: \(failure)") }
        let all = latencies.withLock { $0 }
        return Result(steps: all.count, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                      latencies: all)
    }
}

/// A blocking line-per-message client for the benchmark.
final class BenchClient {
    private let fd: Int32
    private var pending: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 65536)

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw DojoError(.io, "cannot connect: \(String(cString: strerror(errno)))", at: path) }
    }

    deinit { close(fd) }

    func call(_ message: String) throws -> String {
        let line = Array((message + "\n").utf8)
        var offset = 0
        while offset < line.count {
            let sent = line.withUnsafeBytes { send(fd, $0.baseAddress?.advanced(by: offset), line.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw DojoError(.io, "send failed") }
            offset += sent
        }
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let reply = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return reply
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw DojoError(.io, "the server closed the connection") }
            pending.append(contentsOf: buffer[0..<count])
        }
    }
}
