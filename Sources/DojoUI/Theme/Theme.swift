/// A colour theme: styles by dotted scope. A scope without its own style takes its parent's
/// (`keyword.control` → `keyword`), and everything falls back to `ui.text` over `ui.background`.
public struct Theme: Sendable, Equatable {
    public var name: String
    /// The styles the theme file sets, colours resolved through its palette.
    public var styles: [String: Style]
    private var resolved: [String: Style] = [:]

    public init(name: String, styles: [String: Style]) {
        self.name = name
        self.styles = styles
        var resolved: [String: Style] = [:]
        for scope in Self.knownScopes { resolved[scope] = Self.resolve(scope, in: styles) }
        resolved[""] = Self.resolve("ui.text", in: styles)
        self.resolved = resolved
    }

    /// The style of a scope, with fallback to its parents and the base text style.
    public func style(_ scope: String) -> Style {
        if let style = resolved[scope] { return style }
        return Self.resolve(scope, in: styles)
    }

    public var base: Style { style("") }

    static func resolve(_ scope: String, in styles: [String: Style]) -> Style {
        let background = styles["ui.background"] ?? .plain
        let text = (styles["ui.text"] ?? .plain).over(background)
        var current = Substring(scope)
        while !current.isEmpty {
            if let style = styles[String(current)] { return style.over(text) }
            guard let dot = current.lastIndex(of: ".") else { break }
            current = current[..<dot]
        }
        if let fallback = fallbacks[scope] { return resolve(fallback, in: styles) }
        return text
    }

    /// Scopes added after themes were written borrow a close scope's style when a theme (or its
    /// parents) does not set them, so an older theme still tells added from removed lines.
    static let fallbacks: [String: String] = [
        "chart.compare": "chart.rank",
        "diff.header": "markup.heading", "diff.delta": "log.info", "diff.plus": "log.success", "diff.minus": "log.stderr",
    ]

    /// Every scope the workbench draws with; documented in docs/tui.md.
    public static let knownScopes: [String] = [
        "ui.background", "ui.text", "ui.text.dim", "ui.text.focus", "ui.window", "ui.pane.title", "ui.pane.title.focus",
        "ui.linenr", "ui.linenr.selected", "ui.cursorline", "ui.selection", "ui.statusline", "ui.statusline.mode",
        "ui.statusline.running", "ui.statusline.error", "ui.statusline.hint", "ui.popup", "ui.popup.title", "ui.help.key",
        "ui.prompt", "ui.search.match", "ui.message", "ui.message.error",
        "keyword", "keyword.control", "keyword.function", "function", "function.builtin", "type", "string",
        "string.fstring", "comment", "constant.numeric", "constant.builtin", "attribute", "operator", "variable.self",
        "markup.heading", "markup.heading.1", "markup.bold", "markup.italic", "markup.raw", "markup.raw.block",
        "markup.link", "markup.link.url", "markup.list", "markup.table", "markup.quote",
        "log.stdout", "log.stderr", "log.info", "log.error", "log.success", "log.warning",
        "chart.axis", "chart.raw", "chart.rank", "chart.compare", "chart.best", "chart.median", "chart.gold", "chart.silver", "chart.bronze",
        "medal.gold", "medal.silver", "medal.bronze",
        "diff.header", "diff.delta", "diff.plus", "diff.minus",
    ]
}
