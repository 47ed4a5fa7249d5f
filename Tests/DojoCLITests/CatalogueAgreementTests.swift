import DojoKit
import DojoTesting
import Foundation
import Testing

/// One source of truth: `dojo actions --json`, the protocol's `actions` answer (ProtocolSessionTests),
/// the MCP tools (McpCommandTests) and the Python package all say what `ActionCatalog` says.
@Suite struct CatalogueAgreementTests {
    @Test func dojoActionsPrintsTheCatalogue() throws {
        let outcome = try DojoBinary().run(["actions", "--json"])
        #expect(outcome.exitCode == 0)
        let printed = try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? NSDictionary
        let catalogue = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ActionCatalog.document)) as? NSDictionary
        #expect(printed != nil)
        #expect(printed == catalogue)
        let text = try DojoBinary().run(["actions"]).stdout.text
        #expect(text.hasPrefix("0 request_info(info_type: overview|data_structure|sample_submission|data_path|output_path|name|metadata|all)"))
        #expect(text.contains("4 reset(task?: string; seed?: integer)  [free]"))
    }

    @Test func thePythonPackageHasTheCatalogue() throws {
        let outcome = try AgentsPython().run(AgentsPython.client("catalogue.py"))
        #expect(outcome.exitCode == 0, "\(outcome.stderr.text)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.text.utf8)) as? [String: Any])
        let python = try #require(report["catalogue"] as? [String: Any])
        #expect(python["actions"] as? [String] == ActionCatalog.entries.map(\.name.rawValue))
        #expect(python["info_types"] as? [String] == ActionCatalog.infoTypes)
        #expect(python["max_code_characters"] as? Int == ActionCatalog.maxCodeCharacters)
        let parameters = try #require(python["parameters"] as? [String: [String]])
        for entry in ActionCatalog.entries {
            #expect(parameters[entry.name.rawValue] == entry.parameters.filter(\.required).map(\.name), "\(entry.name)")
        }
        // The spaces are built from the same numbers.
        #expect(report["action_type_n"] as? Int == ActionCatalog.entries.count)
        #expect(report["code_max_length"] as? Int == ActionCatalog.maxCodeCharacters)
        #expect(report["info_type_max_length"] as? Int == ActionCatalog.infoTypes.map(\.count).max())
    }
}
