// swift-tools-version: 6.2
import PackageDescription

/// Settings every Ballast target shares: Swift 6 language mode (set package-wide below),
/// strict concurrency (implied by Swift 6) and warnings treated as errors.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error)
]

let package = Package(
    name: "Ballast",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ballast", targets: ["BallastCLI"]),
        .library(name: "BallastCommandLine", targets: ["BallastCommandLine"]),
        .library(name: "BallastCore", targets: ["BallastCore"]),
        .library(name: "BallastRisk", targets: ["BallastRisk"]),
        .library(name: "BallastStrategies", targets: ["BallastStrategies"]),
        .library(name: "BallastReports", targets: ["BallastReports"]),
        .library(name: "BallastEngine", targets: ["BallastEngine"]),
        .library(name: "BallastPorts", targets: ["BallastPorts"]),
        .library(name: "BallastConfig", targets: ["BallastConfig"]),
        .library(name: "BallastExternal", targets: ["BallastExternal"]),
        .library(name: "BallastTestKit", targets: ["BallastTestKit"]),
        .library(name: "BallastStore", targets: ["BallastStore"]),
        .library(name: "BallastLive", targets: ["BallastLive"]),
        .library(name: "BallastBinance", targets: ["BallastBinance"]),
        .library(name: "BallastFakeExchange", targets: ["BallastFakeExchange"]),
        .library(name: "BallastHTMLReport", targets: ["BallastHTMLReport"]),
        .library(name: "BallastSweep", targets: ["BallastSweep"]),
        .library(name: "BallastServe", targets: ["BallastServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", exact: "1.1.4"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    ],
    targets: [
        .target(name: "BallastCore", swiftSettings: strict),
        .target(name: "BallastRisk", dependencies: ["BallastCore"], swiftSettings: strict),
        .target(name: "BallastStrategies", dependencies: ["BallastCore", "BallastRisk"], swiftSettings: strict),
        .target(name: "BallastReports", dependencies: ["BallastCore"], swiftSettings: strict),
        /// The feed and venue protocols and their values: what a live run talks to, and what
        /// exchange adapters implement without depending on the engine.
        .target(name: "BallastPorts", dependencies: ["BallastCore"], swiftSettings: strict),
        .target(
            name: "BallastEngine",
            dependencies: ["BallastCore", "BallastRisk", "BallastStrategies", "BallastReports", "BallastPorts"],
            swiftSettings: strict
        ),
        .target(
            name: "BallastExternal",
            dependencies: [
                "BallastCore", "BallastStrategies", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastConfig",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastStrategies", "BallastEngine", "BallastExternal",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastTestKit", dependencies: ["BallastCore", "BallastRisk", "BallastStrategies", "BallastEngine"],
            swiftSettings: strict),
        .target(
            name: "BallastStore",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastReports", "BallastEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastLive",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastStrategies", "BallastEngine", "BallastStore", "BallastConfig",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastBinance",
            dependencies: [
                "BallastCore", "BallastPorts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastFakeExchange",
            dependencies: [
                "BallastCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastHTMLReport",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastReports", "BallastConfig", "BallastStore",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastSweep",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastConfig", "BallastEngine", "BallastReports", "BallastStore",
                "BallastHTMLReport",
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastServe",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastReports", "BallastEngine", "BallastStore", "BallastHTMLReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BallastCommandLine",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastConfig", "BallastEngine", "BallastReports", "BallastStore",
                "BallastLive", "BallastBinance", "BallastHTMLReport", "BallastExternal", "BallastStrategies",
                "BallastSweep", "BallastServe",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "BallastCLI", dependencies: ["BallastCommandLine"], swiftSettings: strict),
        .testTarget(
            name: "BallastCoreTests",
            dependencies: [
                "BallastCore", "BallastTestKit", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastRiskTests",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastTestKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastStrategiesTests",
            dependencies: [
                "BallastCore", "BallastStrategies", "BallastTestKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastReportsTests",
            dependencies: ["BallastCore", "BallastReports", "BallastTestKit"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastEngineTests",
            dependencies: [
                "BallastCore", "BallastRisk", "BallastStrategies", "BallastEngine", "BallastReports", "BallastTestKit",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastCLITests",
            dependencies: [
                "BallastCLI", "BallastCommandLine", "BallastCore", "BallastStore", "BallastTestKit",
                "BallastFakeExchange", "BallastServe",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastLiveTests",
            dependencies: [
                "BallastLive", "BallastCore", "BallastEngine", "BallastStore", "BallastConfig", "BallastTestKit",
                "BallastBinance", "BallastFakeExchange",
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastExternalTests",
            dependencies: ["BallastExternal", "BallastCore", "BallastStrategies", "BallastTestKit"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastConfigTests",
            dependencies: [
                "BallastConfig", "BallastCore", "BallastRisk", "BallastStrategies", "BallastEngine", "BallastTestKit",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastStoreTests",
            dependencies: [
                "BallastStore", "BallastCore", "BallastRisk", "BallastReports", "BallastEngine", "BallastTestKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastHTMLReportTests",
            dependencies: [
                "BallastHTMLReport", "BallastCore", "BallastReports", "BallastStore", "BallastTestKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastSweepTests",
            dependencies: [
                "BallastSweep", "BallastConfig", "BallastCore", "BallastEngine", "BallastReports", "BallastStore",
                "BallastRisk", "BallastTestKit",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BallastBinanceTests",
            dependencies: [
                "BallastBinance", "BallastFakeExchange", "BallastEngine", "BallastCore", "BallastTestKit",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
