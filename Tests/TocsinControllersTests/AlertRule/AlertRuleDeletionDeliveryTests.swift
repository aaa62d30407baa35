import Foundation
import KubeCore
import KubeRuntime
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// Deleting an AlertRule resolves its Incidents, and their closing deliveries still go out: the finalizer keeps the
/// rule (routes, Secrets) until they are done.
@Suite("Deleting an AlertRule closes its Incidents in Slack and Opsgenie")
struct AlertRuleDeletionDeliveryTests {
    typealias F = DeliveryFixtures
    static let key = ObjectKey(namespace: "shop", name: "web-down")

    /// The delivery fixtures' rule, carrying the AlertRule finalizer.
    static func ruleWithFinalizer(_ baseURL: String) -> FakeJSON {
        var rule = F.rule(opsgenieBaseURL: baseURL)
        rule[path: ["metadata", "finalizers"]] = .array([.string(AlertRuleReconciler.finalizer)])
        return rule
    }

    @Test func theFinalizerHoldsTheRuleUntilTheCardIsUpdatedAndTheAlertClosed() async throws {
        try await withDeliveryService(rule: Self.ruleWithFinalizer) { world in
            try world.create(F.incident("inc-1"))
            let created = try await pollMonitor(attempts: 500) {
                world.isDelivered("inc-1", "slack:#alerts") && world.isDelivered("inc-1", "opsgenie")
            }
            #expect(created)
            let ts = try #require(world.delivery("inc-1", "slack:#alerts")?.slack?.ts)
            let reconciler = AlertRuleReconciler(
                client: world.client, events: world.events, logger: quietLogger("test.alertrule"),
                now: { world.wall.now })

            world.wall.set(F.epoch + 60)
            try world.server.delete(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down")
            let first = try await reconciler.reconcile(Self.key)

            // Resolved by the operator, saying why, with a Resolve queued for both receivers.
            let resolved = try #require(try world.incident("inc-1")?.status)
            #expect(resolved.phase == .resolved)
            #expect(resolved.resolvedBy == "tocsin (AlertRule deleted)")
            #expect(resolved.resolvedTime == Timestamp(F.epoch + 60))
            #expect(resolved.timeline?.last == TimelineEntry(
                time: Timestamp(F.epoch + 60), type: .resolved, actor: "tocsin (AlertRule deleted)",
                message: "AlertRule deleted"))
            // The rule stays (being deleted) while the closing deliveries are pending.
            #expect(first == .requeue(after: AlertRuleReconciler.closingDeliveryRecheck))
            #expect(world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down") != nil)

            let closed = try await pollMonitor(attempts: 500) {
                world.isDelivered("inc-1", "slack:#alerts") && world.isDelivered("inc-1", "opsgenie")
            }
            #expect(closed)
            let slackCalls = world.slack.requests.map { [$0.apiMethod ?? "", $0.body?["ts"]?.stringValue ?? ""] }
            #expect(slackCalls.first == ["chat.postMessage", ""])
            #expect(slackCalls.dropFirst().first == ["chat.update", ts])
            #expect(world.slack.messages(in: "C0000ALERTS").first?.updateCount == 1)
            let posts = world.opsgenie.requests.filter { $0.method == "POST" }.map(\.path)
            #expect(posts == ["/v2/alerts", "/v2/alerts/fp-inc-1/close"])
            #expect(world.opsgenie.alert(alias: "fp-inc-1")?.status == .closed)

            // Then the finalizer goes, and with it the rule.
            #expect(try await reconciler.reconcile(Self.key) == .done)
            #expect(world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down") == nil)
        }
    }

    @Test func closingDeliveriesThatNeverGoOutHoldTheRuleOnlyUntilTheTimeout() async throws {
        try await withDeliveryService(rule: Self.ruleWithFinalizer) { world in
            // Slack answers 500 to everything: the closing delivery keeps being retried.
            world.slack.failNext(1_000_000, status: 500)
            try world.create(F.incident("inc-2", receivers: ["slack:#alerts"], pending: []))
            let reconciler = AlertRuleReconciler(
                client: world.client, events: world.events, logger: quietLogger("test.alertrule"),
                now: { world.wall.now }, closingDeliveryTimeout: .seconds(300))
            try world.server.delete(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down")
            #expect(try await reconciler.reconcile(Self.key) == .requeue(after: AlertRuleReconciler.closingDeliveryRecheck))
            #expect(try world.incident("inc-2")?.status?.resolvedBy == "tocsin (AlertRule deleted)")

            let stored = try #require(world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down"))
            let deletion = try #require(try KubeJSON.decode(AlertRule.self, from: stored.jsonData).metadata.deletionTimestamp)
            world.wall.set(deletion + 299)
            #expect(try await reconciler.reconcile(Self.key) == .requeue(after: AlertRuleReconciler.closingDeliveryRecheck))
            world.wall.set(deletion + 301)
            #expect(try await reconciler.reconcile(Self.key) == .done)
            #expect(world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down") == nil)
        }
    }
}
