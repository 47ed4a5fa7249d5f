import Foundation

/// Reads a text file a person named on the command line, with an error that says what is wrong with the path.
public enum TextFile {
    /// The file's text; `what` names the file in the error ("the code file").
    public static func read(_ path: String, what: String) throws(DojoError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DojoError(.usage, "\(what) does not exist", at: path, hint: "check the path (relative paths start at \(FileManager.default.currentDirectoryPath))")
        }
        if isDirectory.boolValue {
            throw DojoError(.usage, "\(what) is a folder, not a file", at: path, hint: "name a file inside it")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DojoError(.usage, "\(what) cannot be read: permission denied", at: path)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DojoError(.io, "cannot read \(what): \(error.localizedDescription)", at: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DojoError(.usage, "\(what) is not UTF-8 text", at: path, hint: "save it as UTF-8")
        }
        return text
    }
}
