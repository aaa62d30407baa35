import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Inhibition: a firing node incident silences the pod incidents on that node")
struct InhibitionTests {
    typealias F = EngineFixtures
    typealias Q = QuietFixtures

    static let byNode = [Inhibition(alertRuleRef: LocalObjectReference(name: "node-down"), equal: ["node"])]

    private func engine() throws -> AlertEngine {
        Q.engine([
            try Q.podRule(inhibitedBy: Self.byNode),
            try Q.rule("node-down", condition: .nodeNotReady(NodeNotReadyCondition())),
        ])
    }

    private func opened(_ decisions: [IncidentDecision], rule: String) throws -> Incident {
        try #require(F.opened(decisions).first { $0.spec.alertRuleRef.name == rule })
    }

    @Test func aPodIncidentOnANotReadyNodeOpensSilentlyInTheSamePass() throws {
        var engine = try engine()
        let now = F.at(0)
        engine.observe(.pod(Q.notReadyPod()), now: now)
        engine.observe(.node(Q.node(isReady: false)), now: now)
        let decisions = engine.evaluate(now: now)
        #expect(decisions.count == 2)
        let node = try opened(decisions, rule: "node-down")
        let pod = try opened(decisions, rule: "pod-down")
        #expect(Q.pending(node.status) == [[.create]])
        #expect(Q.pending(pod.status) == [[]])
        #expect(pod.status?.isSilenced == true)
        #expect(pod.status?.timeline?.last?.message
            == "Inhibited by node-down incident \(node.metadata.name ?? "") (node=node-a)")
        #expect(engine.nextDeadline() == nil)
    }

    @Test func thePodIncidentIsAnnouncedWhenTheNodeIncidentResolvesIfItStillFires() throws {
        var engine = try engine()
        engine.observe(.pod(Q.notReadyPod()), now: F.at(0))
        engine.observe(.node(Q.node(isReady: false)), now: F.at(0))
        let first = engine.evaluate(now: F.at(0))
        let node = try opened(first, rule: "node-down")
        var pod = try opened(first, rule: "pod-down")
        engine.observeIncident(pod)
        engine.observe(.pod(Q.notReadyPod()), now: F.at(5))
        #expect(engine.evaluate(now: F.at(5)).isEmpty)

        engine.observe(.node(Q.node(isReady: true)), now: F.at(10))
        let decisions = engine.evaluate(now: F.at(10))
        #expect(decisions == [
            IncidentDecision(
                namespace: "shop", name: try #require(node.metadata.name),
                change: .resolve(actor: "tocsin", message: IncidentStatus.conditionClearedMessage)),
            IncidentDecision(
                namespace: "shop", name: try #require(pod.metadata.name),
                change: .announce(
                    paged: F.directory.page(schedule: "primary", at: F.at(10), level: 0),
                    message: "Announced after the inhibiting incident ended")),
        ])
        pod = Q.applying(decisions, to: pod, now: F.at(10))
        #expect(Q.pending(pod.status) == [[.create]])
    }

    @Test func aPodIncidentThatClearsWithItsNodeResolvesSilently() throws {
        var engine = try engine()
        engine.observe(.pod(Q.notReadyPod()), now: F.at(0))
        engine.observe(.node(Q.node(isReady: false)), now: F.at(0))
        var pod = try opened(engine.evaluate(now: F.at(0)), rule: "pod-down")
        engine.observe(.pod(Q.readyPod()), now: F.at(10))
        engine.observe(.node(Q.node(isReady: true)), now: F.at(10))
        let decisions = engine.evaluate(now: F.at(10))
        #expect(decisions.count == 2)
        #expect(decisions.allSatisfy { if case .resolve = $0.change { true } else { false } })
        pod = Q.applying(decisions, to: pod, now: F.at(10))
        #expect(pod.status?.phase == .resolved)
        #expect(Q.pending(pod.status) == [[]])
    }

    @Test func aPodOnAnotherNodeIsNotInhibited() throws {
        var engine = try engine()
        engine.observe(.pod(Q.notReadyPod(node: "node-b")), now: F.at(0))
        engine.observe(.node(Q.node(isReady: false)), now: F.at(0))
        let pod = try opened(engine.evaluate(now: F.at(0)), rule: "pod-down")
        #expect(Q.pending(pod.status) == [[.create]])
        #expect(pod.status?.isSilenced == false)
    }

    @Test func anIncidentWithoutTheEqualLabelIsNotInhibited() throws {
        // Two pods of one workload on different nodes: the incident has no common `node` label.
        var engine = try engine()
        engine.observe(.pod(Q.notReadyPod("api-5f6d-a", node: "node-a")), now: F.at(0))
        engine.observe(.pod(Q.notReadyPod("api-5f6d-b", node: "node-b")), now: F.at(0))
        engine.observe(.node(Q.node(isReady: false)), now: F.at(0))
        let pod = try opened(engine.evaluate(now: F.at(0)), rule: "pod-down")
        #expect(pod.status?.labels?["node"] == nil)
        #expect(Q.pending(pod.status) == [[.create]])
    }

    @Test func aRuleInAnotherNamespaceDoesNotInhibit() throws {
        var engine = AlertEngine()
        engine.setRule(try Q.podRule(inhibitedBy: Self.byNode), scope: F.scope)
        let ops = RuleScope(
            monitorNamespace: "ops", monitor: "nodes", namespaces: .names(["ops"]), kinds: [.node], labels: [:])
        engine.setRule(try Q.rule("node-down", namespace: "ops", condition: .nodeNotReady(NodeNotReadyCondition())), scope: ops)
        engine.observe(.pod(Q.notReadyPod()), now: F.at(0))
        engine.observe(.node(Q.node(isReady: false)), now: F.at(0))
        let decisions = engine.evaluate(now: F.at(0))
        #expect(decisions.count == 2)
        let pod = try opened(decisions, rule: "pod-down")
        #expect(Q.pending(pod.status) == [[.create]])
    }

    @Test func aRestartedEngineKeepsTheInhibitedIncidentSilentAndAnnouncesItOnce() throws {
        var first = try engine()
        first.observe(.pod(Q.notReadyPod()), now: F.at(0))
        first.observe(.node(Q.node(isReady: false)), now: F.at(0))
        let decisions = first.evaluate(now: F.at(0))
        let node = try opened(decisions, rule: "node-down")
        let pod = try opened(decisions, rule: "pod-down")

        var second = try engine()
        second.restore([pod, node])
        second.observe(.pod(Q.notReadyPod()), now: F.at(3))
        second.observe(.node(Q.node(isReady: false)), now: F.at(3))
        #expect(second.evaluate(now: F.at(3)).isEmpty)
        second.observe(.node(Q.node(isReady: true)), now: F.at(4))
        let after = second.evaluate(now: F.at(4))
        #expect(after.filter { if case .announce = $0.change { true } else { false } }.map(\.name) == [pod.metadata.name])
        #expect(second.evaluate(now: F.at(5)).isEmpty)
    }
}
