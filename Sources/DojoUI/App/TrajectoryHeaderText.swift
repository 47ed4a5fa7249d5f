import DojoKit

/// What the Task pane of watch and replay says when the trajectory's task is not installed: the
/// header's fields as markdown, every value in plain text (`agent kind: mle-dojo`).
public enum TrajectoryHeaderText {
    public static func markdown(taskID: String, header: TrajectoryHeader?) -> String {
        var lines = ["# \(taskID)", "", "The task `\(taskID)` is not in this dojo's task folder; the trajectory's header:", ""]
        if let header {
            lines += ["- task digest: `\(header.taskDigest)`", "- seed: \(header.seed)", "- started at: \(header.startedAt)",
                      "- dojo version: \(header.dojoVersion)", "- max steps: \(header.limits.maxSteps)"]
            for (key, value) in header.agent.sorted(by: { $0.key < $1.key }) { lines.append("- agent \(key): `\(value.plainText)`") }
            for (key, value) in (header.importedFrom ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("- imported from, \(key): `\(value.plainText)`")
            }
            for (key, value) in (header.forkedFrom ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("- forked from, \(key): `\(value.plainText)`")
            }
        }
        return lines.joined(separator: "\n")
    }
}
