// swift-tools-version: 6.2
import PackageDescription

// Your own `ballast`: Ballast's whole command line with your strategies registered by kind.
// Depends on Ballast by path here (this repository); in your package use
// `.package(url: "https://…/ballast.git", from: "…")` instead.
let package = Package(
    name: "MyBallast",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Ballast", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "MyBallast",
            dependencies: [
                .product(name: "BallastCommandLine", package: "Ballast"),
                .product(name: "BallastCore", package: "Ballast"),
                .product(name: "BallastRisk", package: "Ballast"),
                .product(name: "BallastStrategies", package: "Ballast"),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ],
    swiftLanguageModes: [.v6]
)
