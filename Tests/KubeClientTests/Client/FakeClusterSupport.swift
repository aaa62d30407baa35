import Foundation
import KubeClient
import KubeCore
import Logging
import TocsinTesting

/// A fake API server and a client connected to it; both are shut down when the body returns or throws.
func withFakeCluster(
    tls: FakeAPIServer.TLSOptions? = nil,
    configure: (inout ClientConfiguration) throws -> Void = { _ in },
    _ body: (FakeAPIServer, KubernetesClient) async throws -> Void
) async throws {
    let server = try await FakeAPIServer.start(tls: tls)
    do {
        var configuration = ClientConfiguration(server: server.baseURL, qps: 0, source: "test")
        try configure(&configuration)
        // Connection failures are expected in some tests: fail them fast.
        let client = try KubernetesClient(
            configuration: configuration, maximumRetries: 2, connectTimeout: .seconds(1))
        do {
            try await body(server, client)
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

/// A pod as the API server stores it, with the fields the models decode.
func podJSON(
    _ name: String, namespace: String = "default", labels: [String: String] = [:], node: String = "node-1",
    phase: String = "Running", restarts: Int64 = 0
) -> FakeJSON {
    var labelObject: [String: FakeJSON] = [:]
    for (key, value) in labels { labelObject[key] = .string(value) }
    return [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labelObject)],
        "spec": ["nodeName": .string(node), "containers": [["name": "app", "image": "nginx:1.27"]]],
        "status": [
            "phase": .string(phase),
            "containerStatuses": [
                [
                    "name": "app", "ready": true, "restartCount": .integer(restarts), "image": "nginx:1.27",
                    "state": ["running": ["startedAt": "2026-11-20T10:00:00Z"]],
                ]
            ],
        ],
    ]
}

/// The custom resource the tests register: namespaced, with a status subresource.
let widgetResource = FakeAPIServer.Resource(
    group: "example.tocsin.dev", version: "v1", plural: "widgets", kind: "Widget", isNamespaced: true,
    hasStatusSubresource: true, isCustomResource: true)

/// The client-side description of ``widgetResource``.
let widgetType = ResourceType(
    group: "example.tocsin.dev", version: "v1", plural: "widgets", kind: "Widget", isNamespaced: true)

/// Polls `condition` up to `attempts` times, 20 ms apart; returns whether it became true.
func eventually(attempts: Int = 250, _ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
