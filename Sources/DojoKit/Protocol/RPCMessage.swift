import Foundation

/// JSON-RPC 2.0 pieces of the agent protocol (DESIGN §8): one message per line, UTF-8.
public enum RPCErrorCode: Int, Sendable, Codable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    /// The episode has ended (budget, close); only `reset` may follow.
    case episodeEnded = -32000
    /// A step was sent before `reset`.
    case noEpisode = -32001
    /// The message is longer than the protocol's limit.
    case messageTooLarge = -32002
}

public struct RPCError: Error, Sendable, Equatable, Codable {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(_ code: RPCErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code.rawValue
        self.message = message
        self.data = data
    }
}

/// A request or notification from the agent, as far as it could be read.
public struct RPCRequest: Sendable, Equatable {
    /// Absent for notifications (no reply is sent).
    public var id: JSONValue?
    public var method: String
    public var params: JSONValue?
    public var isNotification: Bool
}

/// Encodes replies; every line ends in "\n" and never contains a raw newline inside.
public enum RPCCodec {
    /// The longest line accepted from an agent, in bytes.
    public static let maxMessageBytes = 8 << 20

    public static func decode(_ line: Data) -> Result<RPCRequest, RPCError> {
        if line.count > maxMessageBytes {
            return .failure(RPCError(.messageTooLarge, "message of \(line.count) bytes exceeds the limit of \(maxMessageBytes) bytes"))
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: line)
        } catch {
            return .failure(RPCError(.parseError, "not valid JSON: \(Self.describe(error))"))
        }
        guard case .object(let object) = value else {
            return .failure(RPCError(.invalidRequest, "a request must be a JSON object"))
        }
        guard object["jsonrpc"] == .string("2.0") else {
            return .failure(RPCError(.invalidRequest, "\"jsonrpc\" must be \"2.0\"", data: object["id"]))
        }
        guard case .string(let method) = object["method"] else {
            return .failure(RPCError(.invalidRequest, "\"method\" must be a string", data: object["id"]))
        }
        let id = object["id"]
        if let id {
            switch id {
            case .string, .number, .null: break
            default: return .failure(RPCError(.invalidRequest, "\"id\" must be a string, a number or null"))
            }
        }
        if let params = object["params"] {
            switch params {
            case .object, .array: break
            default: return .failure(RPCError(.invalidRequest, "\"params\" must be an object or an array", data: id))
            }
        }
        return .success(RPCRequest(id: id, method: method, params: object["params"], isNotification: id == nil))
    }

    public static func result(id: JSONValue?, _ result: some Encodable) -> Data {
        line(["jsonrpc": AnyEncodable("2.0"), "id": AnyEncodable(id ?? .null), "result": AnyEncodable(result)])
    }

    public static func error(id: JSONValue?, _ error: RPCError) -> Data {
        line(["jsonrpc": AnyEncodable("2.0"), "id": AnyEncodable(id ?? .null), "error": AnyEncodable(error)])
    }

    static func line(_ object: [String: AnyEncodable]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var data = (try? encoder.encode(object)) ?? Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"cannot encode the reply"}}"#.utf8)
        data.append(0x0A)
        return data
    }

    static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        }
        return "\(error)"
    }
}

/// Type erasure for heterogeneous reply members.
struct AnyEncodable: Encodable {
    private let encodeValue: (Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}
