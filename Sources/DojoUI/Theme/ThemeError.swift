import DojoKit
/// A theme file that cannot be used: which file, which line and key, what is wrong.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    /// A theme's or the config file's TOML that does not parse.
    public init(file: String, _ syntax: TOMLText.SyntaxError) {
        self.init(file: file, line: syntax.line, message: syntax.message)
    }

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let key { location += ": key `\(key)`" }
        return "\(location): \(message)"
    }
}
