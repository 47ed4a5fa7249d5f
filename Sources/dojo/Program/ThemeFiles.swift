import DojoKit
import DojoUI
import Foundation

/// Finds theme files: `$DOJO_THEMES`, else the `Themes/` folder beside the tasks folder.
struct ThemeFiles {
    let directory: URL

    init(paths: DojoPaths, environment: [String: String]) {
        if let explicit = environment["DOJO_THEMES"], !explicit.isEmpty {
            directory = URL(fileURLWithPath: explicit)
        } else {
            directory = paths.tasksDirectory.deletingLastPathComponent().appendingPathComponent("Themes")
        }
    }

    var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    func catalog() -> ThemeCatalog {
        let directory = directory
        return ThemeCatalog(names: names) { name in
            let url = directory.appendingPathComponent("\(name).toml")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            return (text, url.path)
        }
    }

    /// The settings every screen starts from: this folder's themes, the user's config file, `--theme`
    /// and the environment, resolved once (`WorkbenchSettings.resolve`).
    func settings(theme: String?, environment: [String: String]) -> WorkbenchSettings {
        let configURL = Self.configFile(environment: environment)
        let config = (try? String(contentsOf: configURL, encoding: .utf8)).map { (text: $0, path: configURL.path) }
        return .resolve(catalog: catalog(), config: config, themeFlag: theme, environment: environment)
    }

    /// The user's config file: `$DOJO_CONFIG`, else `$XDG_CONFIG_HOME/dojo/config.toml`, else `~/.config/dojo/config.toml`.
    static func configFile(environment: [String: String]) -> URL {
        if let explicit = environment["DOJO_CONFIG"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        let base = environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("dojo/config.toml")
    }
}
