import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinNotifiers
import TocsinTesting

/// The fake cluster (with the token Secret), the fake Slack workspace (`#sre`, user group `S0123ABCD`) and a
/// reconciler with a ``HandoffNotifier`` whose Slack client logs into `logs`.
struct HandoffWorld {
    static let key = ObjectKey(namespace: "default", name: "platform")
    static let token = FakeSlackServer.defaultBotToken
    static let group = "S0123ABCD"

    let server: FakeAPIServer
    let slack: FakeSlackServer
    let clock: TestWallClock
    let logs: CapturedLogs
    let reconciler: OnCallScheduleReconciler

    /// The onCallSpec() schedule announcing to `channel` (with the user group unless `userGroup` is false).
    static func spec(channel: String = "#sre", userGroup: Bool = true) -> OnCallScheduleSpec {
        var spec = onCallSpec()
        spec.notifications = OnCallNotifications(
            slack: HandoffSlackNotification(
                channel: channel, tokenSecretRef: SecretKeySelector(name: "tocsin-slack", key: "bot-token"),
                userGroupID: userGroup ? group : nil))
        return spec
    }

    static func run(
        spec: OnCallScheduleSpec = HandoffWorld.spec(), at start: String, _ body: (HandoffWorld) async throws -> Void
    ) async throws {
        let slack = try await FakeSlackServer.start(
            configuration: FakeSlackServer.Configuration(
                channels: [FakeSlackServer.Channel(id: "C0000SRE", name: "sre")], userGroups: [group: ["U0OLD00001"]]))
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let logs = CapturedLogs()
        do {
            try await withOnCallCluster { server, client, events in
                try server.create(onCallScheduleResource, try onCallScheduleJSON("platform", spec: spec))
                let secret = Secret(
                    metadata: ObjectMeta(name: "tocsin-slack", namespace: "default"), data: ["bot-token": Data((token + "\n").utf8)])
                try server.create(.secrets, try FakeJSON(jsonData: JSONEncoder().encode(secret)))
                let clock = TestWallClock(instant(start))
                let notifier = HandoffNotifier(
                    slack: SlackClient(httpClient: http, apiBaseURL: slack.apiBaseURL, logger: logs.logger("test.slack")),
                    client: client)
                let reconciler = OnCallScheduleReconciler(
                    client: client, events: events, handoffNotifier: notifier, now: { clock.now })
                try await body(HandoffWorld(server: server, slack: slack, clock: clock, logs: logs, reconciler: reconciler))
            }
        } catch {
            try? await http.shutdown()
            await slack.shutdown()
            throw error
        }
        try await http.shutdown()
        await slack.shutdown()
    }

    /// Moves the clock to `time` and reconciles.
    func reconcile(at time: String) async throws {
        clock.set(instant(time))
        _ = try await reconciler.reconcile(Self.key)
    }

    /// The texts posted to `#sre`, oldest first.
    var posted: [String] { slack.messages(in: "#sre").compactMap(\.text) }

    /// `status.lastHandoff` as stored.
    func lastHandoff() throws -> FakeJSON? {
        try #require(server.object(onCallScheduleResource, name: "platform"))[path: ["status", "lastHandoff"]]
    }
}

@Suite("OnCallScheduleReconciler: handoff notifications and Slack user-group sync")
struct OnCallScheduleHandoffTests {
    @Test func aHandoffPostsOneMessageAndSetsTheUserGroupAndAgainPostsNothing() async throws {
        try await HandoffWorld.run(at: "2026-07-06T14:30:00Z") { world in
            _ = try await world.reconciler.reconcile(HandoffWorld.key)
            #expect(world.posted == ["On call now: cem (until Mon 17:00 GMT+2); next: ben"])
            #expect(world.slack.userGroupMembers(HandoffWorld.group) == ["U0CEM00001"])

            try await world.reconcile(at: "2026-07-06T15:00:00Z")

            #expect(world.posted == [
                "On call now: cem (until Mon 17:00 GMT+2); next: ben", "On call now: ben (until Mon 20:00 GMT+2); next: dan",
            ])
            #expect(world.slack.userGroupUpdates.map(\.users) == [["U0CEM00001"], ["U0BEN00001"]])
            #expect(world.slack.userGroupMembers(HandoffWorld.group) == ["U0BEN00001"])
            #expect(try world.lastHandoff() == [
                "time": "2026-07-06T15:00:00Z", "participants": ["ben"], "notifiedTime": "2026-07-06T15:00:00Z",
                "userGroupSynced": true,
            ])

            let patches = world.server.requestCount(method: "PATCH")
            try await world.reconcile(at: "2026-07-06T15:00:00Z")
            try await world.reconcile(at: "2026-07-06T16:30:00Z")

            #expect(world.posted.count == 2)
            #expect(world.slack.userGroupUpdates.count == 2)
            #expect(world.server.requestCount(method: "PATCH") == patches)
        }
    }

    @Test func anOverrideStartingAndEndingPostsEachTimeAndAPersonWithoutSlackIDLeavesTheGroup() async throws {
        try await HandoffWorld.run(at: "2026-07-06T16:00:00Z") { world in
            _ = try await world.reconciler.reconcile(HandoffWorld.key)
            // The override (dan, no slackUserID) starts at 18:00Z.
            try await world.reconcile(at: "2026-07-06T18:00:00Z")

            #expect(world.posted == [
                "On call now: ben (until Mon 20:00 GMT+2); next: dan", "On call now: dan (until Mon 22:00 GMT+2); next: ben",
            ])
            #expect(world.slack.userGroupUpdates.map(\.users) == [["U0BEN00001"]])
            #expect(world.slack.userGroupMembers(HandoffWorld.group) == ["U0BEN00001"])
            #expect(try world.lastHandoff() == [
                "time": "2026-07-06T18:00:00Z", "participants": ["dan"], "notifiedTime": "2026-07-06T18:00:00Z",
                "userGroupSynced": false,
                "error": "user group S0123ABCD left unchanged: nobody on call has a slackUserID (Slack requires at least one member)",
            ])

            try await world.reconcile(at: "2026-07-06T19:00:00Z")
            #expect(world.posted.count == 2)
            #expect(world.slack.userGroupUpdates.count == 1)

            try await world.reconcile(at: "2026-07-06T20:00:00Z")
            #expect(world.posted.last == "On call now: ben (until Tue 09:00 GMT+2); next: cem")
            #expect(world.slack.userGroupUpdates.map(\.users) == [["U0BEN00001"], ["U0BEN00001"]])
        }
    }

    @Test func anOverrideAddedToTheSpecPostsWhenItStarts() async throws {
        try await HandoffWorld.run(at: "2026-07-06T08:00:00Z") { world in
            _ = try await world.reconciler.reconcile(HandoffWorld.key)
            var spec = HandoffWorld.spec()
            spec.overrides?.append(
                ScheduleOverride(
                    start: Timestamp(instant("2026-07-06T09:00:00Z")), end: Timestamp(instant("2026-07-06T10:00:00Z")),
                    participant: Participant(name: "ana", slackUserID: "U0ANA00001"), reason: "cover"))
            var stored = try #require(world.server.object(onCallScheduleResource, name: "platform"))
            if case .object(var members) = stored {
                members["spec"] = try onCallScheduleJSON("platform", spec: spec)["spec"]
                stored = .object(members)
            }
            _ = try world.server.update(onCallScheduleResource, stored)

            try await world.reconcile(at: "2026-07-06T08:30:00Z")
            #expect(world.posted.count == 1)
            try await world.reconcile(at: "2026-07-06T09:00:00Z")

            #expect(world.posted == [
                "On call now: cem (until Mon 17:00 GMT+2); next: ben", "On call now: ana (until Mon 12:00 GMT+2); next: cem",
            ])
            #expect(world.slack.userGroupMembers(HandoffWorld.group) == ["U0ANA00001"])
        }
    }

    @Test func channelNotFoundIsRecordedAndRetryableAndTheTokenIsNowhere() async throws {
        try await HandoffWorld.run(spec: HandoffWorld.spec(channel: "#nowhere"), at: "2026-07-06T14:30:00Z") { world in
            let error = await #expect(throws: HandoffNotificationError.self) {
                try await world.reconciler.reconcile(HandoffWorld.key)
            }
            #expect(error?.code == .notFound)
            #expect(error?.message.hasPrefix("OnCallSchedule default/platform: Slack chat.postMessage to #nowhere failed: channel_not_found") == true)
            #expect(world.slack.userGroupUpdates.isEmpty)
            let record = try #require(try world.lastHandoff())
            #expect(record["time"] == "2026-07-06T07:00:00Z")
            #expect(record["participants"] == ["cem"])
            #expect(record["notifiedTime"] == nil)
            #expect(record["error"]?.stringValue?.hasPrefix("Slack chat.postMessage to #nowhere failed: channel_not_found") == true)
            let stored = try #require(world.server.object(onCallScheduleResource, name: "platform"))
            let storedText = String(decoding: stored.jsonData, as: UTF8.self)
            #expect(!storedText.contains(HandoffWorld.token))
            #expect(error.map { "\($0)".contains(HandoffWorld.token) } == false)
            #expect(!world.logs.all.contains { $0.contains(HandoffWorld.token) })
        }
    }

    @Test func aRetryAfterAFailedPostSendsOnceWhenSlackRecovers() async throws {
        try await HandoffWorld.run(at: "2026-07-06T14:30:00Z") { world in
            world.slack.answerNext(with: .slackError("internal_error"), pathPrefix: "/api/chat.postMessage")
            await #expect(throws: HandoffNotificationError.self) { try await world.reconciler.reconcile(HandoffWorld.key) }
            #expect(world.posted.isEmpty)

            try await world.reconcile(at: "2026-07-06T14:31:00Z")
            try await world.reconcile(at: "2026-07-06T14:32:00Z")

            #expect(world.posted == ["On call now: cem (until Mon 17:00 GMT+2); next: ben"])
            #expect(try world.lastHandoff() == [
                "time": "2026-07-06T07:00:00Z", "participants": ["cem"], "notifiedTime": "2026-07-06T14:31:00Z",
                "userGroupSynced": true,
            ])
        }
    }

    @Test func aFailedUserGroupUpdateIsRetriedWithoutPostingAgain() async throws {
        try await HandoffWorld.run(at: "2026-07-06T14:30:00Z") { world in
            world.slack.configuration.userGroups = [:]
            let error = await #expect(throws: HandoffNotificationError.self) {
                try await world.reconciler.reconcile(HandoffWorld.key)
            }
            #expect(error?.message.contains("no_such_subteam") == true)
            #expect(try world.lastHandoff()?["userGroupSynced"] == false)

            world.slack.configuration.userGroups = [HandoffWorld.group: []]
            try await world.reconcile(at: "2026-07-06T14:31:00Z")

            #expect(world.posted.count == 1)
            #expect(world.slack.userGroupMembers(HandoffWorld.group) == ["U0CEM00001"])
            #expect(try world.lastHandoff() == [
                "time": "2026-07-06T07:00:00Z", "participants": ["cem"], "notifiedTime": "2026-07-06T14:30:00Z",
                "userGroupSynced": true,
            ])
        }
    }

    @Test func withoutNotificationsNothingIsSentAndNoLastHandoffIsWritten() async throws {
        try await HandoffWorld.run(spec: onCallSpec(), at: "2026-07-06T14:30:00Z") { world in
            _ = try await world.reconciler.reconcile(HandoffWorld.key)
            #expect(world.slack.requests.isEmpty)
            #expect(try world.lastHandoff() == nil)
        }
    }
}

@Suite("OnCallSchedule notifications validation")
struct OnCallNotificationsValidationTests {
    @Test func aBadChannelAndUserGroupIDAreReportedWithTheirPaths() {
        var schedule = OnCallSchedule(
            metadata: ObjectMeta(name: "platform", namespace: "default"), spec: HandoffWorld.spec(channel: "sre"))
        schedule.spec.notifications?.slack?.userGroupID = "s0123"
        #expect(schedule.validate().map(\.description) == [
            "spec.notifications.slack.channel: must be a channel name such as #sre or a channel ID such as C0123456789",
            "spec.notifications.slack.userGroupID: must be a Slack user group ID such as S0123ABCD",
        ])
    }

    @Test func aValidNotificationPasses() {
        let schedule = OnCallSchedule(metadata: ObjectMeta(name: "platform", namespace: "default"), spec: HandoffWorld.spec())
        #expect(schedule.validate().isEmpty)
    }
}
