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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "KaifangKit",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
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
