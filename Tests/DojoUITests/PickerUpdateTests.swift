import DojoKit
@testable import DojoUI
import Foundation
import Testing

/// The task picker, key by key and frame by frame.
@Suite struct PickerUpdateTests {
    static let entries = [
        PickerState.Entry(id: "diamonds", title: "Diamond prices", kind: "tabular regression", size: "1.2 MB", metric: "rmse ↓", best: nil),
        PickerState.Entry(id: "fixture", title: "A tiny fixture", kind: "tabular regression", size: nil, metric: "rmse ↓",
                          best: "0.5 · 2 runs"),
        PickerState.Entry(id: "titanic", title: "Titanic survival", kind: "tabular classification", size: "61.2 KB",
                          metric: "accuracy ↑", best: "0.8123 · gold · 3 runs"),
        PickerState.Entry(id: "broken", title: "", kind: "", size: nil, metric: "", best: nil, problem: "task.toml: missing [metric]"),
    ]

    func picking(keyMap: KeyMap = .standard, width: Int = 100, height: Int = 12) -> AppState {
        var state = AppState(taskID: "", taskTitle: "", descriptionMarkdown: "", code: "", codePath: nil, defaultSavePath: "",
                             board: nil, themes: [Fixtures.theme()], keyMap: keyMap, width: width, height: height)
        state.mode = .picker(PickerState(entries: Self.entries, source: "/repo/Tasks"))
        _ = AppUpdate.update(&state, .tick(now: 100))
        return state
    }

    func screen(_ state: AppState) -> String { AppView.render(state).text }

    @Test func listsEveryTaskWithKindSizeMetricAndYourBest() {
        let state = picking()
        let text = screen(state)
        #expect(text.contains("Dojo · choose a task · 4 of 4"), "\(text)")
        #expect(text.contains("task      kind"), "\(text)")
        #expect(text.contains("your best"), "\(text)")
        #expect(text.contains("▸diamonds  tabular regression"), "\(text)")
        #expect(text.contains("titanic   tabular classification  Titanic survival"), "\(text)")
        #expect(text.contains("61.2 KB"), "\(text)")
        #expect(text.contains("accuracy ↑"), "\(text)")
        #expect(text.contains("0.8123 · gold · 3 runs"), "\(text)")
        #expect(text.contains("[broken] task.toml…"), "\(text)")
        #expect(text.contains("Enter open  type to filter  C-q quit"), "\(text)")
    }

    @Test func arrowsMoveTypingFiltersAndEnterChooses() {
        var state = picking()
        _ = AppUpdate.update(&state, .key(Key(.down)))
        #expect(state.mode.picker?.selected?.id == "fixture")
        _ = AppUpdate.update(&state, .key(Key(.end)))
        #expect(state.mode.picker?.selected?.id == "broken")
        // Letters filter (g and G are not the panes' top/bottom here).
        for c in "tItAn" { _ = AppUpdate.update(&state, .key(.char(c))) }
        #expect(state.mode.picker?.matches == [2])
        #expect(screen(state).contains("filter: tItAn"))
        #expect(screen(state).contains("1 of 4"))
        #expect(AppUpdate.update(&state, .key(Key(.enter))) == [.quit])
        #expect(state.mode.picker?.chosen == "titanic")
    }

    @Test func escClearsTheFilterThenQuitsAndNothingMatchingIsSaid() {
        var state = picking()
        for c in "zzz" { _ = AppUpdate.update(&state, .key(.char(c))) }
        #expect(screen(state).contains("no task matches \"zzz\""))
        #expect(AppUpdate.update(&state, .key(Key(.enter))).isEmpty)
        #expect(state.mode.picker?.chosen == nil)
        _ = AppUpdate.update(&state, .key(Key(.backspace)))
        #expect(state.mode.picker?.filter == "zz")
        #expect(AppUpdate.update(&state, .key(Key(.escape))).isEmpty)
        #expect(state.mode.picker?.filter == "")
        #expect(AppUpdate.update(&state, .key(Key(.escape))) == [.quit])
        #expect(state.mode.picker?.chosen == nil)
        var again = picking()
        #expect(AppUpdate.update(&again, .key(.ctrl("q"))) == [.quit])
    }

    @Test func aBrokenTaskCannotBeOpened() {
        var state = picking()
        _ = AppUpdate.update(&state, .key(Key(.end)))
        #expect(AppUpdate.update(&state, .key(Key(.enter))).isEmpty)
        #expect(state.mode.picker?.chosen == nil)
        #expect(state.message?.text == "broken cannot be opened: task.toml: missing [metric]")
    }

    @Test func theListScrollsWithTheCursorAndARebindingApplies() throws {
        let keyMap = try KeyMap.standard.overriding(withConfig: "[keys]\npicker_open = \"ctrl-o\"\n", file: "config.toml")
        var state = picking(keyMap: keyMap, height: 5)  // two list rows
        _ = AppUpdate.update(&state, .key(Key(.down)))
        _ = AppUpdate.update(&state, .key(Key(.down)))
        #expect(state.mode.picker?.top == 1)
        #expect(!screen(state).contains("diamonds"))
        #expect(AppUpdate.update(&state, .key(Key(.enter))).isEmpty)
        #expect(AppUpdate.update(&state, .key(.ctrl("o"))) == [.quit])
        #expect(state.mode.picker?.chosen == "titanic")
    }
}
