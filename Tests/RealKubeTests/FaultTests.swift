import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinAPI
import TocsinTesting

extension RealServer {
    /// The operator across an API-server restart and a `410 Gone` after etcd compaction, on control planes of
    /// their own (`--watch-cache=false`, so compaction reaches watchers as the real storage answers it).
    @Suite struct FaultTests {
        @Test(arguments: [false, true])
        func anAPIServerRestartLosesAndRepeatsNothing(compactsFirst: Bool) async throws {
            try await RealCluster.withDedicatedControlPlane(.init(apiServerFlags: ["--watch-cache=false"])) { controlPlane in
                try await OperatorHarness.with(compactsFirst ? "gone" : "restart", on: controlPlane) { harness in
                    try await harness.apply(harness.rule("api-failed", condition: "{podFailed: {}}"))
                    _ = try await controlPlane.createPod("api-1", namespace: harness.namespace, client: harness.client)
                    _ = try await controlPlane.createPod("steady-1", namespace: harness.namespace, client: harness.client)
                    let logs = CapturedLogs()
                    try await harness.runOperator(logger: logs.logger) { assembly in
                        try await harness.waitForSync(assembly)
                        try await harness.failPod("api-1")
                        _ = try await harness.incident(of: "api-failed", in: .firing)
                        _ = try await eventually("the Slack card") { harness.slack.messages(in: OperatorHarness.channelID).first }
                        _ = try await eventually("the Opsgenie alert") {
                            harness.opsgenie.requests.first { $0.method == "POST" && $0.path == "/v2/alerts" }
                        }
                        if compactsFirst {
                            // Writes the operator's watches do not see, then history compacted past them: resuming
                            // from their last resourceVersion is 410 Gone.
                            for index in 0..<5 {
                                _ = try await harness.client.create(
                                    ConfigMap(metadata: ObjectMeta(name: "filler-\(index)", namespace: harness.namespace)))
                            }
                            try await controlPlane.compactEtcd()
                        }
                        try await controlPlane.restartAPIServer()
                        if compactsFirst {
                            _ = try await eventually("a relist after 410 Gone") {
                                logs.lines.contains { $0.contains("Relisting after 410 Gone") } ? true : nil
                            }
                        }
                        // Watches are back: a change after the restart is seen.
                        // The failed pod is deleted: the condition no longer holds.
                        try await harness.client.delete(Pod.self, name: "api-1", namespace: harness.namespace)
                        _ = try await harness.incident(of: "api-failed", in: .resolved)
                        _ = try await eventually("the Opsgenie close") {
                            harness.opsgenie.requests.first { $0.method == "POST" && $0.path.hasSuffix("/close") }
                        }
                        // Nothing for the unchanged objects, nothing twice.
                        #expect(harness.slack.messages(in: OperatorHarness.channelID).count == 1)
                        #expect(harness.opsgenie.requests.filter { $0.method == "POST" && $0.path == "/v2/alerts" }.count == 1)
                        #expect(harness.opsgenie.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/close") }.count == 1)
                        #expect(try await harness.incidents().count == 1)
                    }
                }
            }
        }
    }
}
