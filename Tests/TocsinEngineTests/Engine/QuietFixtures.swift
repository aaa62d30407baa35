import Foundation
import KubeCore
import TocsinAPI
import TocsinEngine

/// Builders for the mute-window and inhibition tests: rules with `muteWindows` / `inhibitedBy`, pods and nodes,
/// and UTC instants.
enum QuietFixtures {
    typealias F = EngineFixtures

    static let slackRoute = Route(
        slack: SlackReceiver(channel: "#shop-alerts", tokenSecretRef: SecretKeySelector(name: "slack", key: "token")),
        onCallScheduleRef: LocalObjectReference(name: "primary"))

    /// The night window 22:00–06:00 in Amsterdam, every day.
    static let night = MuteWindow(timeZone: "Europe/Amsterdam", startTime: "22:00", endTime: "06:00")

    /// An instant from `2026-01-15T22:00:00Z`.
    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
        return date
    }

    static func rule(
        _ name: String, namespace: String = "shop", condition: AlertCondition.Typed, muteWindows: [MuteWindow]? = nil,
        inhibitedBy: [Inhibition]? = nil, escalation: [EscalationStep]? = nil
    ) throws -> CompiledRule {
        try CompiledRule(AlertRule(
            metadata: ObjectMeta(name: name, namespace: namespace, uid: "uid-\(name)", generation: 1),
            spec: AlertRuleSpec(
                monitorRef: LocalObjectReference(name: "shop"), severity: .high, condition: AlertCondition(condition),
                for: .zero, keepFiringFor: .zero, routes: [slackRoute], escalation: escalation, repeatInterval: .zero,
                muteWindows: muteWindows, inhibitedBy: inhibitedBy)))
    }

    static func podRule(
        muteWindows: [MuteWindow]? = nil, inhibitedBy: [Inhibition]? = nil, escalation: [EscalationStep]? = nil
    ) throws -> CompiledRule {
        try rule(
            "pod-down", condition: .podNotReady(PodNotReadyCondition()), muteWindows: muteWindows,
            inhibitedBy: inhibitedBy, escalation: escalation)
    }

    static func engine(_ rules: [CompiledRule], scope: RuleScope = F.scope) -> AlertEngine {
        var engine = AlertEngine()
        for rule in rules { engine.setRule(rule, scope: scope) }
        engine.setDirectory(F.directory, namespace: "shop")
        return engine
    }

    static func notReadyPod(_ name: String = "api-5f6d-a", node: String = "node-a") -> WatchedPod {
        var pod = F.crashingPod(name)
        pod.nodeName = node
        return pod
    }

    static func readyPod(_ name: String = "api-5f6d-a", node: String = "node-a") -> WatchedPod {
        var pod = F.healthyPod(name)
        pod.nodeName = node
        return pod
    }

    static func node(_ name: String = "node-a", isReady: Bool) -> WatchedNode {
        WatchedNode(name: name, readyStatus: isReady ? "True" : "False", readyReason: isReady ? nil : "KubeletNotReady")
    }

    /// The pending actions of every delivery.
    static func pending(_ status: IncidentStatus?) -> [[OutboxEntry.Action]] {
        (status?.deliveries ?? []).map { ($0.pending ?? []).map(\.action) }
    }

    /// The status as the delivery service leaves it after posting the `Create` to Slack.
    static func delivered(_ status: IncidentStatus, at now: Date) -> IncidentStatus {
        var status = status
        status.deliveries = status.deliveries?.map { delivery in
            var delivery = delivery
            delivery.pending = []
            delivery.slack?.ts = "1.1"
            delivery.lastAttemptTime = Timestamp(now)
            delivery.lastSuccessTime = Timestamp(now)
            return delivery
        }
        return status
    }

    /// The Incident with `decisions` applied to its status at `now` (as the IncidentWriter does).
    static func applying(_ decisions: [IncidentDecision], to incident: Incident, now: Date) -> Incident {
        var incident = incident
        for decision in decisions where decision.name == incident.metadata.name {
            incident.status?.apply(decision.change, now: now)
        }
        return incident
    }
}
