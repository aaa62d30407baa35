import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// The operator's (privileged) namespace.
private let operatorNamespace = monitorOperatorNamespace

@Suite("MonitorReconciler against the fake API server")
struct MonitorReconcilerTests {
    static let policy = NamespacePolicy.operatorNamespaceOnly(operatorNamespace)
    static let namespaces = [
        NamespaceSummary(name: "payments", labels: ["team": "pay"]),
        NamespaceSummary(name: "ledger", labels: ["team": "pay", "tier": "critical"]),
        NamespaceSummary(name: "shop", labels: ["team": "shop"]),
        NamespaceSummary(name: operatorNamespace),
    ]

    func reconciler(
        _ client: KubernetesClient, _ events: EventRecorder,
        catalog: NamespaceCatalog = monitorCatalog(namespaces)
    ) -> MonitorReconciler {
        MonitorReconciler(
            client: client, events: events, policy: Self.policy, namespaces: catalog,
            watches: WatchRegistry(informers: SharedInformers(client: client)), now: { monitorEpoch })
    }

    @Test func ownNamespaceMonitorIsReadyWatchingItsNamespace() async throws {
        try await withMonitorCluster { server, client, events in
            try server.create(monitorResource, try monitorJSON("web", in: "shop"))

            let result = try await reconciler(client, events).reconcile(ObjectKey(namespace: "shop", name: "web"))

            // The watches are not running here: nothing listed yet, so the counts are 0 and it retries soon.
            #expect(result == .requeue(after: .seconds(1)))
            let stored = try #require(server.object(monitorResource, namespace: "shop", name: "web"))
            #expect(stored[path: ["metadata", "finalizers"]] == ["tocsin.dev/watches"])
            #expect(stored["status"] == [
                "observedGeneration": 1, "namespaces": ["shop"], "namespaceCount": 1,
                "watchedObjects": ["pods": 0, "nodes": 0, "events": 0],
                "conditions": [monitorReady("True", "Watching", "1 namespace, kinds Pod, Node, Event")],
            ])
        }
    }

    @Test func privilegedMonitorWithNamesWatchesThemAndNotesTheMissingOnes() async throws {
        try await withMonitorCluster { server, client, events in
            let spec = MonitorSpec(namespaces: MonitorNamespaces(names: ["shop", "payments", "ghost"]))
            try server.create(monitorResource, try monitorJSON("fleet", in: operatorNamespace, spec: spec))

            let result = try await reconciler(client, events)
                .reconcile(ObjectKey(namespace: operatorNamespace, name: "fleet"))

            #expect(result == .requeue(after: .seconds(1)))
            let status = try #require(monitorStatus(server, operatorNamespace, "fleet"))
            #expect(status["namespaces"] == ["ghost", "payments", "shop"])
            #expect(status["namespaceCount"] == 3)
            #expect(status["conditions"] == [
                monitorReady(
                    "True", "Watching",
                    "3 namespaces, kinds Pod, Node, Event; not found yet (watched once created): \"ghost\"")
            ])
        }
    }

    @Test func privilegedMonitorWithASelectorWatchesTheMatchingNamespaces() async throws {
        try await withMonitorCluster { server, client, events in
            let spec = MonitorSpec(
                namespaces: MonitorNamespaces(selector: LabelSelector(matchLabels: ["team": "pay"])),
                kinds: [.pod, .event])
            try server.create(monitorResource, try monitorJSON("pay", in: operatorNamespace, spec: spec))

            _ = try await reconciler(client, events).reconcile(ObjectKey(namespace: operatorNamespace, name: "pay"))

            let status = try #require(monitorStatus(server, operatorNamespace, "pay"))
            #expect(status["namespaces"] == ["ledger", "payments"])
            #expect(status["namespaceCount"] == 2)
            #expect(status["conditions"] == [monitorReady("True", "Watching", "2 namespaces, kinds Pod, Event")])
        }
    }

    @Test func unprivilegedMonitorSelectingAnotherNamespaceIsNotAllowedWithAWarningEvent() async throws {
        try await withMonitorCluster { server, client, events in
            let spec = MonitorSpec(namespaces: MonitorNamespaces(names: ["shop", "payments"]))
            try server.create(monitorResource, try monitorJSON("web", in: "shop", spec: spec))
            let expected = "Monitors in namespace \"shop\" may watch only their own namespace, but this one selects "
                + "namespaces \"payments\" (only Monitors in \"tocsin-system\" may); remove spec.namespaces, "
                + "move the Monitor to a privileged namespace, or add \"shop\" to the operator's privileged namespaces"
            let reconciler = reconciler(client, events)

            let result = try await reconciler.reconcile(ObjectKey(namespace: "shop", name: "web"))

            #expect(result == .done)
            let stored = try #require(server.object(monitorResource, namespace: "shop", name: "web"))
            #expect(stored["status"] == [
                "observedGeneration": 1, "conditions": [monitorReady("False", "NamespaceNotAllowed", expected)],
            ])
            #expect(try await pollMonitor { !server.objects(.events, namespace: "shop").isEmpty })
            let event = try #require(server.objects(.events, namespace: "shop").first)
            #expect(event["type"] == "Warning")
            #expect(event["reason"] == "NamespaceNotAllowed")
            #expect(event["message"] == .string(expected))
            #expect(event[path: ["involvedObject", "kind"]] == "Monitor")
            #expect(event[path: ["involvedObject", "name"]] == "web")

            // Reconciling the unchanged Monitor again writes nothing.
            let patches = server.requestCount(method: "PATCH")
            _ = try await reconciler.reconcile(ObjectKey(namespace: "shop", name: "web"))
            #expect(server.requestCount(method: "PATCH") == patches)
        }
    }

    @Test func invalidSpecIsReadyFalseInvalidSpecAndTerminal() async throws {
        try await withMonitorCluster { server, client, events in
            let spec = MonitorSpec(namespaces: MonitorNamespaces(names: ["shop"], selector: LabelSelector()))
            try server.create(monitorResource, try monitorJSON("fleet", in: operatorNamespace, spec: spec))
            let expected = "spec.namespaces: must set exactly one of names, selector"

            await #expect(throws: TerminalReconcileError.self) {
                try await reconciler(client, events)
                    .reconcile(ObjectKey(namespace: operatorNamespace, name: "fleet"))
            }

            let stored = try #require(server.object(monitorResource, namespace: operatorNamespace, name: "fleet"))
            #expect(stored["status"] == [
                "observedGeneration": 1, "conditions": [monitorReady("False", "InvalidSpec", expected)],
            ])
            #expect(try await pollMonitor { !server.objects(.events, namespace: operatorNamespace).isEmpty })
            #expect(server.objects(.events, namespace: operatorNamespace).first?["reason"] == "InvalidSpec")
        }
    }

    @Test func unchangedReconcileSendsNoPatch() async throws {
        try await withMonitorCluster { server, client, events in
            let spec = MonitorSpec(namespaces: MonitorNamespaces(selector: LabelSelector(matchLabels: ["team": "pay"])))
            try server.create(monitorResource, try monitorJSON("pay", in: operatorNamespace, spec: spec))
            let reconciler = reconciler(client, events)
            let key = ObjectKey(namespace: operatorNamespace, name: "pay")
            _ = try await reconciler.reconcile(key)
            let patches = server.requestCount(method: "PATCH")

            _ = try await reconciler.reconcile(key)

            #expect(patches == 2)  // the finalizer, then the status
            #expect(server.requestCount(method: "PATCH") == patches)
        }
    }

    @Test func selectorWaitsForTheNamespaceCatalogToSync() async throws {
        try await withMonitorCluster { server, client, events in
            let spec = MonitorSpec(namespaces: MonitorNamespaces(selector: LabelSelector()))
            try server.create(monitorResource, try monitorJSON("all", in: operatorNamespace, spec: spec))

            let result = try await reconciler(client, events, catalog: monitorCatalog([], hasSynced: false))
                .reconcile(ObjectKey(namespace: operatorNamespace, name: "all"))

            #expect(result == .requeue(after: .seconds(1)))
            #expect(server.requestCount(method: "PATCH") == 0)
        }
    }

    @Test func deletedMonitorIsDone() async throws {
        try await withMonitorCluster { server, client, events in
            let result = try await reconciler(client, events).reconcile(ObjectKey(namespace: "shop", name: "gone"))

            #expect(result == .done)
            #expect(server.requestCount(method: "PATCH") == 0)
        }
    }
}
