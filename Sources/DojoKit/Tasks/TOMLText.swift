import TOMLKit

/// The one place TOML text is parsed (task.toml, themes, the config file): a failure becomes a
/// `SyntaxError` with where it is and TOMLKit's reason, which each caller words as its own error
/// (`DojoError` for a task, `ThemeError` for a theme or the config).
public enum TOMLText {
    public struct SyntaxError: Error, Sendable, Equatable {
        /// 1-based, when TOMLKit says where.
        public var line: Int?
        public var column: Int?
        /// `TOML syntax error: …`, or `cannot parse TOML: …` when TOMLKit gives no position.
        public var message: String

        /// `file, line 3, column 7`, or the file alone when the position is unknown.
        public func location(in file: String) -> String {
            guard let line else { return file }
            return "\(file), line \(line)" + (column.map { ", column \($0)" } ?? "")
        }
    }

    public static func parse(_ text: String) throws(SyntaxError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxError(line: error.source.begin.line, column: error.source.begin.column, message: "TOML syntax error: \(error.description)")
        } catch {
            throw SyntaxError(message: "cannot parse TOML: \(error)")
        }
    }
}

extension TOMLText.SyntaxError {
    init(message: String) {
        self.init(line: nil, column: nil, message: message)
    }
}
