import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinAPI
import TocsinControllers
import TocsinTesting

/// The AlertRule's conditions have two writers: the AlertRule reconciler (`Ready`) and the delivery service
/// (`Delivering`, from its cache). Neither may erase the other's.
@Suite("The Delivering condition next to Ready")
struct DeliveringConditionTests {
    typealias F = DeliveryFixtures

    @Test func aDeliveringConditionWrittenFromAStaleCacheKeepsTheReconcilersReadyCondition() async throws {
        try await withDeliveryService(rule: { F.rule(opsgenieBaseURL: $0, opsgenie: false) }) { world in
            world.slack.rateLimitNext(1, retryAfter: 30)
            try world.create(F.incident("inc-7", receivers: ["slack:#alerts"]))
            var attempted = false
            for _ in 0..<500 where !attempted {
                attempted = world.delivery("inc-7", "slack:#alerts")?.attempts == 1
                if !attempted { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(attempted)

            // The reconciler reports a template error; the delivery service's cache does not see it yet.
            world.server.holdWatchEvents()
            var rule = try #require(world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down"))
            let ready: FakeJSON = [
                "type": "Ready", "status": "False", "observedGeneration": 1, "lastTransitionTime": "2026-07-06T08:00:00Z",
                "reason": "InvalidTemplate", "message": "spec.summary: unknown function humanise at 1:13; did you mean humanize?",
            ]
            rule["status"] = ["observedGeneration": 1, "conditions": [ready]]
            _ = try world.server.updateStatus(AlertRuleFixtures.alertRules, rule)

            // The retry fails for good: the service writes Delivering=False.
            world.slack.failNext(1, error: "not_in_channel")
            world.wall.set(F.epoch + 30)
            var written = false
            for _ in 0..<500 where !written {
                written = storedConditionTypes(world).contains("Delivering")
                if !written { try await Task.sleep(for: .milliseconds(20)) }
            }
            world.server.releaseWatchEvents()
            // The first write, from the stale copy, was refused; the second came from a fresh read.
            let patches = world.server.requests.filter { $0.method == "PATCH" && $0.path.hasSuffix("/alertrules/web-down/status") }
            #expect(patches.count == 2)
            #expect(written)
            #expect(world.slack.requests.count == 2)
            let conditions = world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down")?[
                "status"]?["conditions"]?.arrayValue ?? []
            #expect(conditions.first { $0["type"]?.stringValue == "Ready" } == ready)
            #expect(conditions.first { $0["type"]?.stringValue == "Delivering" }?["reason"] == "SlackNotInChannel")
        }
    }
}

/// The types of the stored AlertRule's conditions, in order.
private func storedConditionTypes(_ world: DeliveryWorld) -> [String] {
    let status = world.server.object(AlertRuleFixtures.alertRules, namespace: "shop", name: "web-down")?["status"]
    return (status?["conditions"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }
}
