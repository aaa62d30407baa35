import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("OnCallSchedule status with OnCallOverride objects")
struct OnCallScheduleOverrideTests {
    static let key = ObjectKey(namespace: "default", name: "platform")

    static func expectedOnCallNow(_ start: String, _ end: String) -> FakeJSON {
        [["participant": "eve", "slackUserID": "U0EVE00001", "override": true, "start": .string(start), "end": .string(end)]]
    }

    @Test func overrideFromTheStoreIsOnCallNow() async throws {
        try await withOverrideCluster { server, client, events in
            try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
            let store = Store<OnCallOverride>(indexes: OnCallScheduleReconciler.overrideIndexes)
            _ = store.upsert(
                onCallOverride("swap", from: "2026-07-06T07:30:00Z", to: "2026-07-06T09:00:00Z"),
                for: ObjectKey(namespace: "default", name: "swap"), resourceVersion: "1")
            _ = store.upsert(
                onCallOverride("elsewhere", "zed", schedule: "other", from: "2026-07-06T07:00:00Z", to: "2026-07-06T10:00:00Z"),
                for: ObjectKey(namespace: "default", name: "elsewhere"), resourceVersion: "2")
            let reconciler = OnCallScheduleReconciler(client: client, events: events, overrides: store, now: { onCallEpoch })

            let result = try await reconciler.reconcile(Self.key)

            #expect(result == .requeue(after: .seconds(3_600)))
            let status = try #require(server.object(onCallScheduleResource, name: "platform")?["status"])
            #expect(status["onCallNow"] == Self.expectedOnCallNow("2026-07-06T07:30:00Z", "2026-07-06T09:00:00Z"))
            #expect(status["nextHandoff"] == "2026-07-06T09:00:00Z")
            #expect(status[path: ["conditions"]]?.arrayValue?.first?["message"] == "On call now: eve")
        }
    }

    @Test func creatingAnOverrideInTheClusterUpdatesTheScheduleStatus() async throws {
        try await withOverrideCluster { server, client, events in
            var logger = Logger(label: "test.oncalloverride.informers")
            logger.logLevel = .critical
            let informers = SharedInformers(client: client, logger: logger)
            let schedules = Controller.onCallSchedules(
                client: client, informers: informers, events: events, now: { onCallEpoch })
            let overrides = Controller.onCallOverrides(
                client: client, informers: informers, events: events, now: { onCallEpoch })
            #expect(overrides.controller.name == "oncalloverride")

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                group.addTask { try await schedules.controller.run() }
                group.addTask { try await overrides.controller.run() }
                // The override comes first: it is ScheduleNotFound until the schedule appears.
                try server.create(
                    onCallOverrideResource,
                    try onCallOverrideJSON(onCallOverride("swap", from: "2026-07-06T07:30:00Z", to: "2026-07-06T09:00:00Z")))
                let notFound = try await pollOnCall {
                    server.object(onCallOverrideResource, name: "swap")?[path: ["status", "conditions"]]?.arrayValue?
                        .first?["reason"] == "ScheduleNotFound"
                }
                try server.create(onCallScheduleResource, try onCallScheduleJSON("platform"))
                let shown = try await pollOnCall {
                    server.object(onCallScheduleResource, name: "platform")?[path: ["status", "onCallNow"]]
                        == Self.expectedOnCallNow("2026-07-06T07:30:00Z", "2026-07-06T09:00:00Z")
                }
                let active = try await pollOnCall {
                    server.object(onCallOverrideResource, name: "swap")?[path: ["status", "conditions"]]?.arrayValue?
                        .first?["reason"] == "Active"
                }
                _ = try server.delete(onCallOverrideResource, name: "swap")
                let back = try await pollOnCall {
                    server.object(onCallScheduleResource, name: "platform")?[path: ["status", "onCallNow"]]?.arrayValue?
                        .first?["participant"] == "cem"
                }
                group.cancelAll()
                #expect(notFound)
                #expect(shown)
                #expect(active)
                #expect(back)
                #expect(overrides.subscription.hasSynced)
            }
        }
    }
}
