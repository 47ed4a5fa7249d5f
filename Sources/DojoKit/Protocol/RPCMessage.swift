import Foundation

/// JSON-RPC 2.0 pieces of the agent protocol (docs/protocol.md): one message per line, UTF-8.
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
    /// `dojo serve --port` needs the token first (`auth`, or `token` in reset's params).
    case notAuthenticated = -32003
    /// `dojo serve` is at its connection limit.
    case tooManyConnections = -32004
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
    public var hasParams: Bool
    public var isNotification: Bool
    /// The whole line, decoded again into the method's typed params (one pass, no detour).
    public var raw: Data
}

/// Encodes replies; every line ends in "\n" and never contains a raw newline inside.
public enum RPCCodec {
    /// The longest line accepted from an agent, in bytes.
    public static let maxMessageBytes = 8 << 20

    /// Only the envelope's fields; the params are decoded later into their own type.
    private struct Envelope: Decodable {
        var jsonrpc: JSONValue?
        var id: JSONValue?
        var hasID: Bool
        var method: JSONValue?
        var hasParams: Bool

        enum CodingKeys: String, CodingKey { case jsonrpc, id, method, params }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            jsonrpc = try c.decodeIfPresent(JSONValue.self, forKey: .jsonrpc)
            hasID = c.contains(.id)
            id = hasID ? try c.decode(JSONValue.self, forKey: .id) : nil
            method = try c.decodeIfPresent(JSONValue.self, forKey: .method)
            hasParams = c.contains(.params)
        }
    }

    public static func decode(_ line: Data) -> Result<RPCRequest, RPCError> {
        if line.count > maxMessageBytes {
            return .failure(RPCError(.messageTooLarge, "message of \(line.count) bytes exceeds the limit of \(maxMessageBytes) bytes"))
        }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: line)
        } catch DecodingError.typeMismatch {
            return .failure(RPCError(.invalidRequest, "a request must be a JSON object"))
        } catch {
            return .failure(RPCError(.parseError, "not valid JSON: \(Self.describe(error))"))
        }
        guard envelope.jsonrpc == .string("2.0") else {
            return .failure(RPCError(.invalidRequest, "\"jsonrpc\" must be \"2.0\"", data: envelope.id))
        }
        guard case .string(let method) = envelope.method else {
            return .failure(RPCError(.invalidRequest, "\"method\" must be a string", data: envelope.id))
        }
        if let id = envelope.id {
            switch id {
            case .string, .number, .null: break
            default: return .failure(RPCError(.invalidRequest, "\"id\" must be a string, a number or null"))
            }
        }
        return .success(RPCRequest(id: envelope.hasID ? (envelope.id ?? .null) : nil, method: method,
                                   hasParams: envelope.hasParams, isNotification: !envelope.hasID, raw: line))
    }

    public static func result(id: JSONValue?, _ result: some Encodable, encoder: JSONEncoder = makeEncoder()) -> Data {
        line(["jsonrpc": AnyEncodable("2.0"), "id": AnyEncodable(id ?? .null), "result": AnyEncodable(result)], encoder: encoder)
    }

    public static func error(id: JSONValue?, _ error: RPCError, encoder: JSONEncoder = makeEncoder()) -> Data {
        line(["jsonrpc": AnyEncodable("2.0"), "id": AnyEncodable(id ?? .null), "error": AnyEncodable(error)], encoder: encoder)
    }

    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    static func line(_ object: [String: AnyEncodable], encoder: JSONEncoder) -> Data {
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
