import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// The Monitor custom resource as its CRD declares it.
let monitorResource = FakeAPIServer.Resource(
    group: "tocsin.dev", version: "v1alpha1", plural: "monitors", kind: "Monitor", isNamespaced: true,
    hasStatusSubresource: true, isCustomResource: true)

/// 2026-07-06T08:00:00Z, the wall clock of the Monitor tests.
let monitorEpoch = Date(timeIntervalSince1970: 1_783_324_800)

/// The operator's namespace in the Monitor tests: the only privileged one.
let monitorOperatorNamespace = "tocsin-system"

/// A fake API server with the Monitor resource registered and the namespaces `tocsin-system` and `shop`
/// created, a client, and an event recorder running for the duration of `body` (finished and drained before the
/// server shuts down).
func withMonitorCluster(_ body: (FakeAPIServer, KubernetesClient, EventRecorder) async throws -> Void) async throws {
    try await withControllerCluster(
        resources: [monitorResource],
        namespaces: [try namespaceJSON(monitorOperatorNamespace), try namespaceJSON("shop", labels: ["team": "shop"])],
        now: { monitorEpoch }, eventLogger: quietLogger("test.monitor.events"), body)
}

/// The Monitor `name` in `namespace` as the API server stores it.
func monitorJSON(_ name: String, in namespace: String, spec: MonitorSpec = MonitorSpec()) throws -> FakeJSON {
    let monitor = Monitor(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec)
    return try FakeJSON(jsonData: try JSONEncoder().encode(monitor))
}

/// The Namespace `name` with `labels` as the API server stores it.
func namespaceJSON(_ name: String, labels: [String: String]? = nil) throws -> FakeJSON {
    let namespace = Namespace(metadata: ObjectMeta(name: name, labels: labels))
    return try FakeJSON(jsonData: try JSONEncoder().encode(namespace))
}

/// A synced catalog holding `namespaces`.
func monitorCatalog(_ namespaces: [NamespaceSummary], hasSynced: Bool = true) -> NamespaceCatalog {
    let store = Store<NamespaceSummary>()
    for namespace in namespaces {
        store.upsert(namespace, for: ObjectKey(namespace: nil, name: namespace.name), resourceVersion: "1")
    }
    return NamespaceCatalog(store: store, hasSynced: { hasSynced })
}

/// The `Ready` condition the Monitor tests expect, as stored.
func monitorReady(_ status: String, _ reason: String, _ message: String, generation: Int64 = 1) -> FakeJSON {
    [
        "type": "Ready", "status": .string(status), "observedGeneration": .integer(generation),
        "lastTransitionTime": "2026-07-06T08:00:00Z", "reason": .string(reason), "message": .string(message),
    ]
}

/// The stored status of the Monitor `name` in `namespace`.
func monitorStatus(_ server: FakeAPIServer, _ namespace: String, _ name: String) -> FakeJSON? {
    server.object(monitorResource, namespace: namespace, name: name)?["status"]
}

/// Polls `condition` up to `attempts` times, 20 ms apart (for writes made by another task over HTTP).
func pollMonitor(attempts: Int = 250, _ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
