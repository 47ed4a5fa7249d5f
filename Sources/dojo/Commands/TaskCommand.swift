import ArgumentParser
import DojoKit
import Foundation

/// `dojo task new ID` and `dojo task check ID`: the kit for adding a task (docs/task-format.md).
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Make a new task from the template, or check a task before it ships.",
        subcommands: [TaskNewCommand.self, TaskCheckCommand.self])
}
