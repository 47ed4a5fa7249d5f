// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dojo",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dojo", targets: ["dojo"]),
        .library(name: "DojoKit", targets: ["DojoKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // `dojo mcp`: the official MCP SDK (stdio transport). It builds MCP, swift-log and swift-system;
        // swift-nio is resolved for its conformance server only and never built here.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    ],
    targets: [
        // The only importer of ncurses is the terminal layer; the shim makes its C globals usable from Swift 6.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // System calls: process spawning with a new session and exact fd control, which Foundation.Process
        // does not offer; pipes, signals, descriptor passing.
        .target(name: "CDojoSys"),
        // Scanners and parsers (no system calls): SHA-256, the trajectory JSON scanner, the decimal parser
        // (Eisel–Lemire) and the CSV record scanner — C so they are fast in debug builds too.
        .target(name: "CDojoScan"),
        .target(
            name: "DojoKit",
            dependencies: ["CDojoSys", "CDojoScan", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The UI layer: pure rendering into a screen buffer, widgets, themes, key map, app state and update.
        .target(
            name: "DojoUI",
            dependencies: ["DojoKit", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The workbench's file side: carries out the pure UI's effects that read or write files
        // (replay's records, search and notes), so DojoUI itself does no I/O.
        .target(name: "DojoEffects", dependencies: ["DojoUI", "DojoKit"]),
        // The terminal layer: the only importer of ncurses.
        .target(name: "DojoTerminal", dependencies: ["CNcursesw", "DojoUI"]),
        .target(name: "DojoTesting", dependencies: ["DojoKit", "DojoUI"]),
        .executableTarget(
            name: "dojo",
            dependencies: ["DojoKit", "DojoUI", "DojoEffects", "DojoTerminal",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "MCP", package: "swift-sdk")]
        ),
        // `swift run -c release dojo-bench`: full-frame render and keystroke-to-frame medians.
        .executableTarget(name: "dojo-bench", dependencies: ["DojoUI", "DojoKit"], path: "Sources/DojoBench"),
        .testTarget(name: "DojoKitTests", dependencies: ["DojoKit", "DojoTesting"]),
        .testTarget(name: "DojoCLITests", dependencies: ["DojoKit", "DojoTesting"]),
        .testTarget(name: "CNcurseswTests", dependencies: ["CNcursesw"]),
        // Replay's update tests drive a real `ReplayStore` (DojoEffects) on real files, as the session does.
        .testTarget(name: "DojoUITests", dependencies: ["DojoUI", "DojoEffects", "DojoKit", "DojoTesting"]),
        .testTarget(name: "DojoTerminalTests", dependencies: ["DojoTerminal", "DojoUI", "DojoKit", "DojoTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
