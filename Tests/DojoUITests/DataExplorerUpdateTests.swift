import DojoKit
import DojoTesting
@testable import DojoUI
import Foundation
import Testing

/// The data explorer overlay: asked for once, drawn from the profile, driven by keys and the mouse.
@Suite struct DataExplorerUpdateTests {
    static let train = """
    PassengerId,Survived,Pclass,Sex,Age,Fare
    1,0,3,male,22,7.25
    2,1,1,female,38,71.2833
    3,1,3,female,,7.925
    4,1,1,female,35,53.1
    5,0,3,male,35,8.05
    6,0,3,male,,8.4583
    7,0,1,male,54,51.8625
    8,0,3,male,2,21.075

    """

    /// A real profile of a small public folder (Dojo's profiler), and the state with the explorer's source.
    static func state(_ temp: TemporaryDirectory, width: Int = 80, height: Int = 24) -> (AppState, DataExplorerState.Answer) {
        _ = temp.write("public/train.csv", train)
        _ = temp.write("public/test.csv", "PassengerId,Pclass,Sex,Age,Fare\n9,3,female,27,11.1333\n")
        _ = temp.write("public/sample_submission.csv", "PassengerId,Survived\n9,0\n")
        let source = DataProfile.Source(taskID: "demo", digest: "abc", seed: 7, publicDirectory: temp.file("public"))
        var state = Fixtures.state(width: width, height: height)
        state.data = DataExplorerState(source: source)
        let answer = DataExplorerState.Answer(profile: DataProfiler.profile(source), problem: nil, fromCache: false, seconds: 0.25)
        return (state, answer)
    }

    @Test func theFirstOpenAsksForTheProfileAndTheSecondIsInstant() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var (state, answer) = Self.state(temp)
        let effects = AppUpdate.update(&state, .key(.alt("i")))
        #expect(effects == [.profileData(state.data.source!)])
        #expect(AppView.render(state).text.contains("Reading input/ (Dojo's CSV loader, the public files only)…"))
        // A second key while it is read asks for nothing more.
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(AppUpdate.update(&state, .key(.alt("i"))).isEmpty)
        _ = AppUpdate.update(&state, .dataProfile(answer))
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(state.overlay == nil)
        #expect(AppUpdate.update(&state, .key(.alt("i"))).isEmpty)
        #expect(state.overlay == .data && state.data.profile != nil)
    }

    @Test func filesColumnsHistogramAndFirstRowsAt80x24() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var (state, answer) = Self.state(temp)
        _ = AppUpdate.update(&state, .key(.alt("i")))
        _ = AppUpdate.update(&state, .dataProfile(answer))
        // train.csv is chosen first; Fare is the sixth column.
        for _ in 0..<5 { _ = AppUpdate.update(&state, .key(Key(.down))) }
        #expect(state.data.selectedColumn?.name == "Fare")
        ScreenAssertions.expect(text: LeaderboardUpdateTests.crop(AppView.render(state), rows: 0..<23, columns: 0..<80), """
        ┌─ Data · input/ · A-i or Esc closes · ↑↓ column · ←→ file · Enter head ───────┐
        │ sample_submis 25 B│ train.csv · 8 rows × 6 columns · 205 B                   │
        │ test.csv      54 B│ Fare · float · 0 missing · 8 unique                      │
        │▶train.csv    205 B│ ⣿⣿                                                       │
        │                   │ ⣿⣿                                                       │
        │                   │ ⣿⣿                                     ⢸⣿                │
        │                   │ ⣿⣿         ⣿⡇                          ⢸⣿              ⢸⣿│
        │                   │ min 7.25       mean 28.63 · tallest bar 4       max 71.28│
        │                   │                                                          │
        │                   │ column         type  missing  unique       min       max │
        │                   │ PassengerId    int         0       8         1         8 │
        │                   │ Survived       int         0       2         0         1 │
        │                   │ Pclass         int         0       2         1         3 │
        │                   │ Sex            text        0       2                     │
        │                   │ Age            int         2       5         2        54 │
        │                   │ Fare           float       0       8      7.25     71.28 │
        │                   │ PassengerId Survived Pclass Sex    Age Fare              │
        │                   │ 1           0        3      male   22  7.25              │
        │                   │ 2           1        1      female 38  71.2833           │
        │                   │ 3           1        3      female     7.925             │
        │                   │ 4           1        1      female 35  53.1              │
        │computed in 0.25 s │ 5           0        3      male   35  8.05              │
        └──────────────────────────────────────────────────────────────────────────────┘
        """)
    }

    @Test func aTextColumnShowsItsCommonestValuesAt120x40() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var (state, answer) = Self.state(temp, width: 120, height: 40)
        _ = AppUpdate.update(&state, .key(.alt("i")))
        _ = AppUpdate.update(&state, .dataProfile(answer))
        for _ in 0..<3 { _ = AppUpdate.update(&state, .key(Key(.down))) }
        #expect(state.data.selectedColumn?.name == "Sex")
        ScreenAssertions.expect(text: LeaderboardUpdateTests.crop(AppView.render(state), rows: 0..<39, columns: 0..<120), """
        ┌─ Data · input/ · A-i or Esc closes · ↑↓ column · ←→ file · Enter head ───────────────────────────────────────────────┐
        │ sample_submission.csv   25 B│ train.csv · 8 rows × 6 columns · 205 B                                                 │
        │ test.csv                54 B│ Sex · text · 0 missing · 2 unique                                                      │
        │▶train.csv              205 B│ male   ⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿ 5       │
        │                             │ female ⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿⣿ 3                                    │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │ column         type  missing  unique       min       max      mean                     │
        │                             │ PassengerId    int         0       8         1         8       4.5                     │
        │                             │ Survived       int         0       2         0         1     0.375                     │
        │                             │ Pclass         int         0       2         1         3      2.25                     │
        │                             │ Sex            text        0       2                                                   │
        │                             │ Age            int         2       5         2        54        31                     │
        │                             │ Fare           float       0       8      7.25     71.28     28.63                     │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │                                                                                        │
        │                             │ PassengerId Survived Pclass Sex    Age Fare                                            │
        │                             │ 1           0        3      male   22  7.25                                            │
        │                             │ 2           1        1      female 38  71.2833                                         │
        │                             │ 3           1        3      female     7.925                                           │
        │                             │ 4           1        1      female 35  53.1                                            │
        │                             │ 5           0        3      male   35  8.05                                            │
        │                             │ 6           0        3      male       8.4583                                          │
        │                             │ 7           0        1      male   54  51.8625                                         │
        │computed in 0.25 s           │ 8           0        3      male   2   21.075                                          │
        └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
        """)
    }

    @Test func enterOpensTheCSVsHeadReadOnlyAndEscGoesBack() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var (state, answer) = Self.state(temp)
        _ = AppUpdate.update(&state, .key(.alt("i")))
        _ = AppUpdate.update(&state, .dataProfile(answer))
        _ = AppUpdate.update(&state, .key(Key(.enter)))
        #expect(state.data.viewingHead)
        let screen = AppView.render(state).text
        #expect(screen.contains("input/train.csv · first lines, read-only"), "\(screen)")
        #expect(screen.contains(" 1 PassengerId,Survived,Pclass,Sex,Age,Fare") && screen.contains(" 9 8,0,3,male,2,21.075"), "\(screen)")
        // Typing does nothing to the buffer: the view is read-only.
        let before = state.editor.text
        _ = AppUpdate.update(&state, .key(.char("x")))
        #expect(state.editor.text == before)
        _ = AppUpdate.update(&state, .key(Key(.right)))
        #expect(AppView.render(state).text.contains(" 1 rId,Survived,Pclass"))
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(!state.data.viewingHead && state.overlay == .data)
        _ = AppUpdate.update(&state, .key(Key(.escape)))
        #expect(state.overlay == nil)
    }

    @Test func leftAndRightChooseTheFileAndTheMouseClicksOne() {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        var (state, answer) = Self.state(temp)
        _ = AppUpdate.update(&state, .key(.alt("i")))
        _ = AppUpdate.update(&state, .dataProfile(answer))
        #expect(state.data.selectedFile?.path == "train.csv")
        _ = AppUpdate.update(&state, .key(Key(.left)))
        #expect(state.data.selectedFile?.path == "test.csv")
        _ = AppUpdate.update(&state, .key(Key(.left)))
        #expect(state.data.selectedFile?.path == "sample_submission.csv")
        // The file list starts on the box's second row: train.csv is its third row.
        let files = DataExplorerView.frame(width: 80, height: 24).files
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.press(.left), x: files.x + 2, y: files.y + 2)))
        #expect(state.data.selectedFile?.path == "train.csv")
        _ = AppUpdate.update(&state, .mouse(MouseEvent(.wheelDown, x: 40, y: 10)))
        #expect(state.data.selectedColumn?.name == "Survived")
    }

    @Test func withoutPreparedDataTheExplorerSaysWhy() {
        var state = Fixtures.state()
        #expect(AppUpdate.update(&state, .key(.alt("i"))).isEmpty)
        #expect(AppView.render(state).text.contains("No public data to explore here"))
    }
}
