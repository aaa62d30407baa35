import AsyncHTTPClient
import Foundation
import KubeClient
import KubeRuntime
import Logging
import Prometheus
import Testing
import TocsinServer
import TocsinTesting

@Suite("Slack Socket Mode under leader election")
struct SocketModeLeaderTests {
    static let quiet: Logger = {
        var logger = Logger(label: "tocsin.test.socket-leader")
        logger.logLevel = .critical
        return logger
    }()

    /// Polls `condition` every 20 ms for at most `seconds`.
    static func eventually(within seconds: Int = 15, _ condition: () throws -> Bool) async throws -> Bool {
        for _ in 0..<(seconds * 50) {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }

    static func assembly(
        identity: String, server: FakeAPIServer, slack: FakeSlackServer, client: KubernetesClient
    ) throws -> OperatorAssembly {
        var options = OperatorOptions(operatorNamespace: "tocsin-system")
        options.host = "127.0.0.1"
        options.port = 0
        options.servesIncidentsAPI = false
        options.slackAPIBaseURL = slack.apiBaseURL
        options.slackAppToken = { FakeSlackServer.defaultAppToken }
        options.leaderElection = LeaderElectionConfiguration(
            leaseName: "tocsin-leader", namespace: "tocsin-system", identity: identity, leaseDuration: .seconds(2),
            renewDeadline: .milliseconds(1500), retryPeriod: .milliseconds(200))
        return try OperatorAssembly(
            client: client, httpClient: .shared, options: options, registry: PrometheusCollectorRegistry(),
            version: "test", logger: quiet)
    }

    /// The identity holding the Lease, as the fake cluster stores it.
    static func holder(_ server: FakeAPIServer) -> String? {
        server.object(.leases, namespace: "tocsin-system", name: "tocsin-leader")?["spec"]?["holderIdentity"]?.stringValue
    }

    @Test func onlyTheLeaderHoldsTheConnectionAndTheNextLeaderTakesItOver() async throws {
        let server = try await FakeAPIServer.start()
        let slack = try await FakeSlackServer.start()
        for resource in FakeAPIServer.Resource.tocsinResources { server.register(resource) }
        try server.create(.namespaces, ["metadata": ["name": "tocsin-system"]])
        let client = try KubernetesClient(
            configuration: ClientConfiguration(server: server.baseURL, qps: 0, source: "test"), maximumRetries: 1,
            connectTimeout: .seconds(2))
        let replicas = try ["replica-a", "replica-b"].map {
            try Self.assembly(identity: $0, server: server, slack: slack, client: client)
        }
        let stops = replicas.map { _ in AsyncStream<Void>.makeStream() }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (replica, stop) in zip(replicas, stops) {
                    group.addTask {
                        try await replica.run(logger: Self.quiet) { for await _ in stop.stream {} }
                    }
                }
                #expect(try await Self.eventually { slack.socketConnectionsOpened == 1 && Self.holder(server) != nil })
                // Several renewals later, still one connection: the follower never opened one.
                try await Task.sleep(for: .seconds(1))
                #expect(slack.socketConnectionsOpened == 1)
                #expect(slack.openSocketConnections == 1)

                let leader = try #require(Self.holder(server))
                let leaderIndex = leader == "replica-a" ? 0 : 1
                stops[leaderIndex].continuation.finish()
                // The leader releases the Lease on shutdown and closes its connection; the other replica takes over.
                #expect(try await Self.eventually {
                    slack.socketConnectionsOpened == 2 && Self.holder(server) == (leaderIndex == 0 ? "replica-b" : "replica-a")
                })
                #expect(try await Self.eventually { slack.openSocketConnections == 1 })
                for stop in stops { stop.continuation.finish() }
                try await group.waitForAll()
            }
        } catch {
            for stop in stops { stop.continuation.finish() }
            try? await client.shutdown()
            await slack.shutdown()
            await server.shutdown()
            throw error
        }
        try await client.shutdown()
        await slack.shutdown()
        await server.shutdown()
    }
}
