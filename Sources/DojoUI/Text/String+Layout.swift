/// Text helpers the widgets share: padding and trimming by columns, tab and line-end normalising.
extension String {
    func padding(to width: Int) -> String {
        let w = CharWidth.of(self)
        return w >= width ? self + " " : self + String(repeating: " ", count: width - w)
    }

    /// Cut to at most `width` columns, with `…` as the last column when something was cut.
    func truncated(to width: Int) -> String {
        guard CharWidth.of(self) > width else { return self }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for c in self {
            let w = CharWidth.of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    /// Tabs to spaces (4-column stops), CRLF and lone CR to LF.
    func replacingTabsAndReturns() -> String {
        guard unicodeScalars.contains(where: { $0 == "\t" || $0 == "\r" }) else { return self }
        var out = String.UnicodeScalarView()
        let scalars = Array(unicodeScalars)
        var column = 0
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            switch s {
            case "\r":
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                out.append("\n")
                column = 0
            case "\n":
                out.append(s)
                column = 0
            case "\t":
                let n = 4 - column % 4
                for _ in 0..<n { out.append(" ") }
                column += n
            default:
                out.append(s)
                column += 1
            }
            i += 1
        }
        return String(out)
    }

    func leftPadded(_ width: Int) -> String {
        let w = CharWidth.of(self)
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}
