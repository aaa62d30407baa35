import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("AlertRuleReconciler against the fake API server")
struct AlertRuleReconcilerTests {
    typealias Fixtures = AlertRuleFixtures
    static let key = ObjectKey(namespace: "default", name: "web-down")

    func reconciler(_ client: KubernetesClient, _ events: EventRecorder, _ logs: CapturedLogs) -> AlertRuleReconciler {
        AlertRuleReconciler(
            client: client, events: events, logger: logs.logger("test.alertrule"), now: { Fixtures.epoch })
    }

    static func ready(_ status: String, _ reason: String, _ message: String, generation: Int64 = 1) -> FakeJSON {
        [
            [
                "type": "Ready", "status": .string(status), "observedGeneration": .integer(generation),
                "lastTransitionTime": "2026-07-06T08:00:00Z", "reason": .string(reason), "message": .string(message),
            ]
        ]
    }

    func warningEvents(_ server: FakeAPIServer, count: Int) async throws -> [FakeJSON] {
        _ = try await pollOnCall { server.objects(.events, namespace: "default").count >= count }
        return server.objects(.events, namespace: "default")
    }

    @Test func validRuleWithAllReferencesIsReadyResolvedWithTheFinalizer() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server)
            try server.create(Fixtures.alertRules, Fixtures.rule())

            let result = try await reconciler(client, events, logs).reconcile(Self.key)

            #expect(result == .done)
            let stored = try #require(server.object(Fixtures.alertRules, name: "web-down"))
            #expect(stored[path: ["metadata", "finalizers"]] == ["tocsin.dev/incidents"])
            #expect(stored["status"] == [
                "observedGeneration": 1,
                "conditions": Self.ready("True", "Resolved", "All references resolved"),
                "conditionType": "podCrashLooping",
            ])
            #expect(server.objects(.events, namespace: "default").isEmpty)
        }
    }

    @Test func missingMonitorIsMonitorNotFoundWithAWarningEvent() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server, except: ["web"])
            try server.create(Fixtures.alertRules, Fixtures.rule())
            let expected = "Not found in namespace default: Monitor \"web\"; create them or fix the references"

            let result = try await reconciler(client, events, logs).reconcile(Self.key)

            #expect(result == .done)
            let status = try #require(server.object(Fixtures.alertRules, name: "web-down")?["status"])
            #expect(status["conditions"] == Self.ready("False", "MonitorNotFound", expected))
            let event = try #require(try await warningEvents(server, count: 1).first)
            #expect(event["type"] == "Warning")
            #expect(event["reason"] == "MonitorNotFound")
            #expect(event["message"] == .string(expected))
            #expect(event[path: ["involvedObject", "kind"]] == "AlertRule")
            #expect(event[path: ["involvedObject", "name"]] == "web-down")
        }
    }

    @Test func theFirstMissingReferenceGivesTheReasonAndTheMessageNamesAll() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server, except: ["managers", "slack"])
            try server.create(.secrets, Fixtures.secret("slack", keys: ["webhook"]))
            try server.delete(.secrets, name: "opsgenie")
            try server.create(Fixtures.alertRules, Fixtures.rule())

            _ = try await reconciler(client, events, logs).reconcile(Self.key)

            let status = try #require(server.object(Fixtures.alertRules, name: "web-down")?["status"])
            #expect(status["conditions"] == Self.ready(
                "False", "ScheduleNotFound",
                "Not found in namespace default: OnCallSchedule \"managers\", key \"token\" in Secret \"slack\", "
                    + "Secret \"opsgenie\"; create them or fix the references"))
        }
    }

    @Test(arguments: [
        ("slack", "SecretNotFound", "Secret \"slack\""),
        ("key", "SecretKeyNotFound", "key \"token\" in Secret \"slack\""),
    ])
    func missingSecretOrKeyNeverRevealsTheValue(case: String, reason: String, missing: String) async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server, except: ["slack"])
            if `case` == "key" { try server.create(.secrets, Fixtures.secret("slack", keys: ["other"])) }
            try server.create(Fixtures.alertRules, Fixtures.rule())

            let result = try await reconciler(client, events, logs).reconcile(Self.key)

            #expect(result == .done)
            let message = "Not found in namespace default: \(missing); create them or fix the references"
            let stored = try #require(server.object(Fixtures.alertRules, name: "web-down"))
            #expect(stored["status"]?["conditions"] == Self.ready("False", reason, message))
            let storedEvents = try await warningEvents(server, count: 1)
            #expect(storedEvents.map { $0["reason"] } == [.string(reason)])
            let encoded = Data(Fixtures.secretValue.utf8).base64EncodedString()
            for text in try [String(decoding: JSONEncoder().encode(stored), as: UTF8.self),
                String(decoding: JSONEncoder().encode(storedEvents), as: UTF8.self)] + logs.all {
                #expect(!text.contains(Fixtures.secretValue))
                #expect(!text.contains(encoded))
            }
            #expect(!logs.all.isEmpty)
        }
    }

    @Test func invalidTemplateIsInvalidTemplateWithThePositionAndIsTerminal() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server)
            try server.create(Fixtures.alertRules, Fixtures.rule(summary: "{{ .value | humanise }}"))
            let expected = "spec.summary: unknown function humanise at 1:13; did you mean humanize?"

            await #expect(throws: TerminalReconcileError.self) {
                try await reconciler(client, events, logs).reconcile(Self.key)
            }

            let status = try #require(server.object(Fixtures.alertRules, name: "web-down")?["status"])
            #expect(status["conditions"] == Self.ready("False", "InvalidTemplate", expected))
            #expect(status["conditionType"] == "podCrashLooping")
            let event = try #require(try await warningEvents(server, count: 1).first)
            #expect(event["reason"] == "InvalidTemplate")
            #expect(event["message"] == .string(expected))
        }
    }

    @Test func aConditionTheEngineCannotEvaluateIsInvalidConditionAndIsTerminal() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server)
            var rule = Fixtures.rule()
            rule[path: ["spec", "condition"]] = [
                "field": ["kind": "Pod", "path": "spec.containers[0].image", "operator": "==", "value": "nginx"]
            ]
            try server.create(Fixtures.alertRules, rule)

            await #expect(throws: TerminalReconcileError.self) {
                try await reconciler(client, events, logs).reconcile(Self.key)
            }

            let status = try #require(server.object(Fixtures.alertRules, name: "web-down")?["status"])
            let message = try #require(status["conditions"]?.arrayValue?.first?["message"]?.stringValue)
            #expect(status["conditions"]?.arrayValue?.first?["reason"] == "InvalidCondition")
            #expect(message.hasPrefix("spec.condition.field.path: "))
            #expect(message.contains("spec.containers is not kept by Tocsin; supported Pod paths: metadata.name"))
            let event = try #require(try await warningEvents(server, count: 1).first)
            #expect(event["reason"] == "InvalidCondition")
        }
    }

    @Test func invalidSpecIsInvalidSpecAndIsTerminal() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try server.create(Fixtures.alertRules, Fixtures.rule(routes: []))

            await #expect(throws: TerminalReconcileError.self) {
                try await reconciler(client, events, logs).reconcile(Self.key)
            }

            let status = try #require(server.object(Fixtures.alertRules, name: "web-down")?["status"])
            let expected = "spec.routes: must have at least one item"
            #expect(status["conditions"] == Self.ready("False", "InvalidSpec", expected))
            let event = try #require(try await warningEvents(server, count: 1).first)
            #expect(event["reason"] == "InvalidSpec")
            #expect(event["message"] == .string(expected))
        }
    }

    @Test func unchangedReconcileSendsNoPatch() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            try Fixtures.createReferences(in: server, except: ["web"])
            try server.create(Fixtures.alertRules, Fixtures.rule())
            let reconciler = reconciler(client, events, logs)
            _ = try await reconciler.reconcile(Self.key)
            let patches = server.requestCount(method: "PATCH")

            _ = try await reconciler.reconcile(Self.key)

            #expect(server.requestCount(method: "PATCH") == patches)
        }
    }

    @Test func deletedRuleIsDone() async throws {
        try await withAlertRuleCluster { server, client, events, logs in
            let result = try await reconciler(client, events, logs).reconcile(Self.key)
            #expect(result == .done)
            #expect(server.requestCount(method: "PATCH") == 0)
        }
    }
}
