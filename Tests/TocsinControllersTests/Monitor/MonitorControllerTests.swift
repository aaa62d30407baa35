import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("The Monitor controller wired to shared informers")
struct MonitorControllerTests {
    @Test func namespaceGainingTheSelectedLabelUpdatesTheMonitorStatus() async throws {
        try await withMonitorCluster { server, client, events in
            var logger = Logger(label: "test.monitor.informers")
            logger.logLevel = .critical
            let informers = SharedInformers(client: client, logger: logger)
            let parts = Controller.monitors(
                client: client, informers: informers, events: events,
                policy: .operatorNamespaceOnly(monitorOperatorNamespace), now: { monitorEpoch })
            #expect(parts.controller.name == "monitor")
            try server.create(.namespaces, try namespaceJSON("payments"))
            let spec = MonitorSpec(
                namespaces: MonitorNamespaces(selector: LabelSelector(matchLabels: ["team": "pay"])), kinds: [.pod])
            try server.create(monitorResource, try monitorJSON("pay", in: monitorOperatorNamespace, spec: spec))
            let status = { monitorStatus(server, monitorOperatorNamespace, "pay") }

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                group.addTask { try await parts.controller.run() }
                try await parts.waitUntilSynced()
                let watchingNothing = try await pollMonitor { status()?["namespaceCount"] == 0 }

                var labelled = try #require(server.object(.namespaces, namespace: nil, name: "payments"))
                if case .object(var members) = labelled, case .object(var metadata)? = members["metadata"] {
                    metadata["labels"] = ["team": "pay"]
                    members["metadata"] = .object(metadata)
                    labelled = .object(members)
                }
                try server.update(.namespaces, labelled)
                let watchingPayments = try await pollMonitor { status()?["namespaces"] == ["payments"] }
                group.cancelAll()
                #expect(watchingNothing)
                #expect(watchingPayments)
            }
            #expect(status()?["namespaceCount"] == 1)
            #expect(status()?["conditions"] == [monitorReady("True", "Watching", "1 namespace, kinds Pod")])
        }
    }

    @Test func listedNamespaceBeingCreatedClearsTheNotFoundNote() async throws {
        try await withMonitorCluster { server, client, events in
            var logger = Logger(label: "test.monitor.informers")
            logger.logLevel = .critical
            let informers = SharedInformers(client: client, logger: logger)
            let parts = Controller.monitors(
                client: client, informers: informers, events: events,
                policy: NamespacePolicy(privilegedNamespaces: ["shop"]), now: { monitorEpoch })
            let spec = MonitorSpec(namespaces: MonitorNamespaces(names: ["shop", "checkout"]), kinds: [.event])
            try server.create(monitorResource, try monitorJSON("web", in: "shop", spec: spec))
            let message = { monitorStatus(server, "shop", "web")?["conditions"]?.arrayValue?.first?["message"] }

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                group.addTask { try await parts.controller.run() }
                let noted = try await pollMonitor {
                    message() == "2 namespaces, kinds Event; not found yet (watched once created): \"checkout\""
                }
                try server.create(.namespaces, try namespaceJSON("checkout"))
                let cleared = try await pollMonitor { message() == "2 namespaces, kinds Event" }
                group.cancelAll()
                #expect(noted)
                #expect(cleared)
            }
            #expect(monitorStatus(server, "shop", "web")?["namespaces"] == ["checkout", "shop"])
        }
    }
}
