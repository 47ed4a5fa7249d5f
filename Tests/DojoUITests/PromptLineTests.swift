import DojoEffects
import DojoKit
@testable import DojoUI
import DojoTesting
import Testing

/// Issue 17, bug 4: every prompt is one behaviour. It starts empty (the last answer shown in
/// brackets), Enter on an empty line takes the last answer, Up puts it on the line to edit, Ctrl-U
/// clears the line — the editor's find, the logs' find, go to line, save as, replay's search.
@Suite struct PromptLineTests {
    func press(_ key: Key, _ state: inout AppState) -> [Effect] { AppUpdate.update(&state, .key(key)) }
    func type(_ text: String, _ state: inout AppState) { for c in text { _ = press(.char(c), &state) } }

    @Test func theLineEditingKeys() {
        var text = "fit"
        #expect(PromptLine.edit(.ctrl("u"), &text, previous: "Pclass"))
        #expect(text == "")
        #expect(PromptLine.edit(Key(.up), &text, previous: "Pclass"))
        #expect(text == "Pclass")
        #expect(PromptLine.edit(Key(.backspace), &text, previous: ""))
        #expect(text == "Pclas")
        #expect(PromptLine.edit(.char("s"), &text, previous: ""))
        #expect(text == "Pclass")
        // Up with nothing to recall leaves the line.
        #expect(PromptLine.edit(Key(.up), &text, previous: ""))
        #expect(text == "Pclass")
        #expect(!PromptLine.edit(.ctrl("x"), &text, previous: ""))
        #expect(!PromptLine.edit(Key(.enter), &text, previous: ""))
    }

    /// The walk-through's `fitPclass`: a second find starts empty, not with the last term to append to.
    @Test func theEditorsFindStartsEmptyAndEnterAloneRepeats() {
        var state = Fixtures.state(code: "model.fit(X)\nPclass = 1\nfit again\n")
        _ = press(.ctrl("f"), &state)
        type("fit", &state)
        _ = press(Key(.enter), &state)
        #expect(state.editor.selectedText == "fit")
        #expect(state.editor.cursor.line == 0)
        _ = press(.ctrl("f"), &state)
        #expect(state.prompt?.text == "")
        #expect(state.prompt?.label == "Find [fit]: ")
        #expect(AppView.render(state).text.contains("Find [fit]:"))
        type("Pclass", &state)
        #expect(state.prompt?.text == "Pclass")
        _ = press(Key(.enter), &state)
        #expect(state.editor.selectedText == "Pclass")
        #expect(state.editor.cursor.line == 1)
        // Enter on the empty prompt finds the last term again.
        _ = press(.ctrl("f"), &state)
        _ = press(Key(.enter), &state)
        #expect(state.editor.cursor.line == 1)
        #expect(state.lastQuery == "Pclass")
        // Ctrl-U clears what was typed; Up brings the last term back to edit.
        _ = press(.ctrl("f"), &state)
        type("zzz", &state)
        _ = press(.ctrl("u"), &state)
        #expect(state.prompt?.text == "")
        _ = press(Key(.up), &state)
        #expect(state.prompt?.text == "Pclass")
        _ = press(.ctrl("u"), &state)
        type("fit", &state)
        _ = press(Key(.enter), &state)
        #expect(state.editor.cursor.line == 2)
    }

    @Test func theLogsFindIsTheSamePrompt() {
        var state = Fixtures.state()
        state.logs.append("training fit done", "log.stdout")
        state.logs.append("Pclass has 3 values", "log.stdout")
        _ = press(.alt("3"), &state)
        _ = press(.ctrl("f"), &state)
        type("fit", &state)
        _ = press(Key(.enter), &state)
        #expect(state.logs.match.map { state.logs.lines[$0].text } == "training fit done")
        _ = press(.ctrl("f"), &state)
        #expect(state.prompt?.text == "")
        type("Pclass", &state)
        _ = press(Key(.enter), &state)
        #expect(state.logs.match.map { state.logs.lines[$0].text } == "Pclass has 3 values")
        #expect(state.focus == .logs)
    }

    @Test func goToLineAndSaveAsClearWithCtrlU() {
        var state = Fixtures.state(code: "a\nb\nc\n")
        _ = press(.ctrl("g"), &state)
        type("12", &state)
        _ = press(.ctrl("u"), &state)
        type("3", &state)
        _ = press(Key(.enter), &state)
        #expect(state.editor.cursor.line == 2)
        _ = press(.alt("s"), &state)
        #expect(state.prompt?.text == "")
        type("wrong.py", &state)
        _ = press(.ctrl("u"), &state)
        _ = press(Key(.up), &state)
        #expect(state.prompt?.text == "demo-solution.py")
    }

    /// Replay's prompts (search, go to step, note) clear with Ctrl-U and recall with Up too.
    @Test func replaysSearchClearsWithCtrlU() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var replay = try ReplayHarness([ReplayUpdateTests.write(ReplayUpdateTests.fiveSteps, temp: temp)])
        replay.keys(.char("/"))
        replay.type("NEEDLE")
        replay.keys(Key(.enter))
        #expect(replay.shownStep == 3)
        replay.keys(.char("/"))
        replay.type("zzz")
        replay.keys(.ctrl("u"))
        #expect(replay.state.mode.replay?.prompt?.text == "")
        replay.keys(Key(.up))
        #expect(replay.state.mode.replay?.prompt?.text == "NEEDLE")
        replay.keys(.ctrl("u"))
        replay.type("print(")
        replay.keys(Key(.enter))
        #expect(replay.shownStep == 4)
    }

    /// The task picker's and the runs browser's filters clear with Ctrl-U as well.
    @Test func thePickersAndTheRunsBrowsersFiltersClearWithCtrlU() {
        var picker = PickerUpdateTests().picking()
        for c in "tit" { _ = AppUpdate.update(&picker, .key(.char(c))) }
        #expect(picker.mode.picker?.filter == "tit")
        _ = AppUpdate.update(&picker, .key(.ctrl("u")))
        #expect(picker.mode.picker?.filter == "")
        var runs = RunsUpdateTests().browsing()
        _ = AppUpdate.update(&runs, .key(.char("/")))
        for c in "tit" { _ = AppUpdate.update(&runs, .key(.char(c))) }
        #expect(runs.mode.runs?.filter == "tit")
        _ = AppUpdate.update(&runs, .key(.ctrl("u")))
        #expect(runs.mode.runs?.filter == "")
        #expect(runs.mode.runs?.editingFilter == true)
    }
}
