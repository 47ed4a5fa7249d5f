import Foundation

/// One agent connection speaking the protocol (docs/protocol.md): it reads request lines, drives its own
/// episode through `Environment`, and answers every request — malformed ones with a JSON-RPC error.
/// Transport-agnostic: the caller feeds lines and writes back what `handle` returns.
public final class ProtocolSession {
    /// Makes the environment for a task id (nil: the session's default) and a seed.
    public typealias EnvironmentFactory = (_ task: String?, _ seed: Int?) throws(DojoError) -> Environment

    private let factory: EnvironmentFactory?
    /// Set when the episode belongs to someone else (co-pilot): reset, step and note go there.
    private let host: (any ProtocolHost)?
    private let actor: Actor
    /// Called after every step with its observation (for progress lines and watchers).
    private let onStep: ((Action, Observation) -> Void)?
    public private(set) var environment: Environment?
    public private(set) var closed = false
    /// Whether the last answer was an error (to spot a flood of bad messages).
    public private(set) var lastReplyWasError = false
    private let encoder = RPCCodec.makeEncoder()
    private let decoder = JSONDecoder()
    /// The token a client must present (`auth`, or `token` in reset's params) before anything else; nil: none needed.
    private let requiredToken: String?
    public private(set) var authenticated: Bool
    private var failedAuthentications = 0
    /// Wrong tokens a connection may send before it is closed.
    public static let authenticationAttempts = 3

    public init(actor: Actor = .agent, token: String? = nil, factory: @escaping EnvironmentFactory,
                onStep: ((Action, Observation) -> Void)? = nil) {
        self.factory = factory
        self.actor = actor
        self.onStep = onStep
        host = nil
        requiredToken = token
        authenticated = token == nil
    }

    /// A session whose episode is hosted elsewhere; the parsing, errors and limits stay the same.
    public init(host: any ProtocolHost) {
        factory = nil
        self.host = host
        actor = .agent
        onStep = nil
        requiredToken = nil
        authenticated = true
    }

    deinit {
        if !closed { environment?.close(reason: "connection closed") }
    }

    struct ResetParams: Decodable {
        var task: String?
        var seed: Int?
        var token: String?
    }

    struct AuthParams: Decodable {
        var token: String
    }

    struct NoteParams: Decodable {
        var text: String
        var data: [String: JSONValue]?
    }

    public struct ResetResult: Encodable, Sendable {
        var observation: Observation
        var task: TaskCard
        var trajectory: String?

        public init(observation: Observation, task: TaskCard, trajectory: String?) {
            self.observation = observation
            self.task = task
            self.trajectory = trajectory
        }
    }

    /// Answers one line; nil for a notification that needs no answer.
    public func handle(_ line: Data) -> Data? {
        let request: RPCRequest
        lastReplyWasError = true
        switch RPCCodec.decode(line) {
        case .success(let decoded): request = decoded
        case .failure(let error):
            return RPCCodec.error(id: error.data.flatMap(Self.validID), RPCError(RPCErrorCode(rawValue: error.code) ?? .invalidRequest, error.message))
        }
        let reply: Result<Data, RPCError> = dispatch(request)
        if case .success = reply { lastReplyWasError = false }
        if request.isNotification {
            return nil
        }
        switch reply {
        case .success(let data): return data
        case .failure(let error): return RPCCodec.error(id: request.id, error, encoder: encoder)
        }
    }

    static let methodList = "the methods are auth, reset, step, note, close and actions"

    private static func validID(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string, .number: value
        default: nil
        }
    }

    private func dispatch(_ request: RPCRequest) -> Result<Data, RPCError> {
        if let host { return dispatch(request, to: host) }
        if request.method == "auth" {
            return decodeParams(AuthParams.self, request, allowMissing: false).flatMap { params in
                authenticate(params.token).map { RPCCodec.result(id: request.id, ["ok": true], encoder: encoder) }
            }
        }
        if !authenticated && request.method != "reset" {
            return .failure(Self.authenticationNeeded)
        }
        switch request.method {
        case "reset":
            return decodeParams(ResetParams.self, request, allowMissing: true).flatMap { params in
                if !authenticated {
                    guard let token = params.token else { return .failure(Self.authenticationNeeded) }
                    if case .failure(let error) = authenticate(token) { return .failure(error) }
                }
                return reset(params, id: request.id)
            }
        case "step":
            if environment == nil { return .failure(RPCError(.noEpisode, "no episode yet: call reset first")) }
            return decodeParams(Action.self, request, allowMissing: false).flatMap { action in
                if let problem = ActionCatalog.problem(with: action) { return .failure(RPCError(.invalidParams, "bad params: \(problem)")) }
                return step(action, id: request.id)
            }
        case "note", "notify":
            return decodeParams(NoteParams.self, request, allowMissing: false).flatMap { params in
                guard let environment else { return .failure(RPCError(.noEpisode, "no episode yet: call reset first")) }
                do {
                    try environment.note(params.text, actor: actor, data: params.data)
                } catch {
                    return .failure(RPCError(.internalError, "\(error)"))
                }
                return .success(RPCCodec.result(id: request.id, ["ok": true], encoder: encoder))
            }
        case "close":
            let path = environment?.trajectory?.url.path
            close(reason: "closed by the agent")
            return .success(RPCCodec.result(id: request.id, ["trajectory": path], encoder: encoder))
        case "actions":
            return .success(RPCCodec.result(id: request.id, ActionCatalog.document, encoder: encoder))
        default:
            return .failure(RPCError(.methodNotFound, "unknown method \"\(request.method)\"; \(Self.methodList)"))
        }
    }

    private func dispatch(_ request: RPCRequest, to host: any ProtocolHost) -> Result<Data, RPCError> {
        let encoder = encoder
        switch request.method {
        case "reset":
            if closed { return .failure(RPCError(.episodeEnded, "this connection is closed")) }
            return decodeParams(ResetParams.self, request, allowMissing: true).flatMap { params in
                host.reset(task: params.task, seed: params.seed).map { RPCCodec.result(id: request.id, $0, encoder: encoder) }
            }
        case "step":
            if closed { return .failure(RPCError(.episodeEnded, "this connection is closed")) }
            return decodeParams(Action.self, request, allowMissing: false).flatMap { action in
                if let problem = ActionCatalog.problem(with: action) { return .failure(RPCError(.invalidParams, "bad params: \(problem)")) }
                if case .reset = action {
                    return host.reset(task: nil, seed: nil).map { RPCCodec.result(id: request.id, $0, encoder: encoder) }
                }
                return host.step(action).map { RPCCodec.result(id: request.id, $0, encoder: encoder) }
            }
        case "note", "notify":
            return decodeParams(NoteParams.self, request, allowMissing: false).flatMap { params in
                host.note(params.text, data: params.data).map { RPCCodec.result(id: request.id, ["ok": true], encoder: encoder) }
            }
        case "close":
            let path = host.trajectoryPath
            close(reason: "closed by the agent")
            return .success(RPCCodec.result(id: request.id, ["trajectory": path], encoder: encoder))
        case "actions":
            return .success(RPCCodec.result(id: request.id, ActionCatalog.document, encoder: encoder))
        default:
            return .failure(RPCError(.methodNotFound, "unknown method \"\(request.method)\"; \(Self.methodList)"))
        }
    }

    static let authenticationNeeded = RPCError(.notAuthenticated,
        "not authenticated: send {\"method\":\"auth\",\"params\":{\"token\":\"…\"}} first (the token `dojo serve` printed at start or read from --token-file)")

    /// Checks a token in constant time; a connection that sends too many wrong ones is closed.
    private func authenticate(_ token: String) -> Result<Void, RPCError> {
        guard let requiredToken else { return .success(()) }
        if Self.constantTimeEqual(Array(token.utf8), Array(requiredToken.utf8)) {
            authenticated = true
            return .success(())
        }
        failedAuthentications += 1
        if failedAuthentications >= Self.authenticationAttempts {
            close(reason: "too many wrong tokens")
            return .failure(RPCError(.notAuthenticated, "wrong token; \(Self.authenticationAttempts) wrong tokens: the connection is closed"))
        }
        return .failure(RPCError(.notAuthenticated, "wrong token (\(Self.authenticationAttempts - failedAuthentications) more tries on this connection)"))
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0xFF)
        }
        return difference == 0
    }

    private struct ParamsOf<T: Decodable>: Decodable { var params: T }

    private func decodeParams<T: Decodable>(_ type: T.Type, _ request: RPCRequest, allowMissing: Bool) -> Result<T, RPCError> {
        guard request.hasParams else {
            if allowMissing, let empty = try? decoder.decode(T.self, from: Data("{}".utf8)) { return .success(empty) }
            return .failure(RPCError(.invalidParams, "params are missing"))
        }
        do {
            return .success(try decoder.decode(ParamsOf<T>.self, from: request.raw).params)
        } catch {
            return .failure(RPCError(.invalidParams, "bad params: \(TrajectoryReader.describe(error))"))
        }
    }

    private func reset(_ params: ResetParams, id: JSONValue?) -> Result<Data, RPCError> {
        do {
            guard let factory else { return .failure(RPCError(.internalError, "no environment factory")) }
            if environment == nil || params.task.map({ $0 != environment?.task.id }) == true || params.seed.map({ $0 != environment?.configuration.seed }) == true {
                environment?.close(reason: "reset to another task")
                environment = try factory(params.task, params.seed)
            }
            guard let environment else { return .failure(RPCError(.internalError, "no environment")) }
            closed = false
            let observation = try environment.reset()
            let card = TaskCard(task: environment.task, limits: environment.configuration.limits)
            return .success(RPCCodec.result(id: id, ResetResult(observation: observation, task: card,
                                                                trajectory: environment.trajectory?.url.path), encoder: encoder))
        } catch {
            return .failure(RPCError(.invalidParams, error.description))
        }
    }

    private func step(_ action: Action, id: JSONValue?) -> Result<Data, RPCError> {
        guard let environment, !closed else {
            return .failure(RPCError(.noEpisode, "no episode yet: call reset first"))
        }
        if case .reset = action { return reset(ResetParams(), id: id) }
        if environment.isOver {
            return .failure(RPCError(.episodeEnded, "the episode has ended (\(environment.endReason ?? "over")); call reset to start a new one"))
        }
        do {
            let observation = try environment.step(action, actor: actor)
            onStep?(action, observation)
            return .success(RPCCodec.result(id: id, observation, encoder: encoder))
        } catch {
            return .failure(RPCError(.internalError, error.description))
        }
    }

    /// Ends the episode with a reason recorded in its trajectory.
    public func close(reason: String) {
        guard !closed else { return }
        closed = true
        if let host { host.close(reason: reason) } else { environment?.close(reason: reason) }
    }
}
