import DojoTesting
import DojoUI
import Foundation
import Testing

@Suite struct ThemeLoaderTests {
    func loader(_ files: [String: String]) -> ThemeLoader {
        ThemeLoader { name in files[name].map { ($0, "\(name).toml") } }
    }

    @Test func paletteScopesFallbackAndInherits() throws {
        let base = """
        "ui.text" = "fg"
        "ui.background" = { bg = "bg" }
        "keyword" = { fg = "red", modifiers = ["bold"] }
        [palette]
        fg = "#ffffff"
        bg = "#000000"
        red = "#ff0000"
        """
        let child = """
        inherits = "base"
        "string" = "green"
        [palette]
        red = "#aa0000"
        """
        let theme = try loader(["base": base, "child": child]).load("child")
        #expect(theme.style("keyword.control") == Style(foreground: .rgb(0xAA, 0, 0), background: .rgb(0, 0, 0), attributes: .bold))
        #expect(theme.style("string").foreground == .indexed(2))
        #expect(theme.style("no.such.scope") == Style(foreground: .rgb(255, 255, 255), background: .rgb(0, 0, 0)))
    }

    @Test func diffScopesBorrowFromTheLogScopesInAThemeWithoutThem() throws {
        let old = """
        "ui.text" = "white"
        "log.success" = "green"
        "log.stderr" = "red"
        "log.info" = "blue"
        "markup.heading" = { modifiers = ["bold"] }
        """
        let theme = try loader(["old": old]).load("old")
        #expect(theme.style("diff.plus").foreground == .indexed(2))
        #expect(theme.style("diff.minus").foreground == .indexed(1))
        #expect(theme.style("diff.delta").foreground == .indexed(4))
        #expect(theme.style("diff.header").attributes == .bold)
        // A theme that sets them wins.
        let own = try loader(["own": old + "\n\"diff.plus\" = \"cyan\"\n"]).load("own")
        #expect(own.style("diff.plus").foreground == .indexed(6))
    }

    @Test func everyShippedThemeColoursAddedAndRemovedLinesApart() throws {
        let directory = DojoBinary.repositoryRoot().appendingPathComponent("Themes")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        let catalog = ThemeCatalog(names: names) { name in
            let url = directory.appendingPathComponent("\(name).toml")
            return (try? String(contentsOf: url, encoding: .utf8)).map { ($0, url.path) }
        }
        for theme in catalog.themes + [BuiltinThemes.monochrome] {
            #expect(theme.style("diff.plus") != theme.style("diff.minus"), "\(theme.name)")
            #expect(theme.style("diff.plus") != theme.base, "\(theme.name)")
            #expect(theme.style("diff.delta") != theme.base, "\(theme.name)")
        }
    }

    @Test func aMalformedThemeNamesFileLineAndKey() {
        let bad = """
        "ui.text" = "fg"
        "keyword" = { fg = "nosuch" }
        [palette]
        fg = "#ffffff"
        """
        #expect(throws: ThemeError(file: "bad.toml", line: 2, key: "keyword",
                                   message: "unknown colour \"nosuch\": not in [palette], not \"#rrggbb\", not an ANSI name")) {
            try loader(["bad": bad]).load("bad")
        }
        #expect(throws: ThemeError.self) { try loader(["s": "\"a\" = { fg = "]).load("s") }
        do {
            _ = try loader(["s": "x = 1\n\"a\" = { fg = \n"]).load("s")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.line != nil)
            #expect(error.description.hasPrefix("s.toml:"))
        }
        #expect(throws: ThemeError.self) { try loader(["m": "\"a\" = { modifiers = [\"blinky\"] }"]).load("m") }
        #expect(throws: ThemeError.self) { try loader(["c": "inherits = \"c\""]).load("c") }
    }

    @Test func theCatalogFallsBackToTheBuiltInDefault() {
        let catalog = ThemeCatalog(names: ["broken"]) { name in name == "broken" ? ("\"ui.text\" = 5", "broken.toml") : nil }
        #expect(catalog.names == ["dojo-dark"])
        #expect(catalog.errors.count == 1)
        #expect(catalog.errors[0].file == "broken.toml")
        #expect(catalog.errors[0].key == "ui.text")
    }

    @Test func theShippedThemesLoadAndTheBuiltInCopyMatchesTheFile() throws {
        let directory = DojoBinary.repositoryRoot().appendingPathComponent("Themes")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        #expect(names.count >= 6)
        let catalog = ThemeCatalog(names: names) { name in
            let url = directory.appendingPathComponent("\(name).toml")
            return (try? String(contentsOf: url, encoding: .utf8)).map { ($0, url.path) }
        }
        #expect(catalog.errors.isEmpty, "\(catalog.errors)")
        #expect(catalog.themes.count == names.count)
        let file = try String(contentsOf: directory.appendingPathComponent("dojo-dark.toml"), encoding: .utf8)
        #expect(file == BuiltinThemes.defaultSource + "\n")
        // The 16-colour theme uses only ANSI colours.
        let ansi = try #require(catalog.themes.first { $0.name == "ansi-16" })
        for style in ansi.styles.values {
            for color in [style.foreground, style.background] {
                if case .rgb = color { Issue.record("ansi-16 uses a true colour") }
            }
        }
    }
}

@Suite struct ColorMapperTests {
    @Test func nearestColours() {
        let c256 = ColorMapper(mode: .indexed256)
        #expect(c256.map(Color.rgb(255, 0, 0)) == .indexed(196))
        #expect(c256.map(Color.rgb(0x1e, 0x21, 0x27)) == .indexed(235))
        #expect(c256.map(Color.rgb(128, 128, 128)) == .indexed(244))
        #expect(c256.map(Color.default) == .default)
        let c16 = ColorMapper(mode: .ansi16)
        #expect(c16.map(Color.rgb(250, 10, 10)) == .indexed(9))
        #expect(c16.map(Color.indexed(196)) == .indexed(9))
        let c8 = ColorMapper(mode: .ansi8)
        #expect(c8.map(Color.indexed(9)) == .indexed(1))
        let none = ColorMapper(mode: ColorMapper.mode(colors: 256, noColor: true))
        #expect(none.map(Style(foreground: .rgb(1, 2, 3), background: .indexed(4), attributes: .bold)) == Style(attributes: .bold))
    }
}
