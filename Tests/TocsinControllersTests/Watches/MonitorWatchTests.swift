import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("Monitors holding shared watches against the fake API server")
struct MonitorWatchTests {
    static let shopPods = "/api/v1/namespaces/shop/pods"

    @Test func twoMonitorsWithTheSameSelectionShareOneListAndOneWatchAndCountExactly() async throws {
        try await withWatchCluster { cluster in
            let server = cluster.server
            try server.create(.pods, try watchPodJSON("web-1", in: "shop", labels: ["app": "web"]))
            try server.create(.pods, try watchPodJSON("web-2", in: "shop", labels: ["app": "web"]))
            try server.create(.pods, try watchPodJSON("db-1", in: "shop", labels: ["app": "db"]))
            try server.create(.pods, try watchPodJSON("pay-1", in: "payments"))
            try server.create(.nodes, try watchNodeJSON("node-a"))
            try server.create(.nodes, try watchNodeJSON("node-b"))
            try server.create(.events, watchEventJSON("web-1.backoff", in: "shop", about: "web-1"))
            try server.create(monitorResource, try monitorJSON("all", in: "shop"))
            let webSpec = MonitorSpec(podSelector: LabelSelector(matchLabels: ["app": "web"]))
            try server.create(monitorResource, try monitorJSON("web", in: "shop", spec: webSpec))
            let all = ObjectKey(namespace: "shop", name: "all")
            let web = ObjectKey(namespace: "shop", name: "web")

            #expect(try await cluster.reconcileUntilSynced(all))
            #expect(try await cluster.reconcileUntilSynced(web))

            #expect(cluster.requests(to: Self.shopPods, watching: false) == 1)
            #expect(try await pollMonitor { cluster.requests(to: Self.shopPods, watching: true) == 1 })
            #expect(try await pollMonitor { server.watchCount == 3 })  // pods and events of shop, nodes
            #expect(cluster.watches.heldKeys.map(\.description) == [
                "Event in names(shop)", "Node in all", "Pod in names(shop)",
            ])
            #expect(monitorStatus(server, "shop", "all")?["watchedObjects"] == ["pods": 3, "nodes": 2, "events": 1])
            #expect(monitorStatus(server, "shop", "web")?["watchedObjects"] == ["pods": 2, "nodes": 2, "events": 1])
            #expect(monitorStatus(server, "shop", "web")?["conditions"] == [
                monitorReady("True", "Watching", "1 namespace, kinds Pod, Node, Event")
            ])
            #expect(cluster.watches.pods(in: "shop").map(\.name).sorted() == ["db-1", "web-1", "web-2"])
            #expect(cluster.watches.nodes().map(\.name).sorted() == ["node-a", "node-b"])
            #expect(cluster.watches.events(in: "shop").map(\.reason) == ["BackOff"])
        }
    }

    @Test func deletingOneMonitorKeepsTheWatchAndDeletingTheLastReleasesIt() async throws {
        try await withWatchCluster { cluster in
            let server = cluster.server
            try server.create(.pods, try watchPodJSON("web-1", in: "shop"))
            let spec = MonitorSpec(kinds: [.pod])
            try server.create(monitorResource, try monitorJSON("a", in: "shop", spec: spec))
            try server.create(monitorResource, try monitorJSON("b", in: "shop", spec: spec))
            let first = ObjectKey(namespace: "shop", name: "a")
            let second = ObjectKey(namespace: "shop", name: "b")
            #expect(try await cluster.reconcileUntilSynced(first))
            #expect(try await cluster.reconcileUntilSynced(second))
            #expect(try await pollMonitor { server.watchCount == 1 })

            _ = try server.delete(monitorResource, namespace: "shop", name: "a")
            #expect(try await cluster.reconciler.reconcile(first) == .done)

            #expect(server.object(monitorResource, namespace: "shop", name: "a") == nil)
            #expect(cluster.watches.hold(for: first) == nil)
            #expect(cluster.watches.heldKeys.map(\.description) == ["Pod in names(shop)"])
            try server.create(.pods, try watchPodJSON("web-2", in: "shop"))
            #expect(try await pollMonitor { cluster.watches.counts(for: second).pods == 2 })
            #expect(server.watchCount == 1)

            _ = try server.delete(monitorResource, namespace: "shop", name: "b")
            #expect(try await cluster.reconciler.reconcile(second) == .done)

            #expect(server.object(monitorResource, namespace: "shop", name: "b") == nil)
            #expect(cluster.watches.heldKeys.isEmpty)
            #expect(try await cluster.watchCountReaches(0))
        }
    }

    @Test func monitorSwitchingNamespacesReleasesTheOldWatch() async throws {
        try await withWatchCluster { cluster in
            let server = cluster.server
            try server.create(.pods, try watchPodJSON("web-1", in: "shop"))
            let spec = MonitorSpec(namespaces: MonitorNamespaces(names: ["shop"]), kinds: [.pod])
            try server.create(monitorResource, try monitorJSON("fleet", in: monitorOperatorNamespace, spec: spec))
            let fleet = ObjectKey(namespace: monitorOperatorNamespace, name: "fleet")
            #expect(try await cluster.reconcileUntilSynced(fleet))
            #expect(monitorStatus(server, monitorOperatorNamespace, "fleet")?["watchedObjects"] == [
                "pods": 1, "nodes": 0, "events": 0,
            ])

            let moved = MonitorSpec(namespaces: MonitorNamespaces(names: ["payments"]), kinds: [.pod])
            try replaceMonitorSpec(server, monitorOperatorNamespace, "fleet", with: moved)
            #expect(try await cluster.reconcileUntilSynced(fleet))

            #expect(cluster.watches.heldKeys.map(\.description) == ["Pod in names(payments)"])
            #expect(monitorStatus(server, monitorOperatorNamespace, "fleet")?["watchedObjects"] == [
                "pods": 0, "nodes": 0, "events": 0,
            ])
            #expect(try await cluster.watchCountReaches(1))
            #expect(cluster.requests(to: "/api/v1/namespaces/payments/pods", watching: false) == 1)
            #expect(try await pollMonitor {
                cluster.requests(to: "/api/v1/namespaces/payments/pods", watching: true) == 1
            })
            #expect(try await cluster.watchCountReaches(1))
        }
    }

    @Test func monitorBecomingNamespaceNotAllowedHoldsNothing() async throws {
        try await withWatchCluster { cluster in
            let server = cluster.server
            try server.create(monitorResource, try monitorJSON("web", in: "shop", spec: MonitorSpec(kinds: [.pod])))
            let web = ObjectKey(namespace: "shop", name: "web")
            #expect(try await cluster.reconcileUntilSynced(web))
            #expect(cluster.watches.hold(for: web) != nil)

            let forbidden = MonitorSpec(namespaces: MonitorNamespaces(names: ["payments"]), kinds: [.pod])
            try replaceMonitorSpec(server, "shop", "web", with: forbidden)
            #expect(try await cluster.reconciler.reconcile(web) == .done)

            #expect(cluster.watches.hold(for: web) == nil)
            #expect(cluster.watches.heldKeys.isEmpty)
            let status = try #require(monitorStatus(server, "shop", "web"))
            #expect(status["watchedObjects"] == nil)
            #expect(status["namespaces"] == nil)
            #expect(status["conditions"]?.arrayValue?.first?["reason"] == "NamespaceNotAllowed")
            #expect(try await cluster.watchCountReaches(0))
        }
    }

    @Test func namespaceNotAllowedMonitorNeverHoldsAWatch() async throws {
        try await withWatchCluster { cluster in
            let spec = MonitorSpec(namespaces: MonitorNamespaces(names: ["payments"]))
            try cluster.server.create(monitorResource, try monitorJSON("web", in: "shop", spec: spec))
            let web = ObjectKey(namespace: "shop", name: "web")

            #expect(try await cluster.reconciler.reconcile(web) == .done)

            #expect(cluster.watches.hold(for: web) == nil)
            #expect(cluster.watches.heldKeys.isEmpty)
            #expect(cluster.server.object(monitorResource, namespace: "shop", name: "web")?[
                path: ["metadata", "finalizers"]] == nil)
            #expect(cluster.server.requestCount(method: "GET", pathPrefix: "/api/v1/namespaces/shop/pods") == 0)
        }
    }
}
