import DojoKit
import Foundation
import Testing

/// The one definition of the five actions: complete, in MLE-Dojo's order, with schemas that match the decoder.
@Suite struct ActionCatalogTests {
    @Test func listsEveryActionOnceInMLEDojoOrder() {
        #expect(ActionCatalog.entries.map(\.name) == ActionName.allCases)
        #expect(ActionCatalog.entries.map(\.name.rawValue) == ["request_info", "validate_code", "execute_code", "get_history", "reset"])
        #expect(ActionCatalog.entries.map(\.index) == Array(0..<5))
        for name in ActionName.allCases { #expect(ActionCatalog.entry(name).name == name) }
    }

    @Test func budgetFlagsFollowTheEnvironment() {
        #expect(ActionCatalog.entries.filter(\.countsAgainstBudget).map(\.name) == [.requestInfo, .validateCode, .executeCode])
    }

    @Test func schemasNameTheParametersTheDecoderReads() throws {
        guard case .object(let schema) = ActionCatalog.inputSchema(.requestInfo),
              case .object(let properties) = schema["properties"],
              case .object(let infoType) = properties["info_type"],
              case .array(let values) = infoType["enum"] else {
            Issue.record("request_info's schema has no info_type enum")
            return
        }
        #expect(values == InfoType.allCases.map { .string($0.rawValue) })
        #expect(schema["required"] == .array([.string("info_type")]))
        guard case .object(let execute) = ActionCatalog.inputSchema(.executeCode),
              case .object(let executeProperties) = execute["properties"],
              case .object(let code) = executeProperties["code"] else {
            Issue.record("execute_code's schema has no code property")
            return
        }
        #expect(code["maxLength"] == .number(Double(ActionCatalog.maxCodeCharacters)))
        guard case .object(let reset) = ActionCatalog.inputSchema(.reset), case .object(let resetProperties) = reset["properties"] else {
            Issue.record("reset's schema has no properties")
            return
        }
        #expect(Set(resetProperties.keys) == ["task", "seed"])
        #expect(reset["required"] == .array([]))
        #expect(ActionCatalog.inputSchema(.getHistory) == .object([
            "type": .string("object"), "properties": .object([:]), "required": .array([]), "additionalProperties": .bool(false),
        ]))
        // Every example the schema allows decodes as the action it describes.
        for entry in ActionCatalog.entries {
            var object: [String: String] = ["type": entry.name.rawValue]
            for parameter in entry.parameters where parameter.required { object[parameter.name] = parameter.values?.first ?? "print(1)" }
            let action = try JSONDecoder().decode(Action.self, from: JSONEncoder().encode(object))
            #expect(action.name == entry.name)
        }
    }

    @Test func codeLongerThanTheLimitIsAProblemAndFitsTheMessageLimit() {
        #expect(ActionCatalog.problem(with: .executeCode(String(repeating: "é", count: ActionCatalog.maxCodeCharacters))) == nil)
        let problem = ActionCatalog.problem(with: .validateCode(String(repeating: "x", count: ActionCatalog.maxCodeCharacters + 1)))
        #expect(problem == "code is 1000001 characters long; the limit is 1000000")
        #expect(ActionCatalog.problem(with: .getHistory) == nil)
        #expect(ActionCatalog.maxCodeCharacters * 6 + 200 < RPCCodec.maxMessageBytes)
    }
}
