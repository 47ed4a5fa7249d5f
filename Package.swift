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
    ],
    targets: [
        // The only importer of ncurses is the terminal layer; the shim makes its C globals usable from Swift 6.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // Process spawning with a new session and exact fd control, which Foundation.Process does not offer.
        .target(name: "CDojoSys"),
        .target(
            name: "DojoKit",
            dependencies: ["CDojoSys", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(name: "DojoTesting", dependencies: ["DojoKit"]),
        .executableTarget(
            name: "dojo",
            dependencies: ["DojoKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "DojoKitTests", dependencies: ["DojoKit", "DojoTesting"]),
        .testTarget(name: "DojoCLITests", dependencies: ["DojoKit", "DojoTesting"]),
        .testTarget(name: "CNcurseswTests", dependencies: ["CNcursesw"]),
    ],
    swiftLanguageModes: [.v6]
)
