// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Kaifang",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kaifang", targets: ["KaifangCLI"]),
        .library(name: "KaifangKit", targets: ["KaifangKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // SHA-256 of published files from the system's OpenSSL: swift-crypto
        // compiled its own BoringSSL on every fresh clone for this one digest.
        .systemLibrary(
            name: "CLibcrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "KaifangKit",
            dependencies: [
                "CCmark",
                "CLibcrypto",
                .product(name: "Yams", package: "Yams"),
                // Brings zlib (its CZLib module) for reading XLSX/DOCX/ODS and gzip resources.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "KaifangCLI",
            dependencies: [
                "KaifangKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // Only `kaifang serve` uses a server; the library stays free of one.
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .testTarget(
            name: "KaifangKitTests",
            dependencies: ["KaifangKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KaifangCLITests",
            dependencies: ["KaifangCLI"]
        ),
    ]
)
