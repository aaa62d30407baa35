import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("OnCallScheduleReconciler against the fake API server")
struct OnCallScheduleReconcilerTests {
    static let key = ObjectKey(namespace: "default", name: "platform")

    func reconciler(_ client: KubernetesClient, _ events: EventRecorder, _ clock: TestWallClock) -> OnCallScheduleReconciler {
        OnCallScheduleReconciler(client: client, events: events, now: { clock.now })
    }

    static func shift(
        _ participant: String, _ start: String, _ end: String, slack: String? = nil, opsgenie: String? = nil,
        rotation: String? = nil, isOverride: Bool = false
    ) -> FakeJSON {
        var object: [String: FakeJSON] = ["participant": .string(participant), "start": .string(start), "end": .string(end)]
        if let slack { object["slackUserID"] = .string(slack) }
        if let opsgenie { object["opsgenieUser"] = .string(opsgenie) }
        if let rotation { object["rotation"] = .string(rotation) }
        if isOverride { object["override"] = true }
        return .object(object)
    }

    @Test func validScheduleGetsWhoIsOnCallNextHandoffShiftsGapsAndReady() async throws {
        try await withOnCallCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            let clock = TestWallClock(onCallEpoch)

            let result = try await reconciler(client, events, clock).reconcile(Self.key)

            // The next handoff is 7 hours away: the wait is capped at an hour.
            #expect(result == .requeue(after: .seconds(3_600)))
            let stored = try #require(server.object(onCallScheduleResource, name: "platform"))
            let status = try #require(stored["status"])
            #expect(status["observedGeneration"] == 1)
            #expect(status["onCallNow"] == [
                Self.shift("cem", "2026-07-06T07:00:00Z", "2026-07-06T15:00:00Z", slack: "U0CEM00001", rotation: "business")
            ])
            #expect(status["nextHandoff"] == "2026-07-06T15:00:00Z")
            #expect(status["upcomingShifts"] == [
                Self.shift("ben", "2026-07-06T15:00:00Z", "2026-07-06T18:00:00Z", slack: "U0BEN00001", rotation: "primary"),
                Self.shift("dan", "2026-07-06T18:00:00Z", "2026-07-06T20:00:00Z", opsgenie: "dan@example.com", isOverride: true),
                Self.shift("ben", "2026-07-06T20:00:00Z", "2026-07-07T07:00:00Z", slack: "U0BEN00001", rotation: "primary"),
                Self.shift("cem", "2026-07-07T07:00:00Z", "2026-07-07T15:00:00Z", slack: "U0CEM00001", rotation: "business"),
                Self.shift(
                    "ana", "2026-07-07T15:00:00Z", "2026-07-08T07:00:00Z", slack: "U0ANA00001", opsgenie: "ana@example.com",
                    rotation: "primary"),
            ])
            // Weekends (Saturday 00:00 to Monday 00:00 in Amsterdam) within the next 14 days.
            #expect(status["gaps"] == [
                ["start": "2026-07-10T22:00:00Z", "end": "2026-07-12T22:00:00Z"],
                ["start": "2026-07-17T22:00:00Z", "end": "2026-07-19T22:00:00Z"],
            ])
            #expect(status["conditions"] == [
                [
                    "type": "Ready", "status": "True", "observedGeneration": 1, "lastTransitionTime": "2026-07-06T08:00:00Z",
                    "reason": "Computed", "message": "On call now: cem",
                ]
            ])
        }
    }

    @Test func requeuesAtTheNextHandoff() async throws {
        try await withOnCallCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            let clock = TestWallClock(instant("2026-07-06T14:30:00Z"))

            let result = try await reconciler(client, events, clock).reconcile(Self.key)

            #expect(result == .requeue(after: .seconds(1_800)))
        }
    }

    @Test func unchangedReconcileSendsNoPatchEvenLaterInTheSameShift() async throws {
        try await withOnCallCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            let clock = TestWallClock(onCallEpoch)
            let reconciler = reconciler(client, events, clock)
            _ = try await reconciler.reconcile(Self.key)
            let patches = server.requestCount(method: "PATCH")

            _ = try await reconciler.reconcile(Self.key)
            clock.set(onCallEpoch.addingTimeInterval(3_000))
            let later = try await reconciler.reconcile(Self.key)

            #expect(server.requestCount(method: "PATCH") == patches)
            #expect(later == .requeue(after: .seconds(3_600)))
        }
    }

    @Test func invalidSpecIsReadyFalseWithThePathAndAWarningEventAndIsTerminal() async throws {
        try await withOnCallCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform", spec: onCallSpec(shiftLength: .hours(5))))
            let clock = TestWallClock(onCallEpoch)
            let expected = "spec.rotations[0].shiftLength: must be whole hours dividing a day (1h, 2h, 3h, 4h, 6h, 8h, 12h) "
                + "or whole days (1d, 1w, 14d)"

            await #expect(throws: TerminalReconcileError.self) {
                try await reconciler(client, events, clock).reconcile(Self.key)
            }

            let stored = try #require(server.object(onCallScheduleResource, name: "platform"))
            #expect(stored["status"] == [
                "observedGeneration": 1,
                "conditions": [
                    [
                        "type": "Ready", "status": "False", "observedGeneration": 1,
                        "lastTransitionTime": "2026-07-06T08:00:00Z", "reason": "InvalidSpec", "message": .string(expected),
                    ]
                ],
            ])
            #expect(try await pollOnCall { !server.objects(.events, namespace: "default").isEmpty })
            let event = try #require(server.objects(.events, namespace: "default").first)
            #expect(event["type"] == "Warning")
            #expect(event["reason"] == "InvalidSpec")
            #expect(event["message"] == .string(expected))
            #expect(event[path: ["involvedObject", "kind"]] == "OnCallSchedule")
            #expect(event[path: ["involvedObject", "name"]] == "platform")
        }
    }

    @Test func fixingTheSpecMakesItReadyWithANewTransitionTime() async throws {
        try await withOnCallCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform", spec: onCallSpec(shiftLength: .hours(5))))
            let clock = TestWallClock(onCallEpoch)
            let reconciler = reconciler(client, events, clock)
            await #expect(throws: TerminalReconcileError.self) { try await reconciler.reconcile(Self.key) }

            var fixed = try #require(server.object(onCallScheduleResource, name: "platform"))
            let fixedSpec = try onCallScheduleJSON("platform")["spec"]
            if case .object(var members) = fixed {
                members["spec"] = fixedSpec
                fixed = .object(members)
            }
            try server.update(onCallScheduleResource, fixed)
            clock.set(onCallEpoch.addingTimeInterval(60))
            let result = try await reconciler.reconcile(Self.key)

            #expect(result == .requeue(after: .seconds(3_600)))
            let status = try #require(server.object(onCallScheduleResource, name: "platform")?["status"])
            #expect(status["observedGeneration"] == 2)
            #expect(status["conditions"] == [
                [
                    "type": "Ready", "status": "True", "observedGeneration": 2, "lastTransitionTime": "2026-07-06T08:01:00Z",
                    "reason": "Computed", "message": "On call now: cem",
                ]
            ])
            #expect(status["nextHandoff"] == "2026-07-06T15:00:00Z")
        }
    }

    @Test func deletedScheduleIsDone() async throws {
        try await withOnCallCluster { server, client, events in
            let result = try await reconciler(client, events, TestWallClock(onCallEpoch)).reconcile(Self.key)

            #expect(result == .done)
            #expect(server.requestCount(method: "PATCH") == 0)
        }
    }
}
