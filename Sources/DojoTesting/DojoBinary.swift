import DojoKit
import Foundation

/// Runs the real `dojo` executable built beside the test bundle.
public struct DojoBinary: Sendable {
    public let url: URL

    public init() {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // The test bundle may be a folder (…/DojoPackageTests.xctest/…) a level or two below the products.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("dojo")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { break }
            directory = directory.deletingLastPathComponent()
        }
        url = directory.appendingPathComponent("dojo")
    }

    /// The repository root, found from this file's path.
    public static func repositoryRoot() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public func run(_ arguments: [String], timeout: Double = 600, environment extra: [String: String] = [:],
                    in directory: URL? = nil) throws -> ProcessOutcome {
        var environment = ProcessInfo.processInfo.environment
        environment["DOJO_TASKS"] = Self.repositoryRoot().appendingPathComponent("Tasks").path
        for (key, value) in extra { environment[key] = value }
        return try SystemProcessRunner().run(ProcessSpec(
            executable: url.path, arguments: arguments, environment: environment,
            workingDirectory: directory, timeout: timeout, outputCap: 8 << 20))
    }
}
