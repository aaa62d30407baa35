import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinEngine
import TocsinTesting

@Suite("Incident operations through kubectl annotations, and retention")
struct IncidentReconcilerTests {
    typealias Fixtures = AlertRuleFixtures
    static let epoch = Fixtures.epoch

    private func withIncidentCluster(
        now: @escaping @Sendable () -> Date = { Self.epoch },
        _ body: (FakeAPIServer, IncidentReconciler) async throws -> Void
    ) async throws {
        try await withControllerCluster(
            resources: [Fixtures.alertRules, Fixtures.monitors, Fixtures.incidents, onCallScheduleResource],
            now: now, eventLogger: quietLogger("test.incident.events")
        ) { server, client, events in
            try await body(server, IncidentReconciler(client: client, events: events, logger: quietLogger("test.incident"), now: now))
        }
    }

    /// Creates a firing Incident of rule `web-down` (opened by the engine's own code) with a Slack and an Opsgenie
    /// delivery whose creates were sent.
    private func createFiringIncident(_ server: FakeAPIServer, annotations: [String: String] = [:]) throws {
        var incident = Incident(
            metadata: ObjectMeta(name: "web-down-1", namespace: "default", annotations: annotations),
            spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "web-down"), fingerprint: "fp-1"),
            status: .opened(
                content: IncidentContent(subject: "Deployment/web", summary: "web is crash looping"), severity: .critical,
                startTime: Self.epoch.addingTimeInterval(-600), paged: [],
                receivers: [
                    ReceiverDelivery(receiver: "slack:#alerts", type: .slack, slack: SlackMessageReference(channel: "#alerts", channelID: "C1", ts: "1.1")),
                    ReceiverDelivery(receiver: "opsgenie", type: .opsgenie, opsgenie: OpsgenieAlertReference(alias: "fp-1")),
                ],
                now: Self.epoch.addingTimeInterval(-600)))
        for index in incident.status?.deliveries?.indices ?? [].indices { incident.status?.deliveries?[index].pending = nil }
        let status = incident.status
        incident.status = nil
        var created = try server.create(Fixtures.incidents, try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(incident)))
        created["status"] = try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(status))
        try server.updateStatus(Fixtures.incidents, created)
    }

    private func stored(_ server: FakeAPIServer) throws -> Incident {
        let json = try #require(server.object(Fixtures.incidents, name: "web-down-1"))
        return try KubeJSON.decode(Incident.self, from: json.jsonData)
    }

    @Test func acknowledgeAnnotationAcknowledgesOnceAndIsRemoved() async throws {
        try await withIncidentCluster { server, reconciler in
            try createFiringIncident(server, annotations: ["tocsin.dev/acknowledge": "alice", "team": "web"])

            #expect(try await reconciler.reconcile(ObjectKey(namespace: "default", name: "web-down-1")) == .done)

            let incident = try stored(server)
            #expect(incident.metadata.annotations == ["team": "web"])
            let status = try #require(incident.status)
            #expect(status.phase == .acknowledged)
            #expect(status.acknowledgedBy == "alice")
            #expect(status.acknowledgedTime == Timestamp(Self.epoch))
            #expect(status.timeline?.last == TimelineEntry(
                time: Timestamp(Self.epoch), type: .acknowledged, actor: "alice", message: "Acknowledged by alice"))
            // Both receivers are told (kubectl is not a receiver).
            #expect(status.deliveries?.map { $0.pending?.map(\.action) ?? [] } == [[.acknowledge], [.acknowledge]])
        }
    }

    @Test func noteThenResolveInOneGoWithTheActorAnnotation() async throws {
        try await withIncidentCluster { server, reconciler in
            try createFiringIncident(server, annotations: [
                "tocsin.dev/note": "rolled back to v41", "tocsin.dev/actor": "bob", "tocsin.dev/resolve": "bob",
            ])

            _ = try await reconciler.reconcile(ObjectKey(namespace: "default", name: "web-down-1"))

            let incident = try stored(server)
            #expect(incident.metadata.annotations == nil || incident.metadata.annotations == [:])
            let status = try #require(incident.status)
            #expect(status.phase == .resolved)
            #expect(status.resolvedBy == "bob")
            #expect(status.timeline?.suffix(2).map(\.type) == [.note, .resolved])
            #expect(status.timeline?.suffix(2).first?.message == "rolled back to v41")
        }
    }

    @Test func aRefusedOperationIsAWarningEventAndTheAnnotationStillGoes() async throws {
        try await withIncidentCluster { server, reconciler in
            try createFiringIncident(server, annotations: ["tocsin.dev/resolve": "bob"])
            _ = try await reconciler.reconcile(ObjectKey(namespace: "default", name: "web-down-1"))
            var json = try #require(server.object(Fixtures.incidents, name: "web-down-1"))
            json[path: ["metadata", "annotations"]] = ["tocsin.dev/acknowledge": "carol"]
            try server.update(Fixtures.incidents, json)

            _ = try await reconciler.reconcile(ObjectKey(namespace: "default", name: "web-down-1"))

            #expect(try stored(server).status?.acknowledgedBy == nil)
            #expect(try stored(server).metadata.annotations?["tocsin.dev/acknowledge"] == nil)
            _ = try await pollOnCall { !server.objects(.events, namespace: "default").isEmpty }
            let event = try #require(server.objects(.events, namespace: "default").first)
            #expect(event["reason"] == "OperationRefused")
            #expect(event["message"] == "tocsin.dev/acknowledge by carol refused: the incident is already resolved")
        }
    }

    @Test func escalateAnnotationWithoutAFurtherStepIsRefused() async throws {
        try await withIncidentCluster { server, reconciler in
            try createFiringIncident(server, annotations: ["tocsin.dev/escalate": "alice"])
            _ = try await reconciler.reconcile(ObjectKey(namespace: "default", name: "web-down-1"))
            #expect(try stored(server).status?.escalationLevel == 0)
            _ = try await pollOnCall { !server.objects(.events, namespace: "default").isEmpty }
            #expect(server.objects(.events, namespace: "default").first?["message"]
                == "tocsin.dev/escalate by alice refused: the incident is at escalation level 0, the rule's last step")
        }
    }

    @Test func escalateAnnotationTakesTheRulesNextStep() async throws {
        try await withIncidentCluster { server, reconciler in
            try Fixtures.createReferences(in: server)
            try server.create(Fixtures.alertRules, Fixtures.rule())
            try createFiringIncident(server, annotations: ["tocsin.dev/escalate": "alice"])

            _ = try await reconciler.reconcile(ObjectKey(namespace: "default", name: "web-down-1"))

            let status = try #require(try stored(server).status)
            #expect(status.escalationLevel == 1)
            #expect(status.timeline?.last?.type == .escalated)
            #expect(status.timeline?.last?.actor == "alice")
            #expect(status.paged?.allSatisfy { $0.schedule == "managers" && $0.escalationLevel == 1 } == true)
        }
    }

    @Test func resolvedIncidentsAreDeletedAfterTheirRetention() async throws {
        let clock = TestWallClock(Self.epoch)
        try await withIncidentCluster(now: { clock.now }) { server, reconciler in
            try createFiringIncident(server, annotations: ["tocsin.dev/resolve": "bob"])
            let key = ObjectKey(namespace: "default", name: "web-down-1")
            _ = try await reconciler.reconcile(key)
            // Default retention 30 days; look again in at most a day.
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(86_400)))
            clock.set(Self.epoch.addingTimeInterval(30 * 86_400 - 10))
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(10)))
            #expect(server.object(Fixtures.incidents, name: "web-down-1") != nil)
            clock.set(Self.epoch.addingTimeInterval(30 * 86_400))
            #expect(try await reconciler.reconcile(key) == .done)
            #expect(server.object(Fixtures.incidents, name: "web-down-1") == nil)
        }
    }
}

@Suite("What kubectl tocsin ack|resolve sends reaches the operator")
struct IncidentRequestPatchTests {
    @Test func theRequestPatchIsTheAnnotation() throws {
        #expect(IncidentReconciler.requestPatch(.acknowledge, by: "alice")
            == .merge(["metadata": ["annotations": ["tocsin.dev/acknowledge": "alice"]]]))
        #expect(IncidentReconciler.requestPatch(.note("rolled back"), by: "bob")
            == .merge(["metadata": ["annotations": ["tocsin.dev/note": "rolled back", "tocsin.dev/actor": "bob"]]]))
    }

    @Test func aPatchedRequestIsAppliedByTheReconciler() async throws {
        try await withControllerCluster(
            resources: [AlertRuleFixtures.alertRules, AlertRuleFixtures.incidents], now: { AlertRuleFixtures.epoch },
            eventLogger: quietLogger("test.incident.events")
        ) { server, client, events in
            var incident = Incident(
                metadata: ObjectMeta(name: "web-down-1", namespace: "default"),
                spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "web-down"), fingerprint: "fp"))
            var created = try server.create(
                AlertRuleFixtures.incidents, try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(incident)))
            incident.status = IncidentStatus(phase: .firing, severity: .high, startTime: Timestamp(AlertRuleFixtures.epoch))
            created["status"] = try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(incident.status))
            try server.updateStatus(AlertRuleFixtures.incidents, created)

            _ = try await client.patch(
                Incident.self, name: "web-down-1", namespace: "default",
                patch: IncidentReconciler.requestPatch(.acknowledge, by: "alice"))
            let reconciler = IncidentReconciler(
                client: client, events: events, logger: quietLogger("test.incident"), now: { AlertRuleFixtures.epoch })
            _ = try await reconciler.reconcile(ObjectKey(namespace: "default", name: "web-down-1"))

            let stored = try #require(server.object(AlertRuleFixtures.incidents, name: "web-down-1"))
            #expect(stored[path: ["status", "phase"]] == "Acknowledged")
            #expect(stored[path: ["status", "acknowledgedBy"]] == "alice")
            #expect(stored[path: ["metadata", "annotations", "tocsin.dev/acknowledge"]] == nil)
        }
    }
}
