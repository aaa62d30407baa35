import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("AlertRuleReconciler resolves a deleted rule's open Incidents")
struct AlertRuleFinalizerTests {
    typealias Fixtures = AlertRuleFixtures
    static let key = ObjectKey(namespace: "default", name: "web-down")

    static let fired = Fixtures.timelineEntry("2026-07-06T07:00:00Z", "Fired")
    static let deleted: FakeJSON = [
        "time": "2026-07-06T08:00:00Z", "type": "Resolved", "actor": "tocsin (AlertRule deleted)",
        "message": "AlertRule deleted",
    ]

    static func resolvedStatus(timeline: [FakeJSON]) -> FakeJSON {
        [
            "phase": "Resolved", "severity": "critical", "startTime": "2026-07-06T07:00:00Z",
            "resolvedTime": "2026-07-06T08:00:00Z", "resolvedBy": "tocsin (AlertRule deleted)",
            "timeline": .array(timeline),
        ]
    }

    @Test func deletionResolvesOpenIncidentsAndRemovesTheFinalizer() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server)
            try server.create(Fixtures.alertRules, Fixtures.rule())
            let reconciler = AlertRuleReconciler(
                client: client, events: events, logger: logs.logger("test.alertrule"), now: { Fixtures.epoch })
            _ = try await reconciler.reconcile(Self.key)
            try Fixtures.createIncident(in: server, "firing", phase: "Firing", timeline: [Self.fired])
            let acknowledged = Fixtures.timelineEntry("2026-07-06T07:10:00Z", "Acknowledged")
            try Fixtures.createIncident(
                in: server, "acked", phase: "Acknowledged", timeline: [Self.fired, acknowledged])
            try Fixtures.createIncident(in: server, "old", phase: "Resolved", timeline: [Self.fired])
            try Fixtures.createIncident(in: server, "other", rule: "db-down", phase: "Firing", timeline: [Self.fired])
            let full = (0..<Incident.maxTimelineEntries).map {
                Fixtures.timelineEntry("2026-07-06T07:\(String(format: "%02d", $0)):00Z", "Notified")
            }
            try Fixtures.createIncident(in: server, "long", phase: "Firing", timeline: full)
            try server.delete(Fixtures.alertRules, name: "web-down")

            let result = try await reconciler.reconcile(Self.key)

            #expect(result == .done)
            #expect(server.object(Fixtures.alertRules, name: "web-down") == nil)
            func status(_ name: String) -> FakeJSON? { server.object(Fixtures.incidents, name: name)?["status"] }
            #expect(status("firing") == Self.resolvedStatus(timeline: [Self.fired, Self.deleted]))
            #expect(status("acked") == Self.resolvedStatus(timeline: [Self.fired, acknowledged, Self.deleted]))
            #expect(status("long") == Self.resolvedStatus(timeline: Array(full.dropFirst()) + [Self.deleted]))
            #expect(status("old")?["phase"] == "Resolved")
            #expect(status("old")?["resolvedTime"] == nil)
            #expect(status("other")?["phase"] == "Firing")
        }
    }

    @Test func ruleBeingDeletedWithoutTheFinalizerIsLeftAlone() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            var rule = Fixtures.rule()
            rule[path: ["metadata", "finalizers"]] = ["example.com/other"]
            try server.create(Fixtures.alertRules, rule)
            try Fixtures.createIncident(in: server, "firing", phase: "Firing", timeline: [Self.fired])
            try server.delete(Fixtures.alertRules, name: "web-down")
            let patches = server.requestCount(method: "PATCH")

            let result = try await AlertRuleReconciler(client: client, events: events, now: { Fixtures.epoch })
                .reconcile(Self.key)

            #expect(result == .done)
            #expect(server.requestCount(method: "PATCH") == patches)
            #expect(server.object(Fixtures.incidents, name: "firing")?[path: ["status", "phase"]] == "Firing")
        }
    }
}

@Suite("Incidents owned by a deleted AlertRule")
struct AlertRuleIncidentGarbageCollectionTests {
    typealias Fixtures = AlertRuleFixtures

    @Test func ownedIncidentsAreResolvedThenCollectedWithTheRule() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server)
            try server.create(Fixtures.alertRules, Fixtures.rule())
            let reconciler = AlertRuleReconciler(
                client: client, events: events, logger: logs.logger("test.alertrule"), now: { Fixtures.epoch })
            let key = ObjectKey(namespace: "default", name: "web-down")
            _ = try await reconciler.reconcile(key)
            let ruleUID = try #require(server.object(Fixtures.alertRules, name: "web-down")?["metadata"]?["uid"])
            try Fixtures.createIncident(in: server, "owned", phase: "Firing")
            var incident = try #require(server.object(Fixtures.incidents, name: "owned"))
            incident["metadata"]?["ownerReferences"] = [
                [
                    "apiVersion": "tocsin.dev/v1alpha1", "kind": "AlertRule", "name": "web-down", "uid": ruleUID,
                    "controller": true, "blockOwnerDeletion": true,
                ]
            ]
            try server.update(Fixtures.incidents, incident)

            try server.delete(Fixtures.alertRules, name: "web-down")
            // The finalizer holds the rule (and so its Incident) until the reconciler has resolved the Incident.
            #expect(server.object(Fixtures.incidents, name: "owned")?["status"]?["phase"] == "Firing")
            _ = try await reconciler.reconcile(key)

            // Then the rule is gone and garbage collection removes what it owned.
            #expect(server.object(Fixtures.alertRules, name: "web-down") == nil)
            #expect(server.object(Fixtures.incidents, name: "owned") == nil)
        }
    }
}
