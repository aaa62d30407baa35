import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinEngine
import TocsinTesting

@Suite("The alert engine wired to the fake cluster")
struct AlertEngineServiceTests {
    typealias F = EngineClusterFixtures
    static let incidents = AlertRuleFixtures.incidents

    private func withEngineCluster(_ body: (FakeAPIServer, KubernetesClient, EventRecorder) async throws -> Void) async throws {
        try await withControllerCluster(
            resources: [AlertRuleFixtures.alertRules, AlertRuleFixtures.monitors, Self.incidents, onCallScheduleResource],
            namespaces: [try namespaceJSON("shop"), try namespaceJSON("tocsin-system")],
            now: { F.epoch }, eventLogger: quietLogger("test.engine.events"), body)
    }

    private func storedIncidents(_ server: FakeAPIServer) -> [FakeJSON] {
        server.objects(Self.incidents, namespace: "shop")
    }

    @Test func aCrashLoopingPodOpensAnIncidentOwnedByItsRuleAndRecoveryResolvesIt() async throws {
        try await withEngineCluster { server, client, events in
            try server.create(AlertRuleFixtures.monitors, F.monitor())
            let rule = try server.create(AlertRuleFixtures.alertRules, F.rule())
            try server.create(.pods, try F.pod("api-5f6d-a", crashing: true))
            try server.create(.pods, try F.pod("api-5f6d-b", crashing: false))
            let wall = TestWallClock(F.epoch)

            try await withRunningEngine(server: server, client: client, events: events, clock: wall) { _ in
                let reached1 = try await pollMonitor(attempts: 500) { storedIncidents(server).first?["status"] != nil }
                #expect(reached1)
                let incident = try #require(storedIncidents(server).first)
                let fingerprint = Fingerprint.of(
                    ruleNamespace: "shop", ruleName: "crash", groupLabels: ["namespace": "shop", "workload": "Deployment/api"])
                #expect(storedIncidents(server).count == 1)
                #expect(incident["metadata"]?["name"]?.stringValue
                    == Fingerprint.incidentName(ruleName: "crash", fingerprint: fingerprint, startTime: F.epoch))
                #expect(incident["metadata"]?["ownerReferences"] == [[
                    "apiVersion": "tocsin.dev/v1alpha1", "kind": "AlertRule", "name": "crash",
                    "uid": try #require(rule["metadata"]?["uid"]), "controller": true,
                ]])
                #expect(incident["metadata"]?["labels"] == ["tocsin.dev/alertrule": "crash", "tocsin.dev/fingerprint": .string(fingerprint)])
                #expect(incident["spec"] == [
                    "alertRuleRef": ["name": "crash"], "fingerprint": .string(fingerprint),
                    "groupLabels": ["namespace": "shop", "workload": "Deployment/api"],
                ])
                let status = try #require(incident["status"])
                #expect(status["phase"] == "Firing")
                #expect(status["severity"] == "high")
                #expect(status["summary"] == "Deployment/api is crash looping")
                #expect(status["affectedObjectCount"] == 1)
                #expect(status["affectedObjects"]?.arrayValue?.first?["name"] == "api-5f6d-a")
                #expect(status["labels"]?["team"] == "payments")
                #expect(status["deliveries"]?.arrayValue?.first?["receiver"] == "slack:#shop")
                #expect(status["deliveries"]?.arrayValue?.first?["pending"]?.arrayValue?.first?["action"] == "Create")
                let counted = try await pollMonitor(attempts: 500) {
                    server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "crash")?["status"]?["firing"] == 1
                }
                #expect(counted)
                let ruleStatus = server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "crash")?["status"]
                #expect(ruleStatus?["pending"] == 0)
                #expect(ruleStatus?["lastFiredTime"] == .string(Timestamp(F.epoch).description))

                // The pod recovers; the 5m crash-loop lookback ends; the incident resolves.
                try server.updateStatus(.pods, try F.pod("api-5f6d-a", crashing: false))
                try await Task.sleep(for: .milliseconds(300))
                #expect(storedIncidents(server).first?["status"]?["phase"] == "Firing")
                wall.set(wall.now.addingTimeInterval(6 * 60))
                let reached2 = try await pollMonitor(attempts: 500) { storedIncidents(server).first?["status"]?["phase"] == "Resolved" }
                #expect(reached2)
                let resolved = try #require(storedIncidents(server).first?["status"])
                #expect(resolved["resolvedBy"] == "tocsin")
                #expect(resolved["timeline"]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["Fired", "Resolved"])
                #expect(resolved["deliveries"]?.arrayValue?.first?["pending"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["Create", "Resolve"])

                // It fires again: a new incident with its own name, the resolved one untouched.
                try server.updateStatus(.pods, try F.pod("api-5f6d-a", crashing: true))
                let reached3 = try await pollMonitor(attempts: 500) {
                    storedIncidents(server).count == 2 && storedIncidents(server).allSatisfy { $0["status"] != nil }
                }
                #expect(reached3)
                let phases = storedIncidents(server).compactMap { $0["status"]?["phase"]?.stringValue }.sorted()
                #expect(phases == ["Firing", "Resolved"])
            }
        }
    }

    @Test func aRuleItsReconcilerRefusesIsNotEvaluated() async throws {
        try await withEngineCluster { server, client, events in
            try server.create(AlertRuleFixtures.monitors, F.monitor())
            try server.create(AlertRuleFixtures.alertRules, F.rule())
            // Compiles, but fails validation (Ready=False InvalidSpec): its second route can never be reached.
            var refused = F.rule()
            refused[path: ["metadata", "name"]] = "crash-unreachable"
            refused[path: ["spec", "routes"]] = [
                ["slack": ["channel": "#shop", "tokenSecretRef": ["name": "slack", "key": "token"]]],
                ["slack": ["channel": "#other", "tokenSecretRef": ["name": "slack", "key": "token"]]],
            ]
            #expect(try KubeJSON.decode(AlertRule.self, from: refused.jsonData).withDefaults().validate().isEmpty == false)
            try server.create(AlertRuleFixtures.alertRules, refused)
            try server.create(.pods, try F.pod("api-5f6d-a", crashing: true))
            let wall = TestWallClock(F.epoch)

            try await withRunningEngine(server: server, client: client, events: events, clock: wall) { parts in
                // Statistics are written after every write of a step: both rules would have opened in that step.
                let opened = try await pollMonitor(attempts: 500) { parts.service.currentStatistics.writtenDecisions >= 1 }
                #expect(opened)
                #expect(parts.service.currentStatistics.rules == 1)
                let rules = storedIncidents(server).map { $0["spec"]?["alertRuleRef"]?["name"]?.stringValue }
                #expect(rules == ["crash"])
            }
        }
    }

    @Test func aNewLeaderRebuildsFromIncidentsAndWritesNothingTwice() async throws {
        try await withEngineCluster { server, client, events in
            try server.create(AlertRuleFixtures.monitors, F.monitor())
            try server.create(AlertRuleFixtures.alertRules, F.rule())
            try server.create(.pods, try F.pod("api-5f6d-a", crashing: true))
            let wall = TestWallClock(F.epoch)

            try await withRunningEngine(server: server, client: client, events: events, clock: wall) { _ in
                let reached4 = try await pollMonitor(attempts: 500) { storedIncidents(server).first?["status"] != nil }
                #expect(reached4)
            }
            let written = server.requests.count { $0.path.contains("/incidents") && $0.method != "GET" }
            #expect(written == 2)  // create + status

            wall.set(wall.now.addingTimeInterval(60))
            try await withRunningEngine(server: server, client: client, events: events, clock: wall) { parts in
                let reached5 = try await pollMonitor(attempts: 500) { parts.service.currentStatistics.rules == 1 }
                #expect(reached5)
                try await Task.sleep(for: .milliseconds(500))
                #expect(parts.service.currentStatistics.writtenDecisions == 0)
            }
            #expect(storedIncidents(server).count == 1)
            #expect(server.requests.count { $0.path.contains("/incidents") && $0.method != "GET" } == written)
        }
    }
}
