/// Maps theme colours to what the terminal has: the nearest of 256, 16 or 8 colours, or none (NO_COLOR).
public struct ColorMapper: Sendable {
    public enum Mode: Sendable, Equatable {
        case none, ansi8, ansi16, indexed256
    }

    public var mode: Mode

    public init(mode: Mode) { self.mode = mode }

    /// The mode for a terminal with `colors` colours, unless `NO_COLOR` is set (to anything non-empty).
    public static func mode(colors: Int, noColor: Bool) -> Mode {
        if noColor || colors < 8 { return .none }
        if colors >= 256 { return .indexed256 }
        return colors >= 16 ? .ansi16 : .ansi8
    }

    public func map(_ style: Style) -> Style {
        if mode == .none {
            // Without colour, keep what attributes alone can show.
            return Style(attributes: style.attributes)
        }
        return Style(foreground: map(style.foreground), background: map(style.background), attributes: style.attributes)
    }

    public func map(_ color: Color) -> Color {
        switch (mode, color) {
        case (.none, _), (_, .default): return .default
        case (.indexed256, .indexed): return color
        case (.ansi16, .indexed(let i)): return i < 16 ? color : nearest(Self.rgb(of: i), among: 0..<16)
        case (.ansi8, .indexed(let i)): return i < 8 ? color : i < 16 ? .indexed(i - 8) : nearest(Self.rgb(of: i), among: 0..<8)
        case (.indexed256, .rgb(let r, let g, let b)): return nearest((r, g, b), among: 16..<256)
        case (.ansi16, .rgb(let r, let g, let b)): return nearest((r, g, b), among: 0..<16)
        case (.ansi8, .rgb(let r, let g, let b)): return nearest((r, g, b), among: 0..<8)
        }
    }

    private func nearest(_ rgb: (UInt8, UInt8, UInt8), among range: Range<Int>) -> Color {
        var best = range.lowerBound
        var bestDistance = Int.max
        for index in range {
            let candidate = Self.rgb(of: UInt8(index))
            // Weighted RGB distance (the "redmean" approximation of perceived difference).
            let rmean = (Int(rgb.0) + Int(candidate.0)) / 2
            let dr = Int(rgb.0) - Int(candidate.0), dg = Int(rgb.1) - Int(candidate.1), db = Int(rgb.2) - Int(candidate.2)
            let distance = (((512 + rmean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rmean) * db * db) >> 8)
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return .indexed(UInt8(best))
    }

    /// The xterm default RGB of an indexed colour.
    public static func rgb(of index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return ansi16[i] }
        if i < 232 {
            let n = i - 16
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            return (levels[n / 36], levels[n / 6 % 6], levels[n % 6])
        }
        let gray = UInt8(8 + (i - 232) * 10)
        return (gray, gray, gray)
    }

    static let ansi16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
