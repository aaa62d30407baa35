// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "tocsin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tocsin", targets: ["tocsin"]),
        .executable(name: "tocsin-bench", targets: ["tocsin-bench"]),
        .library(name: "KubeCore", targets: ["KubeCore"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "TocsinTesting", targets: ["TocsinTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        // The test control plane's throwaway CA and serving certificate (TocsinTesting only).
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        // Kubernetes types, request building, watch-event decoding, Status errors. No I/O.
        .target(name: "KubeCore", swiftSettings: strict),
        // kubeconfig / in-cluster config, auth, HTTP transport, the typed client.
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // Watchers, store, work queue, controllers, leader election (issue 3).
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeClient", "KubeCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Monitor, AlertRule, OnCallSchedule, Incident (issue 4).
        .target(
            name: "TocsinAPI",
            dependencies: ["KubeCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Conditions, lifecycle, schedules: pure (issue 9).
        .target(
            name: "TocsinEngine",
            dependencies: ["TocsinAPI", "KubeCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Slack and Opsgenie (issue 7).
        .target(
            name: "TocsinNotifiers",
            dependencies: [
                "TocsinAPI", "KubeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // Reconcilers wiring engine, runtime and notifiers.
        .target(
            name: "TocsinControllers",
            dependencies: [
                "KubeRuntime", "KubeClient", "KubeCore", "TocsinAPI", "TocsinEngine", "TocsinNotifiers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Metrics, health, Slack interactivity, incidents API.
        .target(
            name: "TocsinServer",
            dependencies: [
                "TocsinControllers", "KubeRuntime", "KubeClient", "KubeCore", "TocsinAPI", "TocsinNotifiers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // Slack Socket Mode: the WebSocket client.
                .product(name: "WSClient", package: "swift-websocket"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "tocsin",
            dependencies: [
                "KubeCore", "KubeClient", "KubeRuntime", "TocsinServer", "TocsinAPI", "TocsinEngine", "TocsinControllers",
                "TocsinNotifiers", "TocsinTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks of the real code paths against the fakes (run with `swift run -c release tocsin-bench`).
        .executableTarget(
            name: "tocsin-bench",
            dependencies: [
                "KubeCore", "KubeClient", "KubeRuntime", "TocsinTesting", "TocsinAPI", "TocsinEngine", "TocsinServer",
                "TocsinControllers", "TocsinNotifiers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // NIOThreadPool: the child processes' pipes are read off the cooperative pool.
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Fakes shared by every test target: Kubernetes API server (and later Slack, Opsgenie, clock).
        .target(
            name: "TocsinTesting",
            dependencies: [
                // The real control plane (KubeControlPlane) is driven through Tocsin's own client.
                "KubeClient", "KubeCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                // The fake Slack's Socket Mode endpoint.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TocsinTestingTests",
            dependencies: [
                "TocsinTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "KubeCoreTests", dependencies: ["KubeCore"], swiftSettings: strict),
        .testTarget(
            name: "TocsinNotifiersTests",
            dependencies: [
                "TocsinNotifiers", "TocsinAPI", "KubeCore", "TocsinTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "WSClient", package: "swift-websocket"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TocsinControllersTests",
            dependencies: [
                "TocsinControllers", "TocsinAPI", "TocsinEngine", "KubeRuntime", "KubeClient", "KubeCore", "TocsinTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "TocsinEngineTests", dependencies: ["TocsinEngine", "TocsinAPI", "KubeCore"], swiftSettings: strict),
        .testTarget(
            name: "TocsinAPITests",
            dependencies: ["TocsinAPI", "KubeCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeRuntimeTests",
            dependencies: [
                "KubeRuntime", "KubeClient", "KubeCore", "TocsinTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TocsinServerTests",
            dependencies: [
                "TocsinServer", "KubeRuntime", "TocsinTesting", "TocsinControllers", "TocsinNotifiers", "TocsinAPI",
                "KubeClient", "KubeCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        // The real-server tier: a real kube-apiserver + etcd from KUBEBUILDER_ASSETS (envtest-style), and the client
        // conformance tests run against both the fake and the real server.
        .testTarget(
            name: "RealKubeTests",
            dependencies: [
                "TocsinTesting", "KubeClient", "KubeCore", "KubeRuntime", "TocsinAPI", "TocsinEngine", "TocsinControllers",
                "TocsinNotifiers", "TocsinServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: ["KubeClient", "KubeCore", "TocsinTesting", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
    ]
)
