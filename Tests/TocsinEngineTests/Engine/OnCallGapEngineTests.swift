import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

/// The engine evaluates onCallGap rules from the directories it is given: when a namespace's schedules change
/// and at each finding's expiry, without any observed object.
@Suite("Alert engine: onCallGap incidents")
struct OnCallGapEngineTests {
    typealias F = EngineFixtures
    typealias G = OnCallGapFixtures

    static let fingerprint = Fingerprint.of(ruleNamespace: "shop", ruleName: "gap", groupLabels: ["schedule": "primary"])

    static func rule(within: KubeDuration? = nil) throws -> CompiledRule {
        try F.rule("gap", condition: .onCallGap(OnCallGapCondition(within: within)))
    }

    @Test func opensAnIncidentForTheScheduleAndResolvesItWhenTheScheduleCoversTheGap() throws {
        var engine = AlertEngine()
        engine.setRule(try Self.rule(), scope: F.scope)
        engine.setDirectory(G.directory(), namespace: "shop")
        #expect(engine.nextDeadline() == .distantPast)
        let now = G.time("2026-07-01T12:00:00+02:00")

        let decisions = engine.evaluate(now: now)
        let incident = try #require(F.opened(decisions).first)
        #expect(decisions.count == 1)
        #expect(incident.metadata.name == Fingerprint.incidentName(ruleName: "gap", fingerprint: Self.fingerprint, startTime: now))
        #expect(incident.spec.fingerprint == Self.fingerprint)
        #expect(incident.spec.groupLabels == ["schedule": "primary"])
        #expect(incident.status?.summary == "Nobody on call in schedule primary")
        #expect(incident.status?.labels?["namespace"] == "shop")
        #expect(incident.status?.affectedObjects == [AffectedObject(
            kind: "OnCallSchedule", namespace: "shop", name: "primary",
            detail: "nobody on call from 2026-07-01T23:00+02:00 to 2026-07-02T07:00+02:00 (8h)")])
        #expect(engine.nextDeadline() == G.time("2026-07-01T23:00:00+02:00"))

        engine.setDirectory(G.directory(restricted: false), namespace: "shop")
        let later = now.addingTimeInterval(60)
        #expect(engine.evaluate(now: later) == [IncidentDecision(
            namespace: "shop", name: incident.metadata.name ?? "",
            change: .resolve(actor: IncidentStatus.engineActor, message: IncidentStatus.conditionClearedMessage))])
        #expect(engine.groupCounts(namespace: "shop", rule: "gap") == (pending: 0, firing: 0))
    }

    /// With `within: 1h` nothing holds at noon; the expiry heap wakes the engine at 22:00 (an hour before the gap),
    /// and after the gap ends at 07:00 the incident resolves.
    @Test func expiryOpensAndResolvesOnTime() throws {
        var engine = AlertEngine()
        engine.setDirectory(G.directory(), namespace: "shop")
        engine.setRule(try Self.rule(within: .hours(1)), scope: F.scope)
        #expect(engine.evaluate(now: G.time("2026-07-01T12:00:00+02:00")).isEmpty)
        #expect(engine.nextDeadline() == G.time("2026-07-01T22:00:00+02:00"))

        let opened = try #require(F.opened(engine.evaluate(now: G.time("2026-07-01T22:00:00+02:00"))).first)
        #expect(opened.status?.affectedObjects?.first?.detail
            == "nobody on call from 2026-07-01T23:00+02:00 to 2026-07-02T07:00+02:00 (8h)")
        #expect(engine.nextDeadline() == G.time("2026-07-01T23:00:00+02:00"))
        #expect(engine.evaluate(now: G.time("2026-07-01T23:00:00+02:00")).isEmpty)
        #expect(engine.nextDeadline() == G.time("2026-07-02T07:00:00+02:00"))

        let decisions = engine.evaluate(now: G.time("2026-07-02T07:00:00+02:00"))
        #expect(decisions.map(\.name) == [opened.metadata.name ?? ""])
        guard case .resolve = decisions.first?.change else {
            Issue.record("expected a resolve, got \(decisions)")
            return
        }
        #expect(engine.nextDeadline() == G.time("2026-07-02T22:00:00+02:00"))
    }

    @Test func scheduleRemovedFromTheDirectoryResolvesAndOtherNamespacesAreIgnored() throws {
        var engine = AlertEngine()
        engine.setRule(try Self.rule(), scope: F.scope)
        engine.setDirectory(G.directory(), namespace: "other")
        let now = G.time("2026-07-01T12:00:00+02:00")
        #expect(engine.evaluate(now: now).isEmpty)

        engine.setDirectory(G.directory(), namespace: "shop")
        #expect(F.opened(engine.evaluate(now: now)).count == 1)
        engine.setDirectory(OnCallDirectory(), namespace: "shop")
        let decisions = engine.evaluate(now: now.addingTimeInterval(60))
        guard decisions.count == 1, case .resolve = decisions[0].change else {
            Issue.record("expected one resolve, got \(decisions)")
            return
        }
    }

    @Test func otherRulesAreUnaffectedByDirectoryChanges() throws {
        var engine = AlertEngine()
        engine.setRule(try F.rule(), scope: F.scope)
        engine.setDirectory(G.directory(), namespace: "shop")
        #expect(engine.nextDeadline() == nil)
        #expect(engine.evaluate(now: G.time("2026-07-01T12:00:00+02:00")).isEmpty)
    }
}
