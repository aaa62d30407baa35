import AsyncHTTPClient
import Foundation
import KubeClient
import Logging
import TocsinControllers
import TocsinServer
import TocsinTesting

/// The whole operator (``OperatorAssembly``: informers, controllers, alert engine, deliveries, HTTP endpoints)
/// running in this process against a fake API server and a fake Slack on 127.0.0.1, as `tocsin demo` does, for
/// figures 4–6. No leader election: the leader services start as soon as the caches have synced.
struct BenchOperator: Sendable {
    /// The fake API server the operator watches.
    let cluster: FakeAPIServer
    /// The fake Slack the operator posts to.
    let slack: FakeSlackServer
    /// The running operator.
    let assembly: OperatorAssembly

    /// The metrics registry, made once per process (swift-metrics allows one bootstrap), so deliveries record
    /// their metrics as they do in `tocsin run`.
    static let metrics: MetricsBootstrap = {
        let metrics = MetricsBootstrap()
        metrics.bootstrapMetricsSystem()
        return metrics
    }()

    /// Starts the fakes, lets `populate` fill the cluster (the Tocsin resources are registered first), starts the
    /// operator, runs `body`, then shuts everything down (the operator gracefully) and returns what `body` returned.
    static func run<Result: Sendable>(
        delivery: DeliveryConfiguration = DeliveryConfiguration(),
        channels: [FakeSlackServer.Channel] = [BenchObjects.slackChannel],
        populate: (FakeAPIServer) throws -> Void,
        _ body: @escaping @Sendable (BenchOperator) async throws -> Result
    ) async throws -> Result {
        let cluster = try await FakeAPIServer.start()
        let slack: FakeSlackServer
        do {
            slack = try await FakeSlackServer.start(configuration: FakeSlackServer.Configuration(channels: channels))
        } catch {
            await cluster.shutdown()
            throw error
        }
        let outcome: Swift.Result<Result, any Error>
        do {
            for resource in BenchObjects.resources { cluster.register(resource) }
            try populate(cluster)
            outcome = .success(try await runOperator(cluster: cluster, slack: slack, delivery: delivery, body))
        } catch {
            outcome = .failure(error)
        }
        await slack.shutdown()
        await cluster.shutdown()
        return try outcome.get()
    }

    private static func runOperator<Result: Sendable>(
        cluster: FakeAPIServer, slack: FakeSlackServer, delivery: DeliveryConfiguration,
        _ body: @escaping @Sendable (BenchOperator) async throws -> Result
    ) async throws -> Result {
        let logger = BenchCluster.logger
        let client = try KubernetesClient(
            configuration: ClientConfiguration(server: cluster.baseURL, qps: 0, source: "tocsin-bench"), logger: logger)
        var options = OperatorOptions(operatorNamespace: BenchObjects.operatorNamespace)
        options.host = "127.0.0.1"
        options.port = 0
        options.slackAPIBaseURL = slack.apiBaseURL
        options.servesIncidentsAPI = false
        options.delivery = delivery
        let outcome: Swift.Result<Result, any Error>
        do {
            let assembly = try OperatorAssembly(
                client: client, httpClient: HTTPClient.shared, options: options, registry: metrics.registry,
                version: "bench", logger: logger)
            let running = BenchOperator(cluster: cluster, slack: slack, assembly: assembly)
            outcome = .success(try await assembly.run(logger: logger) { try await body(running) })
        } catch {
            outcome = .failure(error)
        }
        try? await client.shutdown()
        return try outcome.get()
    }

    /// Waits until the caches have synced and the engine evaluates `rules` AlertRules (polling every 10 ms).
    /// - Throws: ``BenchError`` after `timeout`.
    func waitUntilReady(rules: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if assembly.manager.hasSyncedCaches, assembly.engine.currentStatistics.rules == rules { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw BenchError(
            "Timed out after \(timeout) waiting for the operator to sync and configure \(rules) AlertRules "
                + "(synced: \(assembly.manager.hasSyncedCaches), rules in the engine: "
                + "\(assembly.engine.currentStatistics.rules)); try a smaller size or a longer --timeout-seconds")
    }
}
