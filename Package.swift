// swift-tools-version:6.0
import PackageDescription

// Vigía: no package dependencies. Foundation and libcurl (through the CCurl system library) only.
let package = Package(
    name: "Vigia",
    products: [
        .executable(name: "vigia", targets: ["vigia"]),
        .executable(name: "vigia-bench", targets: ["vigia-bench"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The only module that imports CCurl.
        .target(name: "CurlTransport", dependencies: ["CCurl"]),
        // Pure logic: no I/O, time passed in.
        .target(
            name: "ReputationCore",
            resources: [.copy("Rules")]
        ),
        // I/O and wiring: configuration, polling, stores, notifiers, CLI.
        .target(name: "Monitor", dependencies: ["CurlTransport", "ReputationCore"]),
        .executableTarget(name: "vigia", dependencies: ["Monitor"]),
        .executableTarget(name: "vigia-bench", dependencies: ["Monitor", "ReputationCore", "CurlTransport"]),
        .testTarget(name: "CurlTransportTests", dependencies: ["CurlTransport"]),
        .testTarget(name: "ReputationCoreTests", dependencies: ["ReputationCore"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "ReputationCore", "CurlTransport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Monitor", "vigia"]),
    ],
    swiftLanguageModes: [.v6]
)
