import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

/// A restart or a leader change rebuilds the engine from Incident objects: nothing may be resolved, reopened or
/// re-sent because an input is not known yet, and a person's resolve keeps holding.
@Suite("Alert engine: restoring from Incidents")
struct RestoreTests {
    typealias F = EngineFixtures

    static let probeScope = RuleScope(
        monitorNamespace: "shop", monitor: "shop", namespaces: .names(["shop"]), kinds: [],
        probeIntervals: ["home": .seconds(60)])

    static func probeRule() throws -> CompiledRule {
        try F.rule("home-down", condition: .probeDown(ProbeDownCondition(consecutiveFailures: 3)), for: .zero)
    }

    /// The probe `home` after `failures` failed checks in a row (0 = up), the last at `minute`.
    static func probe(failures: Int, at minute: Double, since: Double) -> ObservedChange {
        .probe(WatchedProbe(
            namespace: "shop", monitor: "shop", probe: "home", url: "https://shop.example/",
            result: ProbeResult(
                isUp: failures == 0, latency: .milliseconds(20), checkedAt: F.at(minute),
                lastTransitionAt: F.at(since), error: failures == 0 ? nil : "connection refused",
                consecutiveFailures: failures, consecutiveSuccesses: failures == 0 ? 1 : 0)))
    }

    /// The open probeDown Incident a first leader wrote.
    static func openProbeIncident() throws -> Incident {
        var first = AlertEngine()
        first.setRule(try probeRule(), scope: probeScope)
        first.observe(probe(failures: 3, at: 0, since: -2), now: F.at(0))
        let incident = try #require(F.opened(first.evaluate(now: F.at(0))).first)
        #expect(incident.status?.phase == .firing)
        return incident
    }

    /// A new leader: the Incident restored, the rule set, no probe result yet.
    static func newLeader(restoring incidents: [Incident], rule: CompiledRule, scope: RuleScope) -> AlertEngine {
        var engine = AlertEngine()
        engine.restore(incidents)
        engine.setRule(rule, scope: scope)
        return engine
    }

    @Test func aRestoredProbeIncidentWaitsForConclusiveProbeResults() throws {
        let incident = try Self.openProbeIncident()
        var engine = Self.newLeader(restoring: [incident], rule: try Self.probeRule(), scope: Self.probeScope)

        // No result yet, then failures below the threshold (the run may continue one from before): still firing.
        #expect(engine.evaluate(now: F.at(10)).isEmpty)
        #expect(engine.groupCounts(namespace: "shop", rule: "home-down") == (pending: 0, firing: 1))
        engine.observe(Self.probe(failures: 1, at: 11, since: 11), now: F.at(11))
        #expect(engine.evaluate(now: F.at(11)).isEmpty)
        engine.observe(Self.probe(failures: 2, at: 12, since: 11), now: F.at(12))
        #expect(engine.evaluate(now: F.at(12)).isEmpty)
        // Down for the threshold: the restored incident goes on, nothing opens or resolves.
        engine.observe(Self.probe(failures: 3, at: 13, since: 11), now: F.at(13))
        #expect(engine.evaluate(now: F.at(13)).isEmpty)
        #expect(engine.groupCounts(namespace: "shop", rule: "home-down") == (pending: 0, firing: 1))

        // Up: the same incident resolves because the condition cleared.
        engine.observe(Self.probe(failures: 0, at: 14, since: 14), now: F.at(14))
        let resolved = engine.evaluate(now: F.at(14))
        #expect(resolved == [IncidentDecision(
            namespace: "shop", name: try #require(incident.metadata.name),
            change: .resolve(actor: "tocsin", message: "Condition no longer holds"))])
    }

    @Test func aRestoredProbeIncidentResolvesAtOnceWhenTheFirstCheckIsUp() throws {
        let incident = try Self.openProbeIncident()
        var engine = Self.newLeader(restoring: [incident], rule: try Self.probeRule(), scope: Self.probeScope)
        #expect(engine.evaluate(now: F.at(10)).isEmpty)
        engine.observe(Self.probe(failures: 0, at: 10.5, since: 10.5), now: F.at(10.5))
        #expect(engine.evaluate(now: F.at(10.5)).map(\.name) == [incident.metadata.name])
    }

    @Test func aProbeThatNeverReportsEndsTheWaitAfterItsIntervalTimesTheChecksToJudge() throws {
        let incident = try Self.openProbeIncident()
        var engine = Self.newLeader(restoring: [incident], rule: try Self.probeRule(), scope: Self.probeScope)
        #expect(engine.evaluate(now: F.at(10)).isEmpty)
        // 60 s × (3 failures + 2) after the first evaluation.
        #expect(engine.nextDeadline() == F.at(15))
        #expect(engine.evaluate(now: F.at(14.9)).isEmpty)
        #expect(engine.evaluate(now: F.at(15)).map(\.name) == [incident.metadata.name])
    }

    @Test func aRestoredPodIncidentIsNotResolvedBeforeTheLookbackIsCovered() throws {
        let rule = try F.rule(for: .zero)  // podCrashLooping, lookback 5m
        var first = AlertEngine()
        first.setRule(rule, scope: F.scope)
        first.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        let incident = try #require(F.opened(first.evaluate(now: F.at(0))).first)

        // Between two crashes the container runs: a new leader cannot tell whether it crash-looped 1 minute ago.
        var second = Self.newLeader(restoring: [incident], rule: rule, scope: F.scope)
        second.observe(.pod(F.healthyPod("api-5f6d-a")), now: F.at(30))
        #expect(second.evaluate(now: F.at(30)).isEmpty)
        #expect(second.nextDeadline() == F.at(35))
        second.observe(.pod(F.crashingPod("api-5f6d-a", restarts: 6)), now: F.at(31))
        #expect(second.evaluate(now: F.at(31)).isEmpty)
        #expect(second.groupCounts(namespace: "shop", rule: "crash") == (pending: 0, firing: 1))
    }

    /// The incident a first leader opened for a crash-looping pod, resolved by `alice` while it held.
    static func manuallyResolvedIncident(rule: CompiledRule) throws -> Incident {
        var first = AlertEngine()
        first.setRule(rule, scope: F.scope)
        first.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        var incident = try #require(F.opened(first.evaluate(now: F.at(0))).first)
        incident.status?.resolve(by: "alice", message: "Resolved by alice", now: F.at(2))
        return incident
    }

    @Test func aManualResolveWhileTheConditionHoldsSurvivesARestart() throws {
        let rule = try F.rule(for: .zero, keepFiringFor: .zero)
        let incident = try Self.manuallyResolvedIncident(rule: rule)
        var engine = Self.newLeader(restoring: [incident], rule: rule, scope: F.scope)
        engine.observe(.pod(F.crashingPod("api-5f6d-a", restarts: 7)), now: F.at(10))
        #expect(engine.evaluate(now: F.at(10)).isEmpty)
        #expect(engine.evaluate(now: F.at(20)).isEmpty)

        // It clears: recorded on the resolved Incident (nothing delivered); then it may open again.
        engine.observe(.pod(F.healthyPod("api-5f6d-a", restarts: 7)), now: F.at(21))
        let cleared = engine.evaluate(now: F.at(40))
        #expect(cleared == [IncidentDecision(
            namespace: "shop", name: try #require(incident.metadata.name), change: .conditionCleared)])
        var status = try #require(incident.status)
        let deliveries = status.deliveries
        status.apply(.conditionCleared, now: F.at(40))
        #expect(status.timeline?.last == TimelineEntry(
            time: Timestamp(F.at(40)), type: .note, actor: "tocsin", message: "Condition no longer holds"))
        #expect(status.deliveries == deliveries)
        #expect(status.hasConditionClearedSinceResolve)
        engine.observe(.pod(F.crashingPod("api-5f6d-a", restarts: 8)), now: F.at(41))
        #expect(F.opened(engine.evaluate(now: F.at(41))).count == 1)
    }

    @Test func aManualResolveWhoseConditionClearedSinceDoesNotHoldAfterARestart() throws {
        let rule = try F.rule(for: .zero, keepFiringFor: .zero)
        var incident = try Self.manuallyResolvedIncident(rule: rule)
        incident.status?.apply(.conditionCleared, now: F.at(5))
        var engine = Self.newLeader(restoring: [incident], rule: rule, scope: F.scope)
        engine.observe(.pod(F.crashingPod("api-5f6d-a", restarts: 9)), now: F.at(10))
        let opened = F.opened(engine.evaluate(now: F.at(10)))
        #expect(opened.count == 1)
        #expect(opened.first?.metadata.name != incident.metadata.name)
    }

    @Test func anIncidentTheEngineResolvedDoesNotHoldTheGroupAfterARestart() throws {
        let rule = try F.rule(for: .zero, keepFiringFor: .zero)
        var incident = try Self.manuallyResolvedIncident(rule: rule)
        incident.status?.resolvedBy = "tocsin (AlertRule deleted)"
        var engine = Self.newLeader(restoring: [incident], rule: rule, scope: F.scope)
        engine.observe(.pod(F.crashingPod("api-5f6d-a", restarts: 9)), now: F.at(10))
        #expect(F.opened(engine.evaluate(now: F.at(10))).count == 1)
    }
}
