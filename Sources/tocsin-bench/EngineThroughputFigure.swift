import Foundation
import KubeCore
import TocsinAPI
import TocsinEngine

/// Figure 4: rule evaluation cost — pod changes per second through the alert engine alone (no HTTP, no decoding):
/// `observe` for every change and `evaluate` after every batch of 100, with a set of rules of the common kinds over
/// one Monitor's scope; a tenth of the pods crash loop, so groups open, refresh and resolve along the way.
struct EngineThroughputFigure: Sendable {
    /// Distinct pods.
    var pods: Int
    /// Pod changes fed in total.
    var events: Int

    static let batch = 100

    func run() throws -> [Figure] {
        var engine = AlertEngine()
        let scope = RuleScope(
            monitorNamespace: "bench", monitor: "bench", namespaces: .all, kinds: [.pod, .node, .event])
        for rule in try Self.rules() { engine.setRule(rule, scope: scope) }
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var decisions = 0
        var observed = 0
        let clock = ContinuousClock.now
        var now = start
        while observed < events {
            for _ in 0..<Self.batch where observed < events {
                let index = observed % pods
                let round = observed / pods
                engine.observe(.pod(Self.pod(index, round: round)), now: now)
                observed += 1
            }
            now = now.addingTimeInterval(1)
            decisions += engine.evaluate(now: now).count
        }
        let elapsed = ContinuousClock.now - clock
        guard decisions > 0 else { throw BenchError("the engine decided nothing: the fixture or the rules are wrong") }
        let perSecond = Double(observed) / elapsed.seconds
        return [
            Figure(
                key: "engineEventsPerSecond", title: "engine-only pod changes/s (1 thread, 6 rules)",
                value: perSecond, unit: "events/s", target: .atLeast(20_000)),
            Figure(key: "engineDecisions", title: "incident decisions in the engine run", value: Double(decisions), unit: "", target: nil),
        ]
    }

    /// Six rules of the common kinds, `for: 0s` so that incidents open during the run.
    static func rules() throws -> [CompiledRule] {
        let route = Route(slack: SlackReceiver(channel: "#bench", tokenSecretRef: SecretKeySelector(name: "s", key: "k")))
        let conditions: [(String, AlertCondition.Typed)] = [
            ("crash", .podCrashLooping(PodCrashLoopingCondition())),
            ("waiting", .containerWaiting(ContainerWaitingCondition())),
            ("oom", .containerOOMKilled(ContainerOOMKilledCondition())),
            ("notready", .podNotReady(PodNotReadyCondition())),
            ("restarts", .podRestarts(PodRestartsCondition(count: 3))),
            ("share", .workloadPodsNotReady(WorkloadPodsNotReadyCondition(percent: 50))),
        ]
        return try conditions.map { name, condition in
            try CompiledRule(AlertRule(
                metadata: ObjectMeta(name: name, namespace: "bench", uid: "uid-\(name)"),
                spec: AlertRuleSpec(
                    monitorRef: LocalObjectReference(name: "bench"), severity: .high, condition: AlertCondition(condition),
                    for: .zero, routes: [route])))
        }
    }

    /// Pod `index` at change `round`: 1 in 10 crash loops on odd rounds; restarts grow with the rounds.
    static func pod(_ index: Int, round: Int) -> WatchedPod {
        let crashing = index % 10 == 0 && round % 2 == 1
        let workload = "app-\(index / 20)"
        return WatchedPod(
            namespace: "ns-\(index % 50)", name: "\(workload)-5f6d-\(index)", phase: "Running", nodeName: "node-\(index % 100)",
            isReady: !crashing, labels: ["app": workload, "pod-template-hash": "5f6d"],
            owner: WatchedOwner(uid: "rs-\(workload)", kind: "ReplicaSet", name: "\(workload)-5f6d"),
            containers: [WatchedContainer(
                name: "app", isReady: !crashing, restartCount: crashing ? round : 0,
                waitingReason: crashing ? "CrashLoopBackOff" : nil)])
    }
}
