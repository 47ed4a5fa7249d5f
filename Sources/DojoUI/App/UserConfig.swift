import TOMLKit

/// The user's config file (`$XDG_CONFIG_HOME/dojo/config.toml`): a theme and key overrides.
///
///     theme = "gruvbox"
///     [keys]
///     execute = ["f5", "ctrl-r"]
public struct UserConfig: Sendable {
    public var theme: String?
    public var keyMap: KeyMap

    public init(theme: String? = nil, keyMap: KeyMap = .standard) {
        self.theme = theme
        self.keyMap = keyMap
    }

    public static func parse(_ text: String, file: String) throws(ThemeError) -> UserConfig {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, message: "TOML syntax error: \(error.description)")
        } catch { throw ThemeError(file: file, message: "cannot parse TOML: \(error)") }
        var config = UserConfig()
        if let theme = root["theme"] {
            guard let name = theme.string else {
                throw ThemeError(file: file, line: ThemeLoader.line(of: "theme", in: text), key: "theme", message: "expected a theme name")
            }
            config.theme = name
        }
        config.keyMap = try KeyMap.standard.overriding(withConfig: text, file: file)
        return config
    }
}
