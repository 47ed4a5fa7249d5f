/// Themes compiled into Dojo: the default (a copy of `Themes/dojo-dark.toml`, used when that file is
/// missing or broken) and the monochrome one used under NO_COLOR.
public enum BuiltinThemes {
    public static let defaultName = "dojo-dark"

    public static let defaultSource = #"""
# dojo-dark: Dojo's default theme. Helix-style: [palette] names colours, scopes fall back to their
# parent scope ("keyword.control" → "keyword"), and everything falls back to "ui.text".
"ui.background" = { bg = "bg" }
"ui.text" = "fg"
"ui.text.dim" = "gray"
"ui.window" = "bg3"
"ui.pane.title" = { fg = "gray", bg = "bg1" }
"ui.pane.title.focus" = { fg = "bg", bg = "blue", modifiers = ["bold"] }
"ui.linenr" = "bg3"
"ui.linenr.selected" = { fg = "yellow", modifiers = ["bold"] }
"ui.cursorline" = { bg = "bg1" }
"ui.selection" = { bg = "bg2" }
"ui.statusline" = { fg = "fg", bg = "bg1" }
"ui.statusline.mode" = { fg = "bg", bg = "green", modifiers = ["bold"] }
"ui.statusline.running" = { fg = "bg", bg = "yellow", modifiers = ["bold"] }
"ui.statusline.error" = { fg = "red", modifiers = ["bold"] }
"ui.statusline.hint" = "gray"
"ui.popup" = { fg = "fg", bg = "bg1" }
"ui.popup.title" = { fg = "blue", modifiers = ["bold"] }
"ui.help.key" = "yellow"
"ui.prompt" = { fg = "fg", bg = "bg2" }
"ui.search.match" = { bg = "bg2", modifiers = ["underlined"] }
"ui.message" = "green"
"ui.message.error" = { fg = "red", modifiers = ["bold"] }

"keyword" = "purple"
"keyword.function" = "purple"
"function" = "blue"
"function.builtin" = "cyan"
"type" = "yellow"
"string" = "green"
"comment" = { fg = "gray", modifiers = ["italic"] }
"constant.numeric" = "orange"
"constant.builtin" = "orange"
"attribute" = "yellow"
"operator" = "cyan"
"variable.self" = "red"

"markup.heading" = { fg = "blue", modifiers = ["bold"] }
"markup.bold" = { modifiers = ["bold"] }
"markup.italic" = { modifiers = ["italic"] }
"markup.raw" = "green"
"markup.link" = { fg = "cyan", modifiers = ["underlined"] }
"markup.link.url" = "gray"
"markup.list" = "yellow"
"markup.table" = "bg3"
"markup.quote" = "gray"

"log.stdout" = "fg"
"log.stderr" = "red"
"log.info" = "blue"
"log.error" = { fg = "red", modifiers = ["bold"] }
"log.success" = "green"
"log.warning" = "yellow"

"diff.header" = { fg = "fg", modifiers = ["bold"] }
"diff.delta" = "cyan"
"diff.plus" = "green"
"diff.minus" = "red"

"chart.axis" = "gray"
"chart.raw" = "blue"
"chart.rank" = "cyan"
"chart.compare" = "purple"
"chart.best" = { fg = "yellow", modifiers = ["bold"] }
"chart.median" = "gray"
"chart.gold" = "gold"
"chart.silver" = "silver"
"chart.bronze" = "bronze"
"medal" = { modifiers = ["bold"] }
"medal.gold" = { fg = "gold", modifiers = ["bold"] }
"medal.silver" = { fg = "silver", modifiers = ["bold"] }
"medal.bronze" = { fg = "bronze", modifiers = ["bold"] }

[palette]
bg = "#1e2127"
bg1 = "#282c34"
bg2 = "#3e4451"
bg3 = "#5c6370"
gray = "#7f848e"
fg = "#abb2bf"
red = "#e06c75"
green = "#98c379"
yellow = "#e5c07b"
blue = "#61afef"
purple = "#c678dd"
cyan = "#56b6c2"
orange = "#d19a66"
gold = "#ffd700"
silver = "#c0c0c0"
bronze = "#cd7f32"
"""#

    /// NO_COLOR: attributes only.
    public static let monochrome = Theme(name: "no-color", styles: [
        "ui.text.dim": Style(attributes: .dim),
        "ui.pane.title": Style(attributes: .underline),
        "ui.pane.title.focus": Style(attributes: [.reverse, .bold]),
        "ui.linenr": Style(attributes: .dim),
        "ui.linenr.selected": Style(attributes: .bold),
        "ui.selection": Style(attributes: .reverse),
        "ui.statusline": Style(attributes: .reverse),
        "ui.statusline.mode": Style(attributes: [.reverse, .bold]),
        "ui.statusline.running": Style(attributes: [.reverse, .bold]),
        "ui.statusline.error": Style(attributes: [.reverse, .bold]),
        "ui.prompt": Style(attributes: .reverse),
        "ui.search.match": Style(attributes: .reverse),
        "ui.popup.title": Style(attributes: .bold),
        "ui.help.key": Style(attributes: .bold),
        "ui.message.error": Style(attributes: .bold),
        "keyword": Style(attributes: .bold),
        "comment": Style(attributes: .dim),
        "function": Style(attributes: .bold),
        "type": Style(attributes: .bold),
        "markup.heading": Style(attributes: [.bold, .underline]),
        "markup.bold": Style(attributes: .bold),
        "markup.italic": Style(attributes: .italic),
        "markup.link": Style(attributes: .underline),
        "log.error": Style(attributes: .bold),
        "log.stderr": Style(attributes: .bold),
        "chart.best": Style(attributes: .bold),
        "chart.median": Style(attributes: .dim),
        "medal": Style(attributes: .bold),
        "diff.header": Style(attributes: .bold),
        "diff.delta": Style(attributes: .underline),
        "diff.plus": Style(attributes: .bold),
        "diff.minus": Style(attributes: .dim),
    ])
}
