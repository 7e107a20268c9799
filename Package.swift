// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]
// The detectors and the localizer are tight numeric loops that run 20-50x slower unoptimised:
// debug builds (make test) optimise them too, so that tests exercising them take as long as
// their I/O, not minutes of CPU that starve the tests beside them.
let numericSettings: [SwiftSetting] = swiftSettings + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let grpc: [Target.Dependency] = [
    .product(name: "GRPCCore", package: "grpc-swift-2"),
    .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
    .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
    .product(name: "SwiftProtobuf", package: "swift-protobuf"),
]

/// Everything a service executable links: protos, the RPC runtime and the storage clients.
let serviceDependencies: [Target.Dependency] =
    [
        "MetricxProtos", "MetricxRPC", "MetricxRuntime", "MetricxPostgres", "MetricxRedis", "MetricxServiceHost",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
    ] + grpc

let package = Package(
    name: "metricx",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "Gateway", targets: ["Gateway"]),
        .executable(name: "MetricsSvc", targets: ["MetricsSvc"]),
        .executable(name: "CopilotSvc", targets: ["CopilotSvc"]),
        .executable(name: "LineageSvc", targets: ["LineageSvc"]),
        .executable(name: "SyncSvc", targets: ["SyncSvc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // The gateway's /mcp endpoint: the Model Context Protocol's server side, stateless HTTP.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
        // Tests only: validates /openapi.json. The default trait loads external references, which
        // we neither need nor want to compile.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
    ],
    targets: [
        // System libraries: libpq for Postgres, hiredis for Redis.
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CHiredis", pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]),

        // Shared libraries.
        .target(
            name: "MetricxProtos", dependencies: grpc, swiftSettings: swiftSettings),
        .target(
            name: "MetricxRuntime",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "MetricxRPC",
            dependencies: [
                "MetricxProtos", "MetricxRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ] + grpc,
            swiftSettings: swiftSettings),
        .target(
            name: "MetricxPostgres",
            dependencies: [
                "CLibPQ", "MetricxRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "MetricxRedis",
            dependencies: [
                "CHiredis", "MetricxRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),

        // Calls to URLs a workspace chose (webhooks): address policy after DNS, no redirects,
        // capped answers.
        .target(
            name: "MetricxOutbound",
            dependencies: [
                "MetricxRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "MetricxSemantics", dependencies: ["MetricxRuntime"], swiftSettings: swiftSettings),
        // Anomaly detection: pure computation, no I/O; MetricsSvc and the benchmark use it.
        .target(name: "MetricxAnomaly", swiftSettings: numericSettings),
        // Root-cause localization and formula decomposition: pure computation; LineageSvc and the
        // benchmark use it.
        .target(
            name: "MetricxRootCause", dependencies: ["MetricxRuntime", "MetricxSemantics", "MetricxAnomaly"], swiftSettings: numericSettings
        ),
        // Metric definitions (YAML), their validation, SQL lineage and the lineage graph: pure
        // computation; LineageSvc uses it.
        .target(
            name: "MetricxLineage",
            dependencies: ["MetricxRuntime", "MetricxSemantics", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),

        .target(
            name: "MetricxServiceHost",
            dependencies: [
                "MetricxRPC", "MetricxRuntime", "MetricxPostgres", "MetricxRedis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + grpc,
            swiftSettings: swiftSettings),

        // Services.
        .executableTarget(
            name: "Gateway",
            dependencies: serviceDependencies + [
                "MetricxOutbound",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The web app (plain HTML, CSS and ES modules) and the API description, served as they are.
            resources: [.copy("Web/Public"), .copy("OpenAPI/openapi.yaml")],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "MetricsSvc",
            dependencies: serviceDependencies + [
                "MetricxSemantics", "MetricxAnomaly", "MetricxOutbound",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "CopilotSvc",
            dependencies: serviceDependencies + [
                "MetricxSemantics", "MetricxOutbound",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "LineageSvc",
            dependencies: serviceDependencies + [
                "MetricxRootCause", "MetricxLineage", "MetricxSemantics",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "SyncSvc",
            dependencies: serviceDependencies + [
                "MetricxOutbound",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),

        // `make bench`: a separate executable, never part of `make test`.
        .executableTarget(
            name: "MetricxBench",
            dependencies: [
                "MetricxProtos", "MetricxRPC", "MetricxRuntime", "MetricxPostgres", "MetricxAnomaly", "MetricxRootCause",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ] + grpc,
            path: "Benchmarks/MetricxBench",
            swiftSettings: swiftSettings),

        // Tests.
        .target(
            name: "MetricxTestSupport",
            dependencies: [
                "MetricxPostgres", "MetricxRedis", "MetricxRuntime", "MetricxRPC", "MetricxProtos",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/MetricxTestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxPostgresTests", dependencies: ["MetricxPostgres", "MetricxTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxRedisTests", dependencies: ["MetricxRedis", "MetricxTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxRPCTests",
            dependencies: ["MetricxRPC", "MetricxProtos", "MetricxTestSupport", .product(name: "NIOCore", package: "swift-nio")] + grpc,
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxRuntimeTests", dependencies: ["MetricxRuntime"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxOutboundTests", dependencies: ["MetricxOutbound", "MetricxTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxAnomalyTests", dependencies: ["MetricxAnomaly", "MetricxTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxSemanticsTests", dependencies: ["MetricxSemantics"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxRootCauseTests", dependencies: ["MetricxRootCause", "MetricxRuntime", "MetricxSemantics", "MetricxTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricxLineageTests", dependencies: ["MetricxLineage", "MetricxRuntime", "MetricxSemantics"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetricsSvcTests",
            dependencies: ["MetricsSvc", "MetricxSemantics", "MetricxAnomaly", "MetricxOutbound", "MetricxTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SyncSvcTests",
            dependencies: [
                "SyncSvc", "MetricsSvc", "MetricxOutbound", "MetricxTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CopilotSvcTests",
            dependencies: [
                "CopilotSvc", "MetricsSvc", "LineageSvc", "MetricxRedis", "MetricxSemantics", "MetricxTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ScaleOutTests",
            dependencies: [
                "MetricxPostgres", "MetricxRedis", "MetricxRuntime", "MetricxTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LineageSvcTests",
            dependencies: ["LineageSvc", "MetricxLineage", "MetricxProtos", "MetricxRPC", "MetricxTestSupport"] + grpc,
            swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "LineageSvc", "MetricxOutbound", "MetricxTestSupport", "MetricxServiceHost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings),
    ]
)
