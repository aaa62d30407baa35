import Foundation
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

@Suite("OnCallScheduleReconciler: the on-call summary at set times (postAt)")
struct OnCallSchedulePostAtTests {
    /// Posts at 08:30 Amsterdam time on weekdays only, and not on each change; the user group still follows.
    static func spec(onChange: Bool? = false) -> OnCallScheduleSpec {
        var spec = HandoffWorld.spec()
        spec.notifications?.slack?.onChange = onChange
        spec.notifications?.slack?.postAt = HandoffPostTimes(
            times: ["08:30"], daysOfWeek: [.monday, .tuesday, .wednesday, .thursday, .friday])
        return spec
    }

    func lastScheduledPost(_ world: HandoffWorld) throws -> FakeJSON? {
        try #require(world.server.object(onCallScheduleResource, name: "platform"))[path: ["status", "lastScheduledPost"]]
    }

    @Test func postsOnceAtTheSetTimeAndWakesUpForIt() async throws {
        try await HandoffWorld.run(spec: Self.spec(), at: "2026-07-06T06:00:00Z") { world in
            // Monday 08:00 in Amsterdam: before the set time; the reconcile asks to run again at 06:30Z.
            let result = try await world.reconciler.reconcile(HandoffWorld.key)
            #expect(result == .requeue(after: .seconds(1_800)))
            #expect(world.posted.isEmpty)

            try await world.reconcile(at: "2026-07-06T06:30:00Z")
            #expect(world.posted == ["On call now: ana (until Mon 09:00 GMT+2); next: cem"])
            #expect(try lastScheduledPost(world) == "2026-07-06T06:30:00Z")

            try await world.reconcile(at: "2026-07-06T06:45:00Z")
            #expect(world.posted.count == 1)
        }
    }

    @Test func withOnChangeFalseAHandoffPostsNothingButTheUserGroupFollows() async throws {
        try await HandoffWorld.run(spec: Self.spec(), at: "2026-07-06T14:30:00Z") { world in
            _ = try await world.reconciler.reconcile(HandoffWorld.key)
            try await world.reconcile(at: "2026-07-06T15:00:00Z")

            #expect(world.posted.isEmpty)
            #expect(world.slack.userGroupUpdates.map(\.users) == [["U0CEM00001"], ["U0BEN00001"]])
            #expect(try world.lastHandoff()?["notifiedTime"] == nil)
        }
    }

    @Test func onChangeAndSetTimesTogetherPostBoth() async throws {
        try await HandoffWorld.run(spec: Self.spec(onChange: nil), at: "2026-07-06T06:30:00Z") { world in
            _ = try await world.reconciler.reconcile(HandoffWorld.key)
            // The change announcement and the 08:30 summary are both due: both are posted.
            #expect(world.posted == [
                "On call now: ana (until Mon 09:00 GMT+2); next: cem", "On call now: ana (until Mon 09:00 GMT+2); next: cem",
            ])
            try await world.reconcile(at: "2026-07-06T07:00:00Z")
            #expect(world.posted.count == 3)
            #expect(world.posted.last == "On call now: cem (until Mon 17:00 GMT+2); next: ben")
        }
    }

    @Test func skipsTheWeekendAndAPostMoreThanAnHourLate() async throws {
        try await HandoffWorld.run(spec: Self.spec(), at: "2026-07-10T06:30:00Z") { world in
            _ = try await world.reconciler.reconcile(HandoffWorld.key)  // Friday 08:30: posted
            #expect(world.posted.count == 1)
            try await world.reconcile(at: "2026-07-11T06:30:00Z")  // Saturday
            try await world.reconcile(at: "2026-07-12T06:30:00Z")  // Sunday
            #expect(world.posted.count == 1)
            // Monday's 08:30 was missed (the operator was down); at 09:45 it is old news.
            try await world.reconcile(at: "2026-07-13T07:45:00Z")
            #expect(world.posted.count == 1)
            #expect(try lastScheduledPost(world) == "2026-07-10T06:30:00Z")
            // Ten minutes late is still posted.
            try await world.reconcile(at: "2026-07-14T06:40:00Z")
            #expect(world.posted.count == 2)
            #expect(try lastScheduledPost(world) == "2026-07-14T06:30:00Z")
        }
    }

    @Test func aFailedPostIsRetriedAndPostedOnce() async throws {
        try await HandoffWorld.run(spec: Self.spec(), at: "2026-07-06T06:30:00Z") { world in
            world.slack.failNext(1, status: 500, pathPrefix: "/api/chat.postMessage")
            await #expect(throws: HandoffNotificationError.self) {
                _ = try await world.reconciler.reconcile(HandoffWorld.key)
            }
            #expect(try lastScheduledPost(world) == nil)
            try await world.reconcile(at: "2026-07-06T06:31:00Z")
            try await world.reconcile(at: "2026-07-06T06:32:00Z")
            #expect(world.posted.count == 1)
        }
    }
}
