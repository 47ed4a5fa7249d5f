/// The five action names of MLE-Dojo (docs/observation.md, "Actions").
public enum ActionName: String, Sendable, Codable, Equatable, CaseIterable {
    case requestInfo = "request_info"
    case validateCode = "validate_code"
    case executeCode = "execute_code"
    case getHistory = "get_history"
    case reset
}

/// What `request_info` can ask for.
public enum InfoType: String, Sendable, Codable, Equatable, CaseIterable {
    case overview
    case dataStructure = "data_structure"
    case sampleSubmission = "sample_submission"
    case dataPath = "data_path"
    case outputPath = "output_path"
    case name
    case metadata
    case all
}

/// One action with its arguments. JSON: `{"type": "execute_code", "code": "…"}`,
/// `{"type": "request_info", "info_type": "overview"}`, `{"type": "get_history"}`, `{"type": "reset"}`.
public enum Action: Sendable, Equatable, Codable {
    case requestInfo(InfoType)
    case validateCode(String)
    case executeCode(String)
    case getHistory
    case reset

    public var name: ActionName {
        switch self {
        case .requestInfo: .requestInfo
        case .validateCode: .validateCode
        case .executeCode: .executeCode
        case .getHistory: .getHistory
        case .reset: .reset
        }
    }

    public var code: String? {
        switch self {
        case .validateCode(let code), .executeCode(let code): code
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey { case type, code, infoType = "info_type" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let typeText = try c.decode(String.self, forKey: .type)
        guard let type = ActionName(rawValue: typeText) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription:
                "unknown action \"\(typeText)\"; expected one of \(ActionName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        switch type {
        case .requestInfo:
            let infoText = try c.decode(String.self, forKey: .infoType)
            guard let info = InfoType(rawValue: infoText) else {
                throw DecodingError.dataCorruptedError(forKey: .infoType, in: c, debugDescription:
                    "unknown info_type \"\(infoText)\"; expected one of \(InfoType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self = .requestInfo(info)
        case .validateCode: self = .validateCode(try c.decode(String.self, forKey: .code))
        case .executeCode: self = .executeCode(try c.decode(String.self, forKey: .code))
        case .getHistory: self = .getHistory
        case .reset: self = .reset
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name.rawValue, forKey: .type)
        switch self {
        case .requestInfo(let info): try c.encode(info, forKey: .infoType)
        case .validateCode(let code), .executeCode(let code): try c.encode(code, forKey: .code)
        case .getHistory, .reset: break
        }
    }
}
