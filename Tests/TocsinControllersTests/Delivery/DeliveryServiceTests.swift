import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinControllers
import TocsinEngine
import TocsinNotifiers
import TocsinTesting

@Suite("Delivery of Incident outboxes to Slack and Opsgenie")
struct DeliveryServiceTests {
    typealias F = DeliveryFixtures

    @Test func createAcknowledgeResolveSendsExactlyTheseRequestsAndRecordsTheMessage() async throws {
        try await withDeliveryService { world in
            try world.create(F.incident("inc-1"))
            let created = try await pollMonitor(attempts: 500) {
                world.isDelivered("inc-1", "slack:#alerts") && world.isDelivered("inc-1", "opsgenie")
            }
            #expect(created)
            let slackDelivery = try #require(world.delivery("inc-1", "slack:#alerts"))
            #expect(slackDelivery.slack?.channelID == "C0000ALERTS")
            let ts = try #require(slackDelivery.slack?.ts)
            #expect(slackDelivery.lastError == nil && slackDelivery.attempts == nil)
            #expect(slackDelivery.lastSuccessTime == Timestamp(F.epoch))
            let opsgenieDelivery = try #require(world.delivery("inc-1", "opsgenie"))
            #expect(opsgenieDelivery.opsgenie?.alias == "fp-inc-1")
            #expect(opsgenieDelivery.opsgenie?.requestID?.isEmpty == false)
            let notified = try world.incident("inc-1")?.status?.timeline?.filter { $0.type == .notified }.compactMap(\.message)
            #expect(notified?.sorted() == ["Created Opsgenie alert fp-inc-1", "Posted to Slack #alerts"])

            // The card: header with severity and summary, the three buttons, in #alerts.
            let card = try #require(world.slack.requests(apiMethod: "chat.postMessage").first?.body)
            #expect(card["channel"] == "#alerts")
            let blocks = try #require(card["blocks"]?.arrayValue)
            #expect(blocks.first?["text"]?["text"]?.stringValue?.contains("[CRITICAL] web is crash looping") == true)
            let buttons = blocks.last?["elements"]?.arrayValue?.compactMap { $0["action_id"]?.stringValue }
            #expect(buttons?.count == 3)
            #expect(world.opsgenie.alert(alias: "fp-inc-1")?.priority == "P1")

            try await world.modify("inc-1") { try $0.acknowledge(by: "kubectl:alice", now: F.epoch + 60) }
            let acknowledged = try await pollMonitor(attempts: 500) {
                world.slack.requests.count == 3 && world.opsgenie.requests(method: "POST", path: "/v2/alerts/fp-inc-1/acknowledge").count == 1
                    && world.isDelivered("inc-1", "slack:#alerts")
            }
            #expect(acknowledged)
            try await world.modify("inc-1") { $0.resolve(by: "kubectl:alice", message: "fixed", now: F.epoch + 120) }
            let resolved = try await pollMonitor(attempts: 500) {
                world.slack.requests.count == 5 && world.opsgenie.requests(method: "POST", path: "/v2/alerts/fp-inc-1/close").count == 1
            }
            #expect(resolved)

            let slackCalls = world.slack.requests.map { [$0.apiMethod ?? "", $0.body?["channel"]?.stringValue ?? "", $0.body?["ts"]?.stringValue ?? $0.body?["thread_ts"]?.stringValue ?? ""] }
            #expect(slackCalls == [
                ["chat.postMessage", "#alerts", ""],
                ["chat.update", "C0000ALERTS", ts], ["chat.postMessage", "C0000ALERTS", ts],
                ["chat.update", "C0000ALERTS", ts], ["chat.postMessage", "C0000ALERTS", ts],
            ])
            #expect(world.slack.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(F.botToken)" })
            let replies = world.slack.messages(in: "C0000ALERTS").first?.replies.compactMap(\.text)
            #expect(replies?.count == 2)
            #expect(replies?.first?.hasPrefix(":eyes: Acknowledged by") == true)
            #expect(replies?.last?.hasPrefix(":white_check_mark: Resolved by") == true)
            #expect(replies?.last?.hasSuffix(": fixed") == true)
            let finalCard = world.slack.messages(in: "C0000ALERTS").first
            #expect(finalCard?.updateCount == 2)
            #expect(finalCard?.blocks?.contains { $0["type"] == "actions" } == false, "a resolved card has no buttons")

            let posts = world.opsgenie.requests.filter { $0.method == "POST" }.map(\.path)
            #expect(posts == ["/v2/alerts", "/v2/alerts/fp-inc-1/acknowledge", "/v2/alerts/fp-inc-1/close"])
            #expect(world.opsgenie.requests.filter { $0.method == "POST" }.allSatisfy { $0.query["identifierType"] == "alias" || $0.path == "/v2/alerts" })
            #expect(world.opsgenie.alert(alias: "fp-inc-1")?.status == .closed)
            #expect(world.opsgenie.requests.allSatisfy { $0.headers["authorization"] == "GenieKey \(F.opsgenieKey)" })
            let checks = try await pollMonitor(attempts: 200) {
                !world.opsgenie.requests.filter { $0.method == "GET" && $0.path.hasPrefix("/v2/alerts/requests/") }.isEmpty
            }
            #expect(checks, "the create's request status is checked")

            let visible = world.everythingVisible()
            #expect(!visible.contains(F.botToken) && !visible.contains(F.opsgenieKey))
        }
    }

    @Test func aRateLimitIsRetriedNoSoonerThanRetryAfter() async throws {
        try await withDeliveryService(rule: { F.rule(opsgenieBaseURL: $0, opsgenie: false) }) { world in
            world.slack.rateLimitNext(1, retryAfter: 30)
            try world.create(F.incident("inc-2", receivers: ["slack:#alerts"]))
            let failed = try await pollMonitor(attempts: 500) { world.delivery("inc-2", "slack:#alerts")?.attempts == 1 }
            #expect(failed)
            let delivery = try #require(world.delivery("inc-2", "slack:#alerts"))
            #expect(delivery.pending?.first?.notBefore == Timestamp(F.epoch + 30))
            #expect(delivery.lastError?.contains("rate limited") == true)
            #expect(delivery.lastAttemptTime == Timestamp(F.epoch))
            try await Task.sleep(for: .milliseconds(200))
            #expect(world.slack.requests.count == 1)

            world.wall.set(F.epoch + 29)
            try await Task.sleep(for: .milliseconds(200))
            #expect(world.slack.requests.count == 1)
            world.wall.set(F.epoch + 30)
            let delivered = try await pollMonitor(attempts: 500) { world.isDelivered("inc-2", "slack:#alerts") }
            #expect(delivered)
            #expect(world.slack.requests(apiMethod: "chat.postMessage").count == 2)
            #expect(world.slack.messages.count == 1)
            #expect(world.delivery("inc-2", "slack:#alerts")?.slack?.ts != nil)
        }
    }

    @Test func aServerErrorStormOpensTheCircuitAndAProbeClosesIt() async throws {
        let configuration = DeliveryConfiguration(
            failureThreshold: 2, initialCoolDown: .seconds(60), tick: .milliseconds(10), requestCheckDelay: .zero)
        try await withDeliveryService(configuration: configuration, rule: { F.rule(opsgenieBaseURL: $0, opsgenie: false) }) { world in
            world.slack.failNext(2, status: 503)
            try world.create(F.incident("inc-3", receivers: ["slack:#alerts"]))
            let opened = try await pollMonitor(attempts: 500) { world.delivery("inc-3", "slack:#alerts")?.attempts == 2 }
            #expect(opened)
            #expect(world.delivery("inc-3", "slack:#alerts")?.lastError?.contains("503") == true)
            try world.create(F.incident("inc-4", receivers: ["slack:#alerts"]))
            world.wall.set(F.epoch + 5)
            try await Task.sleep(for: .milliseconds(300))
            #expect(world.slack.requests.count == 2, "no request while the circuit is open")
            #expect(world.delivery("inc-4", "slack:#alerts")?.attempts == nil, "held, not failed")

            world.wall.set(F.epoch + 61)
            let closed = try await pollMonitor(attempts: 500) {
                world.isDelivered("inc-3", "slack:#alerts") && world.isDelivered("inc-4", "slack:#alerts")
            }
            #expect(closed)
            #expect(world.slack.requests.count == 4)
            #expect(world.slack.messages.count == 2)
        }
    }

    @Test func notInChannelDropsTheEntryWithATimelineEntryEventsAndACondition() async throws {
        try await withDeliveryService(rule: { F.rule(opsgenieBaseURL: $0, opsgenie: false) }) { world in
            world.slack.failNext(1, error: "not_in_channel")
            try world.create(F.incident("inc-5", receivers: ["slack:#alerts"]))
            let dropped = try await pollMonitor(attempts: 500) {
                (try? world.incident("inc-5"))??.status?.timeline?.contains { $0.type == .deliveryFailed } == true
            }
            #expect(dropped)
            let delivery = try #require(world.delivery("inc-5", "slack:#alerts"))
            #expect(delivery.pending == nil)
            #expect(delivery.lastError?.contains("not_in_channel") == true)
            let haveEvents = try await pollMonitor(attempts: 500) {
                world.server.objects(.events, namespace: "shop").count { $0["reason"] == "SlackNotInChannel" } == 2
            }
            #expect(haveEvents)
            let kinds = world.server.objects(.events, namespace: "shop").filter { $0["reason"] == "SlackNotInChannel" }
                .compactMap { $0["involvedObject"]?["kind"]?.stringValue }.sorted()
            #expect(kinds == ["AlertRule", "Incident"])
            #expect(world.server.objects(.events, namespace: "shop").allSatisfy { $0["type"] == "Warning" })
            let conditionWritten = try await pollMonitor(attempts: 500) {
                world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down")?["status"]?["conditions"]?
                    .arrayValue?.contains { $0["type"] == "Delivering" && $0["status"] == "False" && $0["reason"] == "SlackNotInChannel" } == true
            }
            #expect(conditionWritten)
            try await Task.sleep(for: .milliseconds(200))
            #expect(world.slack.requests.count == 1, "not retried")
            let visible = world.everythingVisible()
            #expect(!visible.contains(F.botToken) && !visible.contains(F.opsgenieKey))
        }
    }

    @Test func aDeliveredMessageIsNeverPostedAgainAfterARestart() async throws {
        try await withDeliveryService(rule: { F.rule(opsgenieBaseURL: $0, opsgenie: false) }) { world in
            // Posted before the "restart": the Create is gone and the ts recorded; an Acknowledge is pending.
            let card = SlackMessage.incidentCard(for: F.incident("inc-6"))
            let answer = try await world.slackClient.postMessage(card, channel: "#alerts", token: F.botToken)
            let posted = SlackMessageReference(channel: "#alerts", channelID: answer.channelID, ts: answer.ts)
            var incident = F.incident(
                "inc-6", receivers: ["slack:#alerts"], slack: posted,
                pending: [OutboxEntry(id: "acknowledge-1", action: .acknowledge, enqueuedTime: Timestamp(F.epoch))])
            incident.status?.phase = .acknowledged
            incident.status?.acknowledgedTime = Timestamp(F.epoch)
            incident.status?.acknowledgedBy = "kubectl:bob"
            try world.create(incident)
            let done = try await pollMonitor(attempts: 500) { world.isDelivered("inc-6", "slack:#alerts") }
            #expect(done)
            #expect(world.slack.messages.count == 1, "no second card")
            #expect(world.slack.requests.compactMap(\.apiMethod) == ["chat.postMessage", "chat.update", "chat.postMessage"])
            #expect(world.slack.requests.last?.body?["thread_ts"]?.stringValue == posted.ts)
        }
    }

    @Test func aPostWhoseStatusWriteFailedIsRecordedInsteadOfPostedAgain() async throws {
        try await withDeliveryService(rule: { F.rule(opsgenieBaseURL: $0, opsgenie: false) }) { world in
            world.server.injectFailure(
                method: "PUT", pathPrefix: "/apis/tocsin.dev/v1alpha1/namespaces/shop/incidents/inc-7/status", status: 500,
                reason: "InternalError", message: "etcd is down", count: 3)
            try world.create(F.incident("inc-7", receivers: ["slack:#alerts"]))
            let posted = try await pollMonitor(attempts: 500) { world.slack.requests.count == 1 }
            #expect(posted)
            try await Task.sleep(for: .milliseconds(300))
            var recorded = false
            for step in 1...20 where !recorded {
                world.wall.set(F.epoch + 5 * Double(step))
                recorded = try await pollMonitor(attempts: 10) { world.isDelivered("inc-7", "slack:#alerts") }
            }
            #expect(recorded)
            #expect(world.slack.requests.count == 1, "recorded, not posted again")
            #expect(world.delivery("inc-7", "slack:#alerts")?.slack?.ts == world.slack.messages.first?.ts)
        }
    }

    @Test func onlyPendingEntriesAreSent() async throws {
        try await withDeliveryService { world in
            var incident = F.incident("inc-8")
            let deliveries = incident.status?.deliveries?.map { delivery in
                var delivery = delivery
                if delivery.type == .opsgenie { delivery.pending = nil }
                return delivery
            }
            incident.status?.deliveries = deliveries
            try world.create(incident)
            let done = try await pollMonitor(attempts: 500) { world.isDelivered("inc-8", "slack:#alerts") }
            #expect(done)
            try await Task.sleep(for: .milliseconds(200))
            #expect(world.opsgenie.requests.isEmpty)
        }
    }
}
