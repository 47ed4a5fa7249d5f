import DojoKit
import TOMLKit

/// The user's config file (`$XDG_CONFIG_HOME/dojo/config.toml`): a theme and key overrides.
///
///     theme = "gruvbox"
///     [keys]
///     execute = ["f5", "ctrl-r"]
public struct UserConfig: Sendable {
    public var theme: String?
    public var keyMap: KeyMap
    /// `[mouse] enabled = false`: leave the mouse to the terminal (its own selection).
    public var mouse = true

    public init(theme: String? = nil, keyMap: KeyMap = .standard) {
        self.theme = theme
        self.keyMap = keyMap
    }

    public static func parse(_ text: String, file: String) throws(ThemeError) -> UserConfig {
        let root: TOMLTable
        do { root = try TOMLText.parse(text) } catch { throw ThemeError(file: file, error) }
        var config = UserConfig()
        if let theme = root["theme"] {
            guard let name = theme.string else {
                throw ThemeError(file: file, line: ThemeLoader.line(of: "theme", in: text), key: "theme", message: "expected a theme name")
            }
            config.theme = name
        }
        config.keyMap = try KeyMap.standard.overriding(with: root, text: text, file: file)
        if let mouse = root["mouse"] {
            guard let table = mouse.table else { throw ThemeError(file: file, key: "mouse", message: "expected a table: [mouse] enabled = true or false") }
            if let enabled = table["enabled"] {
                guard let value = enabled.bool else {
                    throw ThemeError(file: file, line: ThemeLoader.line(of: "enabled", in: text, section: "mouse"), key: "mouse.enabled",
                                     message: "expected true or false")
                }
                config.mouse = value
            }
        }
        return config
    }
}
