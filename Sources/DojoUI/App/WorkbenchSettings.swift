/// What every screen of the workbench shares, resolved once from the config file, `--theme`, the
/// environment and the theme catalogue: the themes and the one in use, the key map, colour or not,
/// and what went wrong reading them (said on the screen when it opens). Play, co-pilot, watch, replay
/// and the task picker all start from one of these, so a `[keys]` rebinding or a `theme =` in the
/// config applies in every mode.
public struct WorkbenchSettings: Sendable {
    public var themes: [Theme]
    public var themeIndex: Int
    public var keyMap: KeyMap
    public var noColor: Bool
    /// Whether the workbench takes the mouse (config `[mouse] enabled`, on unless set false).
    public var mouse = true
    /// Problems met while resolving (a bad config, a theme that did not load, an unknown theme name).
    public var notes: [String]

    public init(themes: [Theme], themeIndex: Int = 0, keyMap: KeyMap = .standard, noColor: Bool = false, notes: [String] = []) {
        self.themes = themes
        self.themeIndex = themeIndex
        self.keyMap = keyMap
        self.noColor = noColor
        self.notes = notes
    }

    /// The theme's name in order of precedence: `--theme`, `$DOJO_THEME`, the config's `theme`, the
    /// default. `NO_COLOR` (non-empty) means the monochrome theme whatever was asked for.
    /// - Parameter config: the config file's text and path, nil when there is no file.
    public static func resolve(catalog: ThemeCatalog, config: (text: String, path: String)?, themeFlag: String?,
                               environment: [String: String]) -> WorkbenchSettings {
        var notes = catalog.errors.map { "theme error: \($0) — using \(BuiltinThemes.defaultName) instead" }
        var userConfig = UserConfig()
        if let config {
            do { userConfig = try UserConfig.parse(config.text, file: config.path) } catch {
                notes.append("config error: \(error) — using the default keys")
            }
        }
        let fromEnvironment = environment["DOJO_THEME"].flatMap { $0.isEmpty ? nil : $0 }
        let wanted = themeFlag ?? fromEnvironment ?? userConfig.theme ?? BuiltinThemes.defaultName
        var themes = catalog.themes
        var themeIndex = catalog.index(of: wanted) ?? 0
        if catalog.index(of: wanted) == nil {
            notes.append("no theme named \"\(wanted)\" (see `dojo themes`) — using \(BuiltinThemes.defaultName)")
        }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if noColor {
            themes = [BuiltinThemes.monochrome]
            themeIndex = 0
        }
        var settings = WorkbenchSettings(themes: themes, themeIndex: themeIndex, keyMap: userConfig.keyMap, noColor: noColor, notes: notes)
        settings.mouse = userConfig.mouse
        return settings
    }
}
