import DojoUI
import Testing

@Suite struct KeyMapTests {
    @Test func defaultsAreCommonEditorKeys() {
        let map = KeyMap.standard
        #expect(map.command(for: .ctrl("s"), contexts: [.editor, .global]) == .save)
        #expect(map.command(for: .ctrl("z"), contexts: [.editor, .global]) == .undo)
        #expect(map.command(for: .ctrl("y"), contexts: [.editor, .global]) == .redo)
        #expect(map.command(for: .ctrl("f"), contexts: [.editor, .global]) == .find)
        #expect(map.command(for: .ctrl("q"), contexts: [.editor, .global]) == .quit)
        #expect(map.command(for: .f(5), contexts: [.editor, .global]) == .execute)
        #expect(map.command(for: .f(6), contexts: [.editor, .global]) == .validate)
        #expect(map.command(for: .f(1), contexts: [.editor, .global]) == .help)
        // Ctrl-C cancels a running step, copies otherwise.
        #expect(map.command(for: .ctrl("c"), contexts: [.running, .editor, .global]) == .cancelStep)
        #expect(map.command(for: .ctrl("c"), contexts: [.editor, .global]) == .copy)
        // Tab indents in the editor and moves focus elsewhere.
        #expect(map.command(for: Key(.tab), contexts: [.editor, .global]) == .indent)
        #expect(map.command(for: Key(.tab), contexts: [.pane, .global]) == .focusNext)
    }

    @Test func keyNamesRoundTrip() {
        for name in ["ctrl-s", "f5", "alt-z", "shift-left", "ctrl-shift-home", "space", "pagedown", "esc"] {
            #expect(Key(name: name)?.description == name)
        }
        #expect(Key(name: "hyper-x") == nil)
        #expect(KeyMap.display(.ctrl("s")) == "C-s")
        #expect(KeyMap.display(Key(.left, shift: true)) == "S-Left")
    }

    @Test func configOverridesAndErrors() throws {
        let map = try KeyMap.standard.overriding(withConfig: "[keys]\nexecute = [\"f9\", \"ctrl-r\"]\n", file: "config.toml")
        #expect(map.command(for: .f(9), contexts: [.global]) == .execute)
        #expect(map.command(for: .ctrl("r"), contexts: [.global]) == .execute)
        #expect(map.command(for: .f(5), contexts: [.global]) == nil)
        #expect(throws: ThemeError(file: "c.toml", line: 2, key: "keys.nope", message: "no command of that name (see F1 help for the names)")) {
            try KeyMap.standard.overriding(withConfig: "[keys]\nnope = \"f2\"\n", file: "c.toml")
        }
        let config = try UserConfig.parse("theme = \"gruvbox\"\n", file: "c.toml")
        #expect(config.theme == "gruvbox")
    }

    @Test func helpIsGeneratedFromTheBindings() {
        let map = try? KeyMap.standard.overriding(withConfig: "[keys]\nexecute = \"ctrl-r\"\n", file: "c")
        let text = (map?.helpLines() ?? []).map(\.text).joined(separator: "\n")
        #expect(text.contains("C-r"))
        #expect(text.contains("execute the buffer"))
        #expect(!text.contains("F5 "))
        #expect(text.contains("While a step runs"))
    }
}
