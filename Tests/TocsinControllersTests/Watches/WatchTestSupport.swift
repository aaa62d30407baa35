import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// The pieces of a watch test: the fake server, a reconciler and the registry it fills.
struct WatchCluster {
    let server: FakeAPIServer
    let reconciler: MonitorReconciler
    let watches: WatchRegistry

    /// Reconciles `key` until its watches have synced (the 60 s refresh requeue), at most 250 times.
    /// - Returns: whether it got there.
    func reconcileUntilSynced(_ key: ObjectKey) async throws -> Bool {
        for _ in 0..<250 {
            if try await reconciler.reconcile(key) == .requeue(after: .seconds(60)) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Polls until the fake has `count` open watches, creating a pod in `shop` before each check (the fake
    /// notices a closed pod watch of `shop` only on its next write there).
    func watchCountReaches(_ count: Int) async throws -> Bool {
        var written = 0
        return try await pollMonitor {
            written += 1
            _ = try? server.create(.pods, try watchPodJSON("poke-\(written)", in: "shop"))
            return server.watchCount == count
        }
    }

    /// How many list (`watch` false) or watch requests reached `path`.
    func requests(to path: String, watching: Bool) -> Int {
        server.requests.count { $0.method == "GET" && $0.path == path && ($0.query["watch"] != nil) == watching }
    }
}

/// A Monitor cluster (see `withMonitorCluster`) with shared informers running, a ``WatchRegistry`` over them
/// and a reconciler whose catalog holds `shop`, `payments` and `tocsin-system` (the privileged one).
func withWatchCluster(_ body: (WatchCluster) async throws -> Void) async throws {
    try await withMonitorCluster { server, client, events in
        try server.create(.namespaces, try namespaceJSON("payments"))
        var logger = Logger(label: "test.watches.informers")
        logger.logLevel = .critical
        let informers = SharedInformers(client: client, logger: logger)
        let watches = WatchRegistry(informers: informers)
        let catalog = monitorCatalog([
            NamespaceSummary(name: "shop"), NamespaceSummary(name: "payments"),
            NamespaceSummary(name: monitorOperatorNamespace),
        ])
        let reconciler = MonitorReconciler(
            client: client, events: events, policy: .operatorNamespaceOnly(monitorOperatorNamespace),
            namespaces: catalog, watches: watches, now: { monitorEpoch })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await informers.run() }
            try await body(WatchCluster(server: server, reconciler: reconciler, watches: watches))
            group.cancelAll()
        }
    }
}

/// The pod `name` in `namespace` with `labels`.
func watchPodJSON(_ name: String, in namespace: String, labels: [String: String] = [:]) throws -> FakeJSON {
    let pod = Pod(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels))
    return try FakeJSON(jsonData: try JSONEncoder().encode(pod))
}

/// The node `name`.
func watchNodeJSON(_ name: String) throws -> FakeJSON {
    try FakeJSON(jsonData: try JSONEncoder().encode(Node(metadata: ObjectMeta(name: name))))
}

/// A Warning event `name` in `namespace` about the pod `pod`.
func watchEventJSON(_ name: String, in namespace: String, about pod: String) -> FakeJSON {
    [
        "metadata": ["name": .string(name), "namespace": .string(namespace)],
        "involvedObject": ["kind": "Pod", "namespace": .string(namespace), "name": .string(pod)],
        "reason": "BackOff", "type": "Warning", "count": 3,
    ]
}

/// Replaces `spec` of the stored Monitor `name` in `namespace`.
func replaceMonitorSpec(_ server: FakeAPIServer, _ namespace: String, _ name: String, with spec: MonitorSpec) throws {
    guard case .object(var members)? = server.object(monitorResource, namespace: namespace, name: name) else {
        throw MissingMonitor(name: name)
    }
    members["spec"] = try FakeJSON(jsonData: try JSONEncoder().encode(spec))
    try server.update(monitorResource, .object(members))
}

/// A Monitor a test expected to find is missing.
struct MissingMonitor: Error {
    let name: String
}
