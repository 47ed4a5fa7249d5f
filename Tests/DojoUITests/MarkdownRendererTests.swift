import DojoUI
import Testing

@Suite struct MarkdownRendererTests {
    @Test func rendersHeadingsEmphasisListsCodeTablesLinks() {
        let markdown = """
        # Title

        Some *emphasis*, **bold** and `code` with a [link](https://x.org).

        - first item that is long enough to wrap
        - second

        ```
        print("hi")
        ```

        | file | rows |
        |---|---|
        | train.csv | 982 |
        """
        let lines = MarkdownRenderer.render(markdown, width: 30)
        #expect(lines.map(\.text) == [
            "Title",
            "═════",
            "",
            "Some emphasis, bold and code",
            "with a link <https://x.org>.",
            "",
            "• first item that is long",
            "  enough to wrap",
            "• second",
            "",
            "  print(\"hi\")",
            "",
            "file      │ rows",
            "──────────┼─────",
            "train.csv │ 982 ",
        ])
        let scopes = Dictionary(lines[3].spans.map { ($0.text, $0.scope) }, uniquingKeysWith: { a, _ in a })
        #expect(scopes["emphasis"] == "markup.italic")
        #expect(scopes["bold"] == "markup.bold")
        #expect(scopes["code"] == "markup.raw")
        #expect(lines[0].spans.first?.scope == "markup.heading.1")
    }

    /// A table wider than the pane wraps its cells (issue 17: tables were cut with "…", even zoomed):
    /// words stay whole while a column can hold its longest one.
    @Test func wideTablesWrapTheirCellsToTheWidth() {
        let lines = MarkdownRenderer.render("| a very long header | b |\n|---|---|\n| x | y |", width: 12)
        #expect(lines.allSatisfy { $0.width <= 12 })
        #expect(lines.map(\.text) == ["a very   │ b", "long     │  ", "header   │  ", "─────────┼──", "x        │ y"])
        #expect(!lines.contains { $0.text.contains("…") })
    }
}
