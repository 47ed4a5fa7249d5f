import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Appends a trajectory: each event is one line written straight to the file, so a step is on disk
/// before its observation is returned, and a crash leaves at most a torn last line.
public final class TrajectoryWriter: Sendable {
    public let url: URL
    private let descriptor: Mutex<Int32>

    /// Creates the file (refusing to overwrite one) and writes the header.
    public init(url: URL, header: TrajectoryHeader) throws(DojoError) {
        self.url = url
        try FileManager.default.createDirectoryIfNeeded(url.deletingLastPathComponent())
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw DojoError(.trajectory, "cannot create the trajectory: \(reason)", at: url.path,
                            hint: errno == EEXIST ? "choose another --trajectory path; trajectories are never overwritten" : nil)
        }
        descriptor = Mutex(fd)
        try write(header)
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { Glibc.close(fd) }
        }
    }

    public func append(_ event: TrajectoryEvent) throws(DojoError) {
        switch event {
        case .step(let record): try write(record)
        case .note(let record): try write(record)
        case .control(let record): try write(record)
        case .end(let record): try write(record)
        }
    }

    public func close() {
        descriptor.withLock { fd in
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }

    private func write(_ value: some Encodable) throws(DojoError) {
        var line: Data
        do {
            line = try Self.encoder.encode(value)
        } catch {
            throw DojoError(.trajectory, "cannot encode an event: \(error)", at: url.path)
        }
        line.append(0x0A)
        let failure: Int32? = descriptor.withLock { fd in fd >= 0 ? Self.writeAll(line, to: fd) : EBADF }
        if let failure {
            throw DojoError(.trajectory, "cannot write the trajectory: \(String(cString: strerror(failure)))", at: url.path,
                            hint: "check the disk space and permissions")
        }
    }

    /// Writes every byte (retrying short writes and EINTR); the errno of a failure, or nil.
    static func writeAll(_ data: Data, to fd: Int32) -> Int32? {
        data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }
}
