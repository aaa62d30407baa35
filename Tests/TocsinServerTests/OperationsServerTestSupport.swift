import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization
import TocsinServer

/// An answer of the operations server, as the tests inspect it.
struct ProbeResponse: Equatable {
    var status: UInt
    var contentType: String?
    var body: String
}

/// A running ``OperationsServer`` on 127.0.0.1 and a way to call it.
struct OperationsServerHarness {
    let port: Int

    /// `GET path` (with its query) against the server; bounded by a 10 s deadline.
    func get(_ path: String) async throws -> ProbeResponse {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return ProbeResponse(
            status: response.status.code, contentType: response.headers.first(name: "content-type"),
            body: String(buffer: body))
    }
}

/// A Boolean shared between a test and the health check closure it registers.
final class Flag: Sendable {
    private let value: Mutex<Bool>

    init(_ value: Bool) {
        self.value = Mutex(value)
    }

    var isSet: Bool {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// A logger that keeps tests quiet.
let quietLogger: Logger = {
    var logger = Logger(label: "tocsin.test.operations")
    logger.logLevel = .critical
    return logger
}()

struct OperationsServerDidNotStart: Error {}

/// Runs an ``OperationsServer`` on 127.0.0.1 port 0 inside a `ServiceGroup`, calls `body`, then triggers a
/// graceful shutdown and waits until the server has returned (a hang here means shutdown is broken).
func withOperationsServer(
    version: String = "1.2.3",
    healthChecks: HealthChecks = HealthChecks(),
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    routes: (Router<BasicRequestContext>) -> Void = { _ in },
    _ body: (OperationsServerHarness) async throws -> Void
) async throws {
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let server = OperationsServer(
        configuration: .init(host: "127.0.0.1", port: 0), version: version, healthChecks: healthChecks,
        registry: registry, logger: quietLogger,
        onServerRunning: { port in
            portContinuation.yield(port)
            portContinuation.finish()
        },
        routes: routes)
    let group = ServiceGroup(services: [server], logger: quietLogger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var port = 0
        for await value in ports {
            port = value
        }
        guard port > 0 else {
            try await tasks.waitForAll()
            throw OperationsServerDidNotStart()
        }
        do {
            try await body(OperationsServerHarness(port: port))
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}
