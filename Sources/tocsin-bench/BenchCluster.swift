import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinTesting

/// The fake cluster and clients of the benchmark: every piece is shut down when its body returns or throws.
enum BenchCluster {
    /// The logger handed to the client and informers: errors only, so no logging sits on the hot path.
    static var logger: Logger {
        var logger = Logger(label: "tocsin.bench")
        logger.logLevel = .error
        return logger
    }

    /// Starts a fake API server on 127.0.0.1 holding `pods` pods (``PodFixture``), `nodes` nodes
    /// (``NodeFixture``) and `events` events (``EventFixture``) created through its store API, runs `body`, and
    /// shuts the server down.
    static func withServer<Result: Sendable>(
        pods: Int, nodes: Int = 0, events: Int = 0, _ body: (FakeAPIServer) async throws -> Result
    ) async throws -> Result {
        let server = try await FakeAPIServer.start()
        do {
            for namespace in PodFixture.namespaces {
                try server.create(.namespaces, ["metadata": ["name": .string(namespace)]])
            }
            for index in 0..<pods {
                try server.create(.pods, PodFixture.pod(index))
            }
            for index in 0..<nodes {
                try server.create(.nodes, NodeFixture.node(index))
            }
            for index in 0..<events {
                try server.create(.events, EventFixture.event(index))
            }
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Creates a client of `server` (`qps` 0: no client-side rate limit), runs `body`, and shuts it down.
    static func withClient<Result: Sendable>(
        of server: FakeAPIServer, qps: Double, _ body: (KubernetesClient) async throws -> Result
    ) async throws -> Result {
        try await withClient(of: server.baseURL, qps: qps, body)
    }

    /// Creates a client of the API server at `url`, runs `body`, and shuts it down.
    static func withClient<Result: Sendable>(
        of url: URL, qps: Double, _ body: (KubernetesClient) async throws -> Result
    ) async throws -> Result {
        let configuration = ClientConfiguration(server: url, qps: qps, burst: 10, source: "tocsin-bench")
        let client = try KubernetesClient(
            configuration: configuration, logger: logger, maximumRetries: 0, connectTimeout: .seconds(5))
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs the informers' watches in a child task while `body` runs, then cancels them and waits for them.
    static func whileRunning<Result: Sendable>(
        _ service: SharedInformers, _ body: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            do {
                let result = try await body()
                group.cancelAll()
                try await group.waitForAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Runs `body`, failing with ``BenchError`` when it takes longer than `timeout`.
    static func withTimeout<Result: Sendable>(
        _ timeout: Duration, waitingFor what: String, _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else {
                throw BenchError("Timed out after \(timeout) waiting for \(what); try a smaller --pods")
            }
            return first
        }
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
