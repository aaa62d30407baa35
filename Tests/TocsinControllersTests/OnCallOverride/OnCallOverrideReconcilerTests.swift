import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("OnCallOverrideReconciler against the fake API server")
struct OnCallOverrideReconcilerTests {
    static let key = ObjectKey(namespace: "default", name: "swap")

    func reconciler(_ client: KubernetesClient, _ events: EventRecorder, _ clock: TestWallClock) -> OnCallOverrideReconciler {
        OnCallOverrideReconciler(client: client, events: events, now: { clock.now })
    }

    static func conditions(_ status: String, _ reason: String, _ message: String) -> FakeJSON {
        [
            [
                "type": "Ready", "status": .string(status), "observedGeneration": 1,
                "lastTransitionTime": "2026-07-06T08:00:00Z", "reason": .string(reason), "message": .string(message),
            ]
        ]
    }

    @Test func activeOverrideOfAnExistingScheduleIsReadyAndRequeuedAtItsEnd() async throws {
        try await withOverrideCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            try server.create(
                onCallOverrideResource,
                try onCallOverrideJSON(onCallOverride("swap", from: "2026-07-06T07:00:00Z", to: "2026-07-06T10:00:00Z")))

            let result = try await reconciler(client, events, TestWallClock(onCallEpoch)).reconcile(Self.key)

            #expect(result == .requeue(after: .seconds(7_200)))
            let status = try #require(server.object(onCallOverrideResource, name: "swap")?["status"])
            #expect(status["observedGeneration"] == 1)
            #expect(status["conditions"] == Self.conditions(
                "True", "Active", "eve on OnCallSchedule \"platform\" until 2026-07-06T10:00:00Z"))
        }
    }

    @Test func futureOverrideIsScheduledAndRequeuedAtMostSixHoursLater() async throws {
        try await withOverrideCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            try server.create(
                onCallOverrideResource,
                try onCallOverrideJSON(onCallOverride("swap", from: "2026-07-08T07:00:00Z", to: "2026-07-08T10:00:00Z")))

            let result = try await reconciler(client, events, TestWallClock(onCallEpoch)).reconcile(Self.key)

            #expect(result == .requeue(after: .seconds(6 * 3_600)))
            #expect(server.object(onCallOverrideResource, name: "swap")?[path: ["status", "conditions"]] == Self.conditions(
                "True", "Scheduled", "eve on OnCallSchedule \"platform\" from 2026-07-08T07:00:00Z to 2026-07-08T10:00:00Z"))
        }
    }

    @Test func missingScheduleIsReadyFalseScheduleNotFoundWithAWarningEvent() async throws {
        try await withOverrideCluster { server, client, events in
            try server.create(
                onCallOverrideResource,
                try onCallOverrideJSON(onCallOverride(
                    "swap", schedule: "missing", from: "2026-07-06T07:00:00Z", to: "2026-07-06T10:00:00Z")))
            let message = "OnCallSchedule \"missing\" not found in namespace \"default\": create it or fix spec.scheduleRef.name"

            let result = try await reconciler(client, events, TestWallClock(onCallEpoch)).reconcile(Self.key)

            #expect(result == .requeue(after: .seconds(7_200)))
            #expect(server.object(onCallOverrideResource, name: "swap")?[path: ["status", "conditions"]] == Self.conditions(
                "False", "ScheduleNotFound", message))
            #expect(try await pollOnCall { !server.objects(.events, namespace: "default").isEmpty })
            let event = try #require(server.objects(.events, namespace: "default").first)
            #expect(event["reason"] == "ScheduleNotFound")
            #expect(event["message"] == .string(message))
        }
    }

    @Test func invalidSpecIsReadyFalseAndTerminal() async throws {
        try await withOverrideCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            try server.create(
                onCallOverrideResource,
                try onCallOverrideJSON(onCallOverride("swap", from: "2026-07-06T10:00:00Z", to: "2026-07-06T07:00:00Z")))

            await #expect(throws: TerminalReconcileError.self) {
                try await reconciler(client, events, TestWallClock(onCallEpoch)).reconcile(Self.key)
            }

            #expect(server.object(onCallOverrideResource, name: "swap")?[path: ["status", "conditions"]] == Self.conditions(
                "False", "InvalidSpec", "spec.end: must be after start (2026-07-06T10:00:00Z)"))
        }
    }

    @Test func endedOverrideIsExpiredUntilSevenDaysAfterItsEndThenDeleted() async throws {
        try await withOverrideCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            try server.create(
                onCallOverrideResource,
                try onCallOverrideJSON(onCallOverride("swap", from: "2026-07-06T04:00:00Z", to: "2026-07-06T07:00:00Z")))
            let clock = TestWallClock(onCallEpoch)
            let reconciler = reconciler(client, events, clock)

            let expired = try await reconciler.reconcile(Self.key)
            #expect(expired == .requeue(after: .seconds(6 * 3_600)))
            #expect(server.object(onCallOverrideResource, name: "swap")?[path: ["status", "conditions"]] == Self.conditions(
                "True", "Expired", "Ended at 2026-07-06T07:00:00Z; deleted at 2026-07-13T07:00:00Z"))

            clock.set(instant("2026-07-13T06:59:59Z"))
            #expect(try await reconciler.reconcile(Self.key) == .requeue(after: .seconds(1)))
            #expect(server.object(onCallOverrideResource, name: "swap") != nil)

            clock.set(instant("2026-07-13T07:00:00Z"))
            #expect(try await reconciler.reconcile(Self.key) == .done)
            #expect(server.object(onCallOverrideResource, name: "swap") == nil)
            #expect(try await reconciler.reconcile(Self.key) == .done)
        }
    }

    @Test func rotationTheScheduleCannotTakeIsReadyFalse() async throws {
        try await withOverrideCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            var override = onCallOverride("swap", from: "2026-07-06T07:00:00Z", to: "2026-07-06T10:00:00Z")
            override.spec.rotation = "primary"
            try server.create(onCallOverrideResource, try onCallOverrideJSON(override))

            _ = try await reconciler(client, events, TestWallClock(onCallEpoch)).reconcile(Self.key)

            let condition = server.object(onCallOverrideResource, name: "swap")?[path: ["status", "conditions"]]?.arrayValue?.first
            #expect(condition?["status"] == "False")
            #expect(condition?["reason"] == "RotationNotSupported")
        }
    }
}
