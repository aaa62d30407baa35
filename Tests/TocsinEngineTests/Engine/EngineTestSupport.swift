import Foundation
import KubeCore
import TocsinAPI
import TocsinEngine

/// Builders for the engine tests: rules, pods and a clock in minutes.
enum EngineFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    static let scope = RuleScope(
        monitorNamespace: "shop", monitor: "shop", namespaces: .names(["shop"]), kinds: [.pod, .node, .event],
        labels: ["team": "payments"])

    static func rule(
        _ name: String = "crash", condition: AlertCondition.Typed = .podCrashLooping(PodCrashLoopingCondition()),
        severity: Severity = .high, for pending: KubeDuration? = nil, keepFiringFor: KubeDuration? = nil,
        routes: [Route] = [Route(slack: SlackReceiver(channel: "#shop-alerts", tokenSecretRef: SecretKeySelector(name: "slack", key: "token")), onCallScheduleRef: LocalObjectReference(name: "primary"))],
        escalation: [EscalationStep]? = nil, repeatInterval: KubeDuration? = .zero, summary: String? = nil
    ) throws -> CompiledRule {
        try CompiledRule(AlertRule(
            metadata: ObjectMeta(name: name, namespace: "shop", uid: "uid-\(name)", generation: 1),
            spec: AlertRuleSpec(
                monitorRef: LocalObjectReference(name: "shop"), severity: severity, condition: AlertCondition(condition),
                for: pending, keepFiringFor: keepFiringFor, summary: summary, routes: routes, escalation: escalation,
                repeatInterval: repeatInterval)))
    }

    static func crashingPod(_ name: String, workload: String = "api", restarts: Int = 5) -> WatchedPod {
        WatchedPod(
            namespace: "shop", name: name, phase: "Running", nodeName: "node-a", isReady: false,
            labels: ["app": workload, "pod-template-hash": "5f6d"],
            owner: WatchedOwner(uid: "rs-\(workload)", kind: "ReplicaSet", name: "\(workload)-5f6d"),
            containers: [WatchedContainer(name: "app", restartCount: restarts, waitingReason: "CrashLoopBackOff")])
    }

    static func healthyPod(_ name: String, workload: String = "api", restarts: Int = 5) -> WatchedPod {
        WatchedPod(
            namespace: "shop", name: name, phase: "Running", nodeName: "node-a", isReady: true,
            labels: ["app": workload, "pod-template-hash": "5f6d"],
            owner: WatchedOwner(uid: "rs-\(workload)", kind: "ReplicaSet", name: "\(workload)-5f6d"),
            containers: [WatchedContainer(name: "app", isReady: true, restartCount: restarts)])
    }

    static var directory: OnCallDirectory {
        let schedule = OnCallScheduleSpec(
            timeZone: "Europe/Amsterdam",
            rotations: [Rotation(
                name: "weekly",
                participants: [
                    Participant(name: "alice", slackUserID: "U0ALICE", opsgenieUser: "alice@example.com"),
                    Participant(name: "bob", slackUserID: "U0BOB"),
                ],
                shiftLength: .weeks(1), handoffTime: "09:00", start: Timestamp(Date(timeIntervalSince1970: 1_700_000_000)))])
        var secondary = schedule
        secondary.rotations[0].participants = [Participant(name: "carol", slackUserID: "U0CAROL")]
        var directory = OnCallDirectory()
        directory.set(schedule, named: "primary")
        directory.set(secondary, named: "secondary")
        return directory
    }

    /// The Incident a decision opens, with the API server's additions (resourceVersion) left out.
    static func opened(_ decisions: [IncidentDecision]) -> [Incident] {
        decisions.compactMap { if case .open(let incident) = $0.change { incident } else { nil } }
    }
}
