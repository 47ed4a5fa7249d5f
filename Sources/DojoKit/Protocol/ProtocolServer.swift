import CDojoSys
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Serves the agent protocol on a Unix socket or a loopback TCP port; each connection is its own
/// session (and episode), on its own thread, so many agents run at once.
public final class ProtocolServer: Sendable {
    public enum Address: Sendable, Equatable, CustomStringConvertible {
        case unix(String)
        /// Port 0 picks a free one.
        case tcp(port: UInt16)

        public var description: String {
            switch self {
            case .unix(let path): "unix:\(path)"
            case .tcp(let port): "tcp:127.0.0.1:\(port)"
            }
        }
    }

    private let requested: Address
    private let makeSession: @Sendable () -> ProtocolSession
    private let listener = Mutex<Int32>(-1)
    private let connections = Atomic<Int>(0)
    private let active = Atomic<Int>(0)
    private let refused = Atomic<Int>(0)
    /// Connections served at once; one more is answered with an error and closed.
    public let maxConnections: Int
    public static let defaultMaxConnections = 16

    public init(address: Address, maxConnections: Int = ProtocolServer.defaultMaxConnections,
                makeSession: @escaping @Sendable () -> ProtocolSession) {
        self.requested = address
        self.maxConnections = max(1, maxConnections)
        self.makeSession = makeSession
    }

    /// Number of connections served so far.
    public var connectionCount: Int { connections.load(ordering: .relaxed) }
    /// Connections open now.
    public var activeConnections: Int { active.load(ordering: .relaxed) }
    /// Connections refused because the server was at its limit.
    public var refusedConnections: Int { refused.load(ordering: .relaxed) }

    /// Binds, starts accepting on a background thread, and returns the address actually bound.
    @discardableResult
    public func start() throws(DojoError) -> Address {
        dojo_ignore_sigpipe()
        let (fd, bound) = try Self.bind(requested)
        listener.withLock { $0 = fd }
        let thread = Thread { [self] in self.acceptLoop(fd) }
        thread.stackSize = 1 << 20
        thread.start()
        return bound
    }

    public func stop() {
        listener.withLock { fd in
            if fd >= 0 {
                shutdown(fd, Int32(SHUT_RDWR))
                close(fd)
            }
            fd = -1
        }
        if case .unix(let path) = requested { unlink(path) }
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            if active.add(1, ordering: .relaxed).newValue > maxConnections {
                active.subtract(1, ordering: .relaxed)
                refused.add(1, ordering: .relaxed)
                let message = "dojo serve is at its limit of \(maxConnections) connection\(maxConnections == 1 ? "" : "s"); "
                    + "try again when one closes (the server's --max-connections sets the limit)"
                _ = Self.send(RPCCodec.error(id: nil, RPCError(.tooManyConnections, message)), to: client)
                shutdown(client, Int32(SHUT_RDWR))
                close(client)
                continue
            }
            connections.add(1, ordering: .relaxed)
            let thread = Thread { [self] in self.serve(client) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        let session = makeSession()
        var lines = MessageLines()
        var buffer = [UInt8](repeating: 0, count: 65536)
        defer {
            session.close(reason: "connection closed")
            close(fd)
            active.subtract(1, ordering: .relaxed)
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            for piece in lines.feed(buffer[0..<count]) {
                let answer: Data? = switch piece {
                case .message(let line): session.handle(line)
                case .tooLong: MessageLines.tooLongError()
                }
                if let answer, !Self.send(answer, to: fd) { return }
                if session.closed { return }
            }
        }
    }

    static func send(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let sent = Glibc.send(fd, buffer.baseAddress?.advanced(by: offset), buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    static func bind(_ address: Address) throws(DojoError) -> (Int32, Address) {
        switch address {
        case .unix(let path):
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw DojoError(.io, "cannot create a socket: \(String(cString: strerror(errno)))") }
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else {
                close(fd)
                throw DojoError(.usage, "the socket path is too long (\(bytes.count) bytes)", at: path, hint: "use a shorter path")
            }
            withUnsafeMutableBytes(of: &addr.sun_path) { raw in
                for (index, byte) in bytes.enumerated() { raw[index] = byte }
            }
            // A socket file left by an earlier server that is gone would make bind fail.
            if access(path, F_OK) == 0 { unlink(path) }
            // Only this user may connect: the socket is created 0600 (umask during bind, then chmod to be sure).
            let saved = umask(0o177)
            let result = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            umask(saved)
            guard result == 0, chmod(path, 0o600) == 0, listen(fd, 128) == 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw DojoError(.io, "cannot listen on the socket: \(reason)", at: path)
            }
            return (fd, address)
        case .tcp(let port):
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw DojoError(.io, "cannot create a socket: \(String(cString: strerror(errno)))") }
            var yes: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = port.bigEndian
            addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // loopback only: agents are local
            let result = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0, listen(fd, 128) == 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw DojoError(.io, "cannot listen on 127.0.0.1:\(port): \(reason)", hint: "choose another --port")
            }
            var bound = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return (fd, .tcp(port: UInt16(bigEndian: bound.sin_port)))
        }
    }
}
