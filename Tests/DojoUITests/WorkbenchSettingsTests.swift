import DojoEffects
import DojoKit
import DojoTesting
@testable import DojoUI
import Foundation
import Testing

/// One setup for every screen: the config file's `theme` and `[keys]` apply in play, co-pilot, watch
/// and replay alike (watch and replay used to ignore the config).
@Suite struct WorkbenchSettingsTests {
    /// Two themes on offer; the config picks the second and rebinds one key of each mode.
    static let config = """
    theme = "paper"

    [keys]
    execute = "ctrl-r"
    take_over = "alt-o"
    watch_next = "l"
    replay_next = "l"
    """

    static func catalog() -> ThemeCatalog {
        ThemeCatalog(names: ["paper"]) { name in
            name == "paper" ? ("\"ui.text\" = { fg = \"black\" }\n", "/themes/paper.toml") : nil
        }
    }

    static func settings(_ config: String = config, environment: [String: String] = [:], themeFlag: String? = nil) -> WorkbenchSettings {
        .resolve(catalog: catalog(), config: (config, "/home/me/.config/dojo/config.toml"), themeFlag: themeFlag, environment: environment)
    }

    static func state(_ settings: WorkbenchSettings) -> AppState {
        var state = AppState(taskID: "demo", taskTitle: "Demo", descriptionMarkdown: "# Demo task\n", code: "print(1)\n", codePath: nil,
                             defaultSavePath: "demo.py", board: Fixtures.board, themes: settings.themes, themeIndex: settings.themeIndex,
                             keyMap: settings.keyMap, width: 100, height: 30)
        _ = AppUpdate.update(&state, .tick(now: 100))
        return state
    }

    @Test func theConfigsThemeAndKeysResolveAndTheFlagAndEnvironmentWin() throws {
        let settings = Self.settings()
        #expect(settings.notes.isEmpty, "\(settings.notes)")
        #expect(settings.themes[settings.themeIndex].name == "paper")
        #expect(settings.keyMap.command(for: .ctrl("r"), contexts: [.global]) == .execute)
        #expect(Self.settings(environment: ["DOJO_THEME": BuiltinThemes.defaultName]).themes[0].name == BuiltinThemes.defaultName)
        let flagged = Self.settings(themeFlag: BuiltinThemes.defaultName)
        #expect(flagged.themes[flagged.themeIndex].name == BuiltinThemes.defaultName)
        let monochrome = Self.settings(environment: ["NO_COLOR": "1"])
        #expect(monochrome.noColor && monochrome.themes.count == 1)
        // A bad config and an unknown theme are said, not fatal.
        let bad = Self.settings("theme = \"nope\"\n[keys]\nexecute = \"hyper-x\"\n")
        #expect(bad.notes.contains { $0.hasPrefix("config error:") && $0.contains("hyper-x") }, "\(bad.notes)")
        #expect(bad.keyMap == .standard)
        let unknown = Self.settings("theme = \"nope\"\n")
        #expect(unknown.notes == ["no theme named \"nope\" (see `dojo themes`) — using \(BuiltinThemes.defaultName)"])
    }

    @Test func playTakesTheConfigsThemeAndRebinding() {
        var state = Self.state(Self.settings())
        #expect(state.theme.name == "paper")
        #expect(AppView.render(state).text.contains("C-r run"))
        #expect(AppUpdate.update(&state, .key(.f(5))).isEmpty)
        #expect(AppUpdate.update(&state, .key(.ctrl("r"))) == [.runStep(.executeCode("print(1)\n"))])
    }

    @Test func copilotTakesTheConfigsThemeAndRebinding() {
        var state = Self.state(Self.settings())
        state.mode = .copilot(CopilotState(command: "python3 agent.py"))
        _ = AppUpdate.update(&state, .episodeStarted(EpisodeStart(
            budget: Budget(stepsUsed: 0, stepsLeft: 50, secondsLeft: 7200), dataStructure: "", sampleSubmission: "", sandbox: "none",
            trajectoryPath: "/tmp/t.dojo.jsonl", at: 100)))
        #expect(state.theme.name == "paper")
        #expect(state.mode.copilot?.control == .agent)
        _ = AppUpdate.update(&state, .key(.alt("t")))
        #expect(state.mode.copilot?.control == .agent)
        #expect(AppUpdate.update(&state, .key(.alt("o"))) == [.copilot(.control(to: .human, reason: "the person took over"))])
        #expect(state.mode.copilot?.control == .human)
    }

    @Test func watchTakesTheConfigsThemeAndRebinding() {
        var state = Self.state(Self.settings())
        state.mode = .watch(WatchState(source: "/tmp/w.dojo.jsonl"))
        func step(_ n: Int, _ code: String) -> TrajectoryEvent {
            .step(StepRecord(index: n, t: Double(n), actor: .agent, action: .executeCode(code),
                             observation: Fixtures.observation(step: n, score: 0.8, stderr: "")))
        }
        _ = AppUpdate.update(&state, .trajectory(.init(events: [step(1, "one"), step(2, "two")])))
        _ = AppUpdate.update(&state, .key(.char("p")))
        #expect(state.editor.text == "one")
        // `n` no longer moves (and, read-only, types nothing); `l` does.
        _ = AppUpdate.update(&state, .key(.char("n")))
        #expect(state.editor.text == "one")
        _ = AppUpdate.update(&state, .key(.char("l")))
        #expect(state.editor.text == "two")
        #expect(state.theme.name == "paper")
        #expect(AppView.render(state).text.contains("l/p step  f follow  q quit"))
    }

    @Test func replayTakesTheConfigsThemeAndRebinding() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let url = try ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)
        var replay = try ReplayHarness([url])
        let settings = Self.settings()
        replay.state.themes = settings.themes
        replay.state.themeIndex = settings.themeIndex
        replay.state.keyMap = settings.keyMap
        #expect(replay.shownStep == 1)
        replay.keys(.char("n"))
        #expect(replay.shownStep == 1)
        replay.keys(.char("l"))
        #expect(replay.shownStep == 2)
        #expect(replay.state.theme.name == "paper")
        // The rest of the replay keys keep their defaults.
        replay.keys(.char("G"))
        #expect(replay.shownStep == 5)
    }
}
