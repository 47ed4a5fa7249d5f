import ArgumentParser
import DojoKit
import Foundation

/// `dojo actions [--json]`: the five actions of the loop, their parameters and descriptions, from the
/// one catalogue that the protocol, the MCP tools and the Gymnasium package also read.
struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List the loop's five actions (MLE-Dojo order), their parameters and what each does.")

    @Flag(help: "Print JSON (the protocol's `actions` answer).") var json = false

    func run() throws {
        if json {
            try Console.printJSON(ActionCatalog.document)
            return
        }
        for entry in ActionCatalog.entries {
            let parameters = entry.parameters.map { parameter in
                let optional = parameter.required ? "" : "?"
                if let values = parameter.values { return "\(parameter.name)\(optional): \(values.joined(separator: "|"))" }
                return "\(parameter.name)\(optional): \(parameter.type)"
                    + (parameter.maxLength.map { ", at most \($0) characters" } ?? "")
            }
            print("\(entry.index) \(entry.name.rawValue)(\(parameters.joined(separator: "; ")))"
                + (entry.countsAgainstBudget ? "" : "  [free]"))
            print(wrap(entry.description, width: 96, indent: "    "))
        }
    }

    private func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
