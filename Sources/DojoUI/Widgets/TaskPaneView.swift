/// The Task pane: the description as markdown, or a `request_info` answer, scrolled.
enum TaskPaneView {
    static func draw(_ state: AppState, in rect: Rect, _ buffer: inout ScreenBuffer) {
        let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let all: [StyledLine]
        if let cached = state.taskLines, cached.key.width == inner.width, cached.key.view == state.taskView {
            all = cached.lines
        } else {
            all = state.renderTaskLines(width: inner.width)
        }
        let top = min(state.taskScroll, max(0, all.count - inner.height))
        AppView.lines(all[min(top, all.count)...], in: inner, theme: state.theme, &buffer)
        if all.count > inner.height, inner.height > 2 {
            let percent = all.count <= inner.height ? 100 : min(100, (top + inner.height) * 100 / all.count)
            let label = " \(percent)% "
            buffer.write(label, x: rect.maxX - CharWidth.of(label), y: rect.maxY - 1, style: state.theme.style("ui.text.dim"))
        }
    }
}
