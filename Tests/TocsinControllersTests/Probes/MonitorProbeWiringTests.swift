import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("Monitor probes wired through the controller")
struct MonitorProbeWiringTests {
    @Test func probeResultsReachTheMonitorStatusAndATransitionIsWrittenAtOnce() async throws {
        try await withProbeServer { probeServer in
            try await withMonitorCluster { server, client, events in
                var logger = Logger(label: "test.monitor.probes")
                logger.logLevel = .critical
                let informers = SharedInformers(client: client, logger: logger)
                let parts = Controller.monitors(
                    client: client, informers: informers, events: events,
                    policy: .operatorNamespaceOnly(monitorOperatorNamespace))
                let spec = MonitorSpec(
                    kinds: [.pod],
                    probes: [HTTPProbe(name: "api", url: probeServer.baseURL + "/status", interval: KubeDuration.seconds(5))])
                try server.create(monitorResource, try monitorJSON("api", in: monitorOperatorNamespace, spec: spec))
                let probe = { monitorStatus(server, monitorOperatorNamespace, "api")?["probes"]?.arrayValue?.first }

                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await informers.run() }
                    group.addTask { try await parts.controller.run() }
                    group.addTask { try await parts.probes.runner.run() }
                    // The first check comes within one interval (spread), then the Monitor is re-reconciled.
                    let up = try await pollMonitor(attempts: 500) { probe()?["up"] == true }
                    #expect(up)
                    #expect(probe()?["name"]?.stringValue == "api")
                    #expect(probe()?["statusCode"]?.integerValue == 200)

                    // Going down is a transition: written after the next check, not at the 60 s refresh.
                    probeServer.recorder.setStatusCode(503)
                    let down = try await pollMonitor(attempts: 500) { probe()?["up"] == false }
                    #expect(down)
                    #expect(probe()?["consecutiveFailures"]?.integerValue == 1)
                    #expect(probe()?["lastError"]?.stringValue?.contains("status 503") == true)
                    group.cancelAll()
                }
            }
        }
    }
}
