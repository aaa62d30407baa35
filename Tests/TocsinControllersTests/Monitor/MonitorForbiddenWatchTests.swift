import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// A Monitor in the namespaced installation, whose service account may not read cluster-scoped Nodes.
@Suite("A Monitor whose watch the API server forbids")
struct MonitorForbiddenWatchTests {
    static let key = ObjectKey(namespace: "shop", name: "web")
    /// What kube-apiserver answers a namespaced service account listing nodes.
    static let denial = #"nodes is forbidden: User "system:serviceaccount:tocsin-system:tocsin" cannot list resource "nodes" in API group "" at the cluster scope"#

    @Test func forbiddenNodesMakeTheMonitorNotReadyNamingTheKindAndThePermissionInOneLogLine() async throws {
        try await withMonitorCluster { server, client, events in
            server.injectFailure(
                method: "GET", pathPrefix: "/api/v1/nodes", status: 403, reason: "Forbidden", message: Self.denial,
                count: 100_000)
            try server.create(monitorResource, try monitorJSON("web", in: "shop"))
            let logs = CapturedLogs()
            let informers = SharedInformers(
                client: client, logger: logs.logger("test.informers"),
                backoff: WatcherBackoff(base: .milliseconds(10), cap: .milliseconds(20), jitter: { 0.5 }))
            let reconciler = MonitorReconciler(
                client: client, events: events, policy: .operatorNamespaceOnly(monitorOperatorNamespace),
                namespaces: monitorCatalog([NamespaceSummary(name: "shop")]),
                watches: WatchRegistry(informers: informers), deniedWatchRequeue: .seconds(30), now: { monitorEpoch })

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                var result = try await reconciler.reconcile(Self.key)
                // The node watch fails, retry after retry; the next reconcile after the failure reports it.
                #expect(try await pollMonitor { server.requestCount(method: "GET", pathPrefix: "/api/v1/nodes") >= 4 })
                result = try await reconciler.reconcile(Self.key)
                #expect(result == .requeue(after: .seconds(30)))
                group.cancelAll()
            }

            let expected = "cannot watch Node: the operator's service account may not list nodes at the cluster scope "
                + "(403 Forbidden): \(Self.denial); grant it get, list and watch on nodes, or remove Node from spec.kinds"
            let status = try #require(monitorStatus(server, "shop", "web"))
            #expect(status["conditions"] == [monitorReady("False", "Forbidden", expected)])
            #expect(status["namespaces"] == ["shop"])
            let event = try #require(try await firstEvent(server))
            #expect(event["type"] == "Warning")
            #expect(event["reason"] == "Forbidden")
            #expect(event["message"] == .string(expected))
            let warnings = logs.all.filter { $0.hasPrefix("warning") && $0.contains("nodes") }
            #expect(warnings.count == 1)
            #expect(warnings.first?.contains(
                "Forbidden to list nodes; grant the operator's service account list and watch on nodes") == true)
        }
    }

    @Test func aWatchThatRecoversMakesTheMonitorReadyAgain() async throws {
        try await withMonitorCluster { server, client, events in
            server.injectFailure(
                method: "GET", pathPrefix: "/api/v1/nodes", status: 403, reason: "Forbidden", message: Self.denial,
                count: 2)
            try server.create(monitorResource, try monitorJSON("web", in: "shop"))
            let informers = SharedInformers(
                client: client, logger: quietLogger("test.informers"),
                backoff: WatcherBackoff(base: .milliseconds(10), cap: .milliseconds(20), jitter: { 0.5 }))
            let watches = WatchRegistry(informers: informers)
            let reconciler = MonitorReconciler(
                client: client, events: events, policy: .operatorNamespaceOnly(monitorOperatorNamespace),
                namespaces: monitorCatalog([NamespaceSummary(name: "shop")]), watches: watches, now: { monitorEpoch })

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                _ = try await reconciler.reconcile(Self.key)
                // RBAC granted after two refusals: the retrying watch lists and the Monitor is Ready.
                #expect(try await pollMonitor { watches.hasSynced(for: Self.key) })
                #expect(watches.failures(for: Self.key).isEmpty)
                let result = try await reconciler.reconcile(Self.key)
                #expect(result == .requeue(after: .seconds(60)))
                group.cancelAll()
            }
            let status = try #require(monitorStatus(server, "shop", "web"))
            #expect(status["conditions"] == [monitorReady("True", "Watching", "1 namespace, kinds Pod, Node, Event")])
        }
    }

    private func firstEvent(_ server: FakeAPIServer) async throws -> FakeJSON? {
        _ = try await pollMonitor { !server.objects(.events, namespace: "shop").isEmpty }
        return server.objects(.events, namespace: "shop").first
    }
}
