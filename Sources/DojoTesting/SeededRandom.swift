import DojoKit

/// A seeded generator, so a randomized test sees the same inputs on every run.
public typealias SeededRandom = SplitMix64
