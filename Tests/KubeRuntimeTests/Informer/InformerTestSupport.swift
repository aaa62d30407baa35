import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TocsinTesting

/// A fake API server and a client connected to it; both are shut down when the body returns or throws.
func withInformerCluster(_ body: (FakeAPIServer, KubernetesClient) async throws -> Void) async throws {
    let server = try await FakeAPIServer.start()
    let client: KubernetesClient
    do {
        client = try KubernetesClient(
            configuration: ClientConfiguration(server: server.baseURL, qps: 0, source: "test"),
            maximumRetries: 0, connectTimeout: .seconds(1))
    } catch {
        await server.shutdown()
        throw error
    }
    do {
        try await body(server, client)
    } catch {
        try? await client.shutdown()
        await server.shutdown()
        throw error
    }
    try await client.shutdown()
    await server.shutdown()
}

/// Runs `service` in a child task while `body` runs, then cancels it and waits for it to end.
func whileRunning(_ service: some Service, _ body: () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await service.run() }
        do {
            try await body()
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
        try await group.waitForAll()
    }
}

/// A pod as the API server stores it.
func informerPod(
    _ name: String, namespace: String = "default", labels: [String: String] = [:], phase: String = "Running"
) -> FakeJSON {
    var labelObject: [String: FakeJSON] = [:]
    for (key, value) in labels { labelObject[key] = .string(value) }
    return [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labelObject)],
        "spec": ["nodeName": "node-1", "containers": [["name": "app", "image": "nginx:1.27"]]],
        "status": ["phase": .string(phase)],
    ]
}

/// A namespace with labels.
func informerNamespace(_ name: String, labels: [String: String] = [:]) -> FakeJSON {
    var labelObject: [String: FakeJSON] = [:]
    for (key, value) in labels { labelObject[key] = .string(value) }
    return ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name), "labels": .object(labelObject)]]
}

/// Records what handlers and reflectors report, as strings, for exact comparisons.
final class ChangeLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// Everything recorded so far.
    var entries: [String] { lines.withLock { $0 } }

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    /// A handler recording `added default/a Running`, `updated default/a Running→Failed`, `deleted default/a`.
    func podHandler() -> @Sendable (InformerEvent<Pod>) -> Void {
        { event in
            switch event {
            case .added(let pod): self.append("added \(Self.name(pod)) \(pod.status?.phase ?? "")")
            case .updated(let old, let new):
                self.append("updated \(Self.name(new)) \(old.status?.phase ?? "")→\(new.status?.phase ?? "")")
            case .deleted(let pod): self.append("deleted \(Self.name(pod))")
            }
        }
    }

    private static func name(_ pod: Pod) -> String {
        "\(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "")"
    }
}

/// Polls `condition` up to `attempts` times, 20 ms apart (real HTTP is involved); returns whether it held.
func pollUntil(attempts: Int = 250, _ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// A quiet logger for tests.
let informerTestLogger: Logger = {
    var logger = Logger(label: "tocsin.test.informers")
    logger.logLevel = .critical
    return logger
}()

/// Polls `condition` (see ``pollUntil(attempts:_:)``) and records an issue at the caller when it never held.
func expectEventually(
    sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool
) async throws {
    let held = try await pollUntil(condition)
    #expect(held, "condition never held", sourceLocation: sourceLocation)
}
