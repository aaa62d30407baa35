import Foundation
import KubeClient
import KubeRuntime
import Logging
import TocsinTesting

/// A fake API server with `resources` registered and `namespaces` created, a client, and an event recorder running
/// for the duration of `body` (finished and drained before the server shuts down). Every controller test's harness
/// is this with its own resources, wall clock and logger.
func withControllerCluster(
    resources: [FakeAPIServer.Resource],
    namespaces: [FakeJSON] = [],
    now: @escaping @Sendable () -> Date,
    eventLogger: Logger,
    _ body: (FakeAPIServer, KubernetesClient, EventRecorder) async throws -> Void
) async throws {
    let server = try await FakeAPIServer.start()
    for resource in resources { server.register(resource) }
    do {
        for namespace in namespaces { try server.create(.namespaces, namespace) }
        let configuration = ClientConfiguration(server: server.baseURL, qps: 0, source: "test")
        let client = try KubernetesClient(configuration: configuration, maximumRetries: 2, connectTimeout: .seconds(1))
        let recorder = EventRecorder(client: client, reportingInstance: "tocsin-test", now: now, logger: eventLogger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await recorder.run() }
                try await body(server, client, recorder)
                recorder.finish()
                try await group.waitForAll()
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

/// A logger that only lets critical messages through, for harnesses whose logs are not under test.
func quietLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    return logger
}
