import ArgumentParser
import DojoKit
import DojoUI
import Foundation

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the colour themes for `dojo play` (--theme NAME, DOJO_THEME, or `theme` in the config file).")

    @OptionGroup var common: CommonOptions

    func run() throws {
        let services = try common.services()
        let environment = ProcessInfo.processInfo.environment
        let files = ThemeFiles(paths: services.paths, environment: environment)
        let catalog = files.catalog()
        print("Themes in \(files.directory.path):")
        for theme in catalog.themes {
            let mark = theme.name == BuiltinThemes.defaultName ? "  (default)" : ""
            print("  \(theme.name)\(mark)")
        }
        for error in catalog.errors {
            FileHandle.standardError.write(Data("dojo: theme error: \(error)\n".utf8))
        }
        print("Config file: \(ThemeFiles.configFile(environment: environment).path)")
        if catalog.errors.isEmpty == false { throw ExitCode(1) }
    }
}
