import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinControllers

@Suite("Delivery plan")
struct DeliveryPlanTests {
    static let t0 = Date(timeIntervalSince1970: 1_783_324_800)

    static func entry(_ id: String, _ action: OutboxEntry.Action, at offset: TimeInterval = 0, notBefore: TimeInterval? = nil) -> OutboxEntry {
        OutboxEntry(
            id: id, action: action, enqueuedTime: Timestamp(t0 + offset), notBefore: notBefore.map { Timestamp(t0 + $0) })
    }

    static func incident(_ deliveries: [ReceiverDelivery]) -> Incident {
        Incident(
            metadata: ObjectMeta(name: "inc", namespace: "shop"),
            spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "rule"), fingerprint: "fp"),
            status: IncidentStatus(phase: .firing, severity: .high, startTime: Timestamp(t0), deliveries: deliveries))
    }

    static let posted = SlackMessageReference(channel: "#a", channelID: "C1", ts: "1.1")

    @Test(arguments: [
        // pending, has ts, now offset → (due head id, postsCard) or waiting head id
        ([entry("c", .create), entry("u", .update, at: 1)], false, 5.0, "c", true, true),
        ([entry("u", .update), entry("c", .create, at: 1)], false, 5.0, "c", true, true),
        ([entry("a", .acknowledge), entry("n", .note, at: 1)], true, 5.0, "a", false, true),
        ([entry("n", .note)], false, 5.0, "n", true, true),
        ([entry("a", .acknowledge, notBefore: 30), entry("r", .resolve, at: 1)], true, 5.0, "a", false, false),
        ([entry("a", .acknowledge, notBefore: 30)], true, 30.0, "a", false, true),
        ([entry("a", .acknowledge, at: 60)], true, 5.0, "a", false, true),
    ] as [([OutboxEntry], Bool, TimeInterval, String, Bool, Bool)])
    func theHeadIsCreateFirstThenTheOldestAndWaitsForNotBefore(
        pending: [OutboxEntry], hasMessage: Bool, now: TimeInterval, head: String, postsCard: Bool, isDue: Bool
    ) throws {
        let delivery = ReceiverDelivery(
            receiver: "slack:#a", type: .slack, slack: hasMessage ? Self.posted : SlackMessageReference(channel: "#a"),
            pending: pending)
        let plan = DeliveryPlan(incident: Self.incident([delivery]), now: Self.t0 + now)
        let step = try #require(plan.step(for: "slack:#a"))
        #expect(step.entry.id == head)
        #expect(step.postsCard == postsCard)
        #expect(plan.due.map(\.entry.id) == (isDue ? [head] : []))
        #expect(plan.waiting.map(\.entry.id) == (isDue ? [] : [head]))
        #expect(plan.nextDueTime == (isDue ? nil : step.dueTime))
    }

    @Test func receiversArePlannedIndependently() {
        let slack = ReceiverDelivery(
            receiver: "slack:#a", type: .slack, slack: Self.posted,
            pending: [Self.entry("s", .update, notBefore: 60)])
        let opsgenie = ReceiverDelivery(
            receiver: "opsgenie", type: .opsgenie, opsgenie: OpsgenieAlertReference(alias: "fp"),
            pending: [Self.entry("o", .acknowledge)])
        let idle = ReceiverDelivery(receiver: "slack:#b", type: .slack, slack: Self.posted)
        let plan = DeliveryPlan(incident: Self.incident([slack, opsgenie, idle]), now: Self.t0 + 1)
        #expect(plan.due.map(\.receiver) == ["opsgenie"])
        #expect(plan.due.first?.postsCard == false)
        #expect(plan.waiting.map(\.receiver) == ["slack:#a"])
        #expect(plan.nextDueTime == Self.t0 + 60)
        #expect(plan.step(for: "slack:#b") == nil)
    }

    @Test func anIncidentWithoutStatusPlansNothing() {
        var incident = Self.incident([])
        incident.status = nil
        let plan = DeliveryPlan(incident: incident, now: Self.t0)
        #expect(plan.due.isEmpty && plan.waiting.isEmpty)
    }
}
