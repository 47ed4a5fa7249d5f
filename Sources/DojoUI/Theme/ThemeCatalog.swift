/// The themes Dojo can use: every file in the themes folder, loaded through an injected source,
/// with what went wrong for those that did not load. The default always loads (built in).
public struct ThemeCatalog: Sendable {
    public private(set) var themes: [Theme] = []
    public private(set) var errors: [ThemeError] = []

    /// Loads `names` (file names without `.toml`) via `files`: name → (text, file path).
    public init(names: [String], files: @escaping ThemeLoader.Source) {
        let source: ThemeLoader.Source = { name in
            if let found = files(name) { return found }
            return name == BuiltinThemes.defaultName ? (BuiltinThemes.defaultSource, "(built-in dojo-dark)") : nil
        }
        let loader = ThemeLoader(source: source)
        var ordered = names.sorted()
        ordered.removeAll { $0 == BuiltinThemes.defaultName }
        ordered.insert(BuiltinThemes.defaultName, at: 0)
        for name in ordered {
            do {
                themes.append(try loader.load(name))
            } catch {
                errors.append(error)
                if name == BuiltinThemes.defaultName, let builtin = try? ThemeLoader(source: { _ in (BuiltinThemes.defaultSource, "(built-in)") }).load(name) {
                    themes.append(builtin)
                }
            }
        }
    }

    public var names: [String] { themes.map(\.name) }

    /// The index of a theme by name; nil when there is none of that name.
    public func index(of name: String) -> Int? { themes.firstIndex { $0.name == name } }
}
