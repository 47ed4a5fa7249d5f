/// The five actions of the loop, defined once: their names in MLE-Dojo's order, their parameters and
/// the descriptions a model reads. The JSON-RPC protocol (`actions` method), `dojo actions --json`,
/// the MCP tool schemas and the Python Gymnasium package all come from here; a test compares them.
public enum ActionCatalog {
    /// One parameter of an action.
    public struct Parameter: Sendable, Equatable, Encodable {
        public let name: String
        public let type: String
        public let description: String
        public let required: Bool
        /// The accepted values, for an enumeration.
        public let values: [String]?
        /// The longest accepted value, in characters (Unicode scalars).
        public let maxLength: Int?

        enum CodingKeys: String, CodingKey {
            case name, type, description, required, values = "enum", maxLength = "max_length"
        }
    }

    /// One action.
    public struct Entry: Sendable, Equatable, Encodable {
        public let name: ActionName
        /// Its position in the Gymnasium `Discrete(5)` action type (MLE-Dojo's order).
        public let index: Int
        public let description: String
        public let parameters: [Parameter]
        /// Whether it uses one of the episode's `max_steps`.
        public let countsAgainstBudget: Bool

        enum CodingKeys: String, CodingKey {
            case name, index, description, parameters, countsAgainstBudget = "counts_against_budget"
        }
    }

    /// The longest `code` accepted, in characters. Even if every character needed JSON's six-byte
    /// `\uXXXX` escape, the request stays under the protocol's 8 MiB message limit.
    public static let maxCodeCharacters = 1_000_000

    public static let infoTypes: [String] = InfoType.allCases.map(\.rawValue)

    static let codeDescription =
        "The complete Python 3 script. It runs in the workspace root with a fresh interpreter: read the data from "
        + "input/, keep scratch files in working/ (kept between steps), write the predictions to "
        + "submission/submission.csv. Nothing is remembered between steps except files in working/."

    public static let entries: [Entry] = [
        Entry(
            name: .requestInfo, index: 0,
            description: "Ask for information about the task without running code: the overview (the task's description), "
                + "the data structure (files, columns, first rows), a sample submission, where the data and the "
                + "submission live, the task's name, its metadata (metric, limits, source), or all of them. "
                + "Start an episode with overview and data_structure. Uses one step of the budget.",
            parameters: [Parameter(name: "info_type", type: "string",
                                   description: "What to ask for: " + infoTypes.joined(separator: ", ") + ".",
                                   required: true, values: infoTypes, maxLength: infoTypes.map(\.count).max())],
            countsAgainstBudget: true),
        Entry(
            name: .validateCode, index: 1,
            description: "Run a Python script in the sandbox and check the submission file it writes (columns, ids, "
                + "row count, values) without scoring it: the answer lists every problem with line numbers. Use it "
                + "to debug a pipeline cheaply before execute_code. Uses one step of the budget.",
            parameters: [Parameter(name: "code", type: "string", description: codeDescription, required: true,
                                   values: nil, maxLength: maxCodeCharacters)],
            countsAgainstBudget: true),
        Entry(
            name: .executeCode, index: 2,
            description: "Run a Python script in the sandbox, then validate and score the submission it writes on the "
                + "hidden answers: the answer gives the output, the score, the position on the leaderboard, the "
                + "medal, the best so far and the budget left. The reward is the submission's position score "
                + "(0 to 1, higher is better). Uses one step of the budget.",
            parameters: [Parameter(name: "code", type: "string", description: codeDescription, required: true,
                                   values: nil, maxLength: maxCodeCharacters)],
            countsAgainstBudget: true),
        Entry(
            name: .getHistory, index: 3,
            description: "List the episode's steps so far: action, status, score and reward of each. Free: uses no budget.",
            parameters: [], countsAgainstBudget: false),
        Entry(
            name: .reset, index: 4,
            description: "Start a new episode on the same task and split: a fresh workspace, the full budget and a new "
                + "trajectory. Everything in working/ is lost. Free: uses no budget.",
            parameters: [
                Parameter(name: "task", type: "string",
                          description: "The task id (see `dojo tasks`); needed on the first reset when the server has no default task.",
                          required: false, values: nil, maxLength: nil),
                Parameter(name: "seed", type: "integer",
                          description: "The split seed: the same seed gives the same train/test split.",
                          required: false, values: nil, maxLength: nil),
            ],
            countsAgainstBudget: false),
    ]

    /// What `dojo actions --json` prints and the protocol's `actions` method answers.
    public struct Document: Sendable, Equatable, Encodable {
        public let actions: [Entry]
        public let infoTypes: [String]
        public let maxCodeCharacters: Int

        enum CodingKeys: String, CodingKey {
            case actions, infoTypes = "info_types", maxCodeCharacters = "max_code_characters"
        }
    }

    public static var document: Document {
        Document(actions: entries, infoTypes: infoTypes, maxCodeCharacters: maxCodeCharacters)
    }

    public static func entry(_ name: ActionName) -> Entry {
        // `entries` lists every case once, in the enum's order (a test checks it).
        entries[ActionName.allCases.firstIndex(of: name) ?? 0]
    }

    /// A JSON Schema (draft 2020-12 subset) of the action's parameters, as MCP tools declare them.
    public static func inputSchema(_ name: ActionName) -> JSONValue {
        let entry = entry(name)
        var properties: [String: JSONValue] = [:]
        for parameter in entry.parameters {
            var property: [String: JSONValue] = ["type": .string(parameter.type), "description": .string(parameter.description)]
            if let values = parameter.values { property["enum"] = .array(values.map(JSONValue.string)) }
            if let maxLength = parameter.maxLength, parameter.values == nil { property["maxLength"] = .number(Double(maxLength)) }
            properties[parameter.name] = .object(property)
        }
        return .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(entry.parameters.filter(\.required).map { .string($0.name) }),
            "additionalProperties": .bool(false),
        ])
    }

    /// Why an action cannot be taken as given (a limit the decoder cannot express); nil when it can.
    public static func problem(with action: Action) -> String? {
        guard let code = action.code else { return nil }
        let length = code.unicodeScalars.count
        if length > maxCodeCharacters {
            return "code is \(length) characters long; the limit is \(maxCodeCharacters)"
        }
        return nil
    }
}
