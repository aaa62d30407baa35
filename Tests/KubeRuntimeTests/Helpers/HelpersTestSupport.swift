import Foundation
import KubeClient
import KubeCore
import TocsinTesting

/// A fake API server (with the `widgets` custom resource registered) and a client connected to it; both
/// are shut down when `body` returns or throws.
func withHelpersCluster(_ body: (FakeAPIServer, KubernetesClient) async throws -> Void) async throws {
    let server = try await FakeAPIServer.start()
    server.register(helperWidgetResource)
    do {
        let configuration = ClientConfiguration(server: server.baseURL, qps: 0, source: "test")
        let client = try KubernetesClient(configuration: configuration, maximumRetries: 2, connectTimeout: .seconds(1))
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

/// A namespaced custom resource with a status subresource, as a CRD would declare it.
let helperWidgetResource = FakeAPIServer.Resource(
    group: "helpers.tocsin.dev", version: "v1", plural: "widgets", kind: "Widget", isNamespaced: true,
    hasStatusSubresource: true, isCustomResource: true)

/// The client-side description of ``helperWidgetResource``.
let helperWidgetType = ResourceType(
    group: "helpers.tocsin.dev", version: "v1", plural: "widgets", kind: "Widget", isNamespaced: true)

/// A widget as stored, with `spec.size`.
func helperWidgetJSON(_ name: String, size: Int64 = 3, finalizers: [String] = []) -> FakeJSON {
    [
        "apiVersion": "helpers.tocsin.dev/v1", "kind": "Widget",
        "metadata": [
            "name": .string(name), "namespace": "default", "finalizers": .array(finalizers.map { .string($0) }),
        ],
        "spec": ["size": .integer(size)],
    ]
}

/// Polls `condition` up to `attempts` times, 20 ms apart (for writes that happen in another task over HTTP).
func pollHelpers(attempts: Int = 250, _ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// 2027-01-15T08:00:00Z.
let helperEpoch = Date(timeIntervalSince1970: 1_800_000_000)
