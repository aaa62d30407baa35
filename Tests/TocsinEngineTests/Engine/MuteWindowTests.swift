import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

@Suite("Mute windows: incidents open silently and are announced when the window ends")
struct MuteWindowTests {
    typealias F = EngineFixtures
    typealias Q = QuietFixtures

    static let escalation = [EscalationStep(after: .minutes(10), onCallScheduleRef: LocalObjectReference(name: "secondary"))]

    /// Opens the pod-down incident at `now` (inside the night window) and returns the engine and the Incident.
    private func openMuted(at now: Date) throws -> (AlertEngine, Incident) {
        var engine = Q.engine([try Q.podRule(muteWindows: [Q.night], escalation: Self.escalation)])
        engine.observe(.pod(Q.notReadyPod()), now: now)
        let decisions = engine.evaluate(now: now)
        #expect(decisions.count == 1)
        return (engine, try #require(F.opened(decisions).first))
    }

    @Test func anIncidentOpenedInAWindowIsRecordedButNotAnnounced() throws {
        let (engine, incident) = try openMuted(at: Q.utc("2026-01-15T22:00:00Z"))
        var engineAfter = engine
        let status = try #require(incident.status)
        #expect(status.phase == .firing)
        #expect(status.deliveries?.map(\.receiver) == ["slack:#shop-alerts"])
        #expect(Q.pending(status) == [[]])
        #expect(status.paged == nil)
        #expect(status.lastNotifiedTime == nil)
        #expect(status.timeline?.map(\.type) == [.fired, .note])
        #expect(status.timeline?.last?.message == "Muted by mute window (until 06:00 Europe/Amsterdam)")
        #expect(status.timeline?.last?.actor == "tocsin")
        #expect(status.isSilenced)
        #expect(engineAfter.nextDeadline() == Q.utc("2026-01-16T05:00:00Z"))
    }

    @Test func theWindowsEndAnnouncesItAndEscalationCountsFromThere() throws {
        var (engine, incident) = try openMuted(at: Q.utc("2026-01-15T22:00:00Z"))
        engine.observeIncident(incident)  // our own write, seen by the watch
        // Hours later, still inside the window: no escalation, no repeat.
        engine.observe(.pod(Q.notReadyPod()), now: Q.utc("2026-01-16T02:00:00Z"))
        #expect(engine.evaluate(now: Q.utc("2026-01-16T02:00:00Z")).isEmpty)
        #expect(engine.nextDeadline() == Q.utc("2026-01-16T05:00:00Z"))

        let end = Q.utc("2026-01-16T05:00:00Z")
        let announced = engine.evaluate(now: end)
        let name = try #require(incident.metadata.name)
        #expect(announced == [IncidentDecision(
            namespace: "shop", name: name,
            change: .announce(
                paged: F.directory.page(schedule: "primary", at: end, level: 0),
                message: "Announced after the mute window ended"))])
        incident = Q.applying(announced, to: incident, now: end)
        let status = try #require(incident.status)
        #expect(Q.pending(status) == [[.create]])
        #expect(!status.isSilenced)
        #expect(status.paged == F.directory.page(schedule: "primary", at: end, level: 0))
        #expect(status.lastNotifiedTime == Timestamp(end))
        #expect(status.timeline?.last?.message == "Announced after the mute window ended")

        // Escalation counts from the announcement, not from the start.
        #expect(engine.nextDeadline() == Q.utc("2026-01-16T05:10:00Z"))
        #expect(engine.evaluate(now: Q.utc("2026-01-16T05:09:00Z")).isEmpty)
        let escalation = engine.evaluate(now: Q.utc("2026-01-16T05:10:00Z"))
        #expect(escalation.map(\.name) == [name])
        #expect(escalation.first.map { if case .escalate(level: 1, _, _, _, _) = $0.change { true } else { false } } == true)
    }

    @Test(arguments: [
        ("2026-03-28T23:00:00Z", "2026-03-29T04:00:00Z"),  // spring forward: 06:00 CEST
        ("2026-10-24T23:00:00Z", "2026-10-25T05:00:00Z"),  // fall back: 06:00 CET
    ])
    func onDaylightSavingNightsTheWindowEndsAtSixOnTheWallClock(openedAt: String, endsAt: String) throws {
        var (engine, incident) = try openMuted(at: Q.utc(openedAt))
        #expect(incident.status?.timeline?.last?.message == "Muted by mute window (until 06:00 Europe/Amsterdam)")
        #expect(engine.nextDeadline() == Q.utc(endsAt))
        #expect(engine.evaluate(now: Q.utc(endsAt).addingTimeInterval(-1)).isEmpty)
        let announced = engine.evaluate(now: Q.utc(endsAt))
        #expect(announced.map(\.name) == [incident.metadata.name])
        incident = Q.applying(announced, to: incident, now: Q.utc(endsAt))
        #expect(Q.pending(incident.status) == [[.create]])
    }

    @Test func aResolveInsideTheWindowOfAnUnannouncedIncidentSendsNothing() throws {
        var (engine, incident) = try openMuted(at: Q.utc("2026-01-15T22:00:00Z"))
        let later = Q.utc("2026-01-15T23:00:00Z")
        engine.observe(.pod(Q.readyPod()), now: later)
        let resolved = engine.evaluate(now: later)
        #expect(resolved == [IncidentDecision(
            namespace: "shop", name: try #require(incident.metadata.name),
            change: .resolve(actor: "tocsin", message: IncidentStatus.conditionClearedMessage))])
        incident = Q.applying(resolved, to: incident, now: later)
        #expect(incident.status?.phase == .resolved)
        #expect(incident.status?.timeline?.last?.type == .resolved)
        #expect(Q.pending(incident.status) == [[]])
        // Nothing is announced when the window ends.
        #expect(engine.nextDeadline() == nil)
        #expect(engine.evaluate(now: Q.utc("2026-01-16T05:00:00Z")).isEmpty)
    }

    @Test func anIncidentAnnouncedBeforeTheWindowStillSendsItsResolve() throws {
        var engine = Q.engine([try Q.podRule(muteWindows: [Q.night])])
        let before = Q.utc("2026-01-15T20:00:00Z")  // 21:00 in Amsterdam
        engine.observe(.pod(Q.notReadyPod()), now: before)
        var incident = try #require(F.opened(engine.evaluate(now: before)).first)
        #expect(Q.pending(incident.status) == [[.create]])
        incident.status = Q.delivered(try #require(incident.status), at: before)
        engine.observeIncident(incident)

        let inside = Q.utc("2026-01-15T23:00:00Z")
        engine.observe(.pod(Q.readyPod()), now: inside)
        let resolved = engine.evaluate(now: inside)
        incident = Q.applying(resolved, to: incident, now: inside)
        #expect(incident.status?.phase == .resolved)
        #expect(Q.pending(incident.status) == [[.resolve]])
    }

    @Test func anAnnouncedIncidentDoesNotEscalateInsideTheWindowAndCatchesUpAtItsEnd() throws {
        var engine = Q.engine([try Q.podRule(muteWindows: [Q.night], escalation: Self.escalation)])
        let before = Q.utc("2026-01-15T20:55:00Z")  // 21:55 in Amsterdam: escalation due at 22:05, inside
        engine.observe(.pod(Q.notReadyPod()), now: before)
        let incident = try #require(F.opened(engine.evaluate(now: before)).first)
        #expect(engine.nextDeadline() == Q.utc("2026-01-15T21:05:00Z"))
        #expect(engine.evaluate(now: Q.utc("2026-01-15T21:05:00Z")).isEmpty)
        #expect(engine.nextDeadline() == Q.utc("2026-01-16T05:00:00Z"))
        let end = engine.evaluate(now: Q.utc("2026-01-16T05:00:00Z"))
        #expect(end.map(\.name) == [incident.metadata.name])
        #expect(end.first.map { if case .escalate(level: 1, _, _, _, _) = $0.change { true } else { false } } == true)
    }

    @Test func anIncidentAcknowledgedInsideTheWindowIsNeverAnnounced() throws {
        var (engine, incident) = try openMuted(at: Q.utc("2026-01-15T22:00:00Z"))
        try incident.status?.acknowledge(by: "alice", now: Q.utc("2026-01-15T22:30:00Z"))
        #expect(Q.pending(incident.status) == [[]])
        engine.observeIncident(incident)
        #expect(engine.evaluate(now: Q.utc("2026-01-16T05:00:00Z")).isEmpty)
        let later = Q.utc("2026-01-16T06:00:00Z")
        engine.observe(.pod(Q.readyPod()), now: later)
        incident = Q.applying(engine.evaluate(now: later), to: incident, now: later)
        #expect(incident.status?.phase == .resolved)
        #expect(Q.pending(incident.status) == [[]])
    }

    @Test func aRestartedEngineDoesNotAnnounceAMutedIncidentTwice() throws {
        let rule = try Q.podRule(muteWindows: [Q.night], escalation: Self.escalation)
        let (_, opened) = try openMuted(at: Q.utc("2026-01-15T22:00:00Z"))

        // A new leader inside the window: still silent.
        var second = Q.engine([rule])
        second.restore([opened])
        second.observe(.pod(Q.notReadyPod()), now: Q.utc("2026-01-16T01:00:00Z"))
        #expect(second.evaluate(now: Q.utc("2026-01-16T01:00:00Z")).isEmpty)
        #expect(second.nextDeadline() == Q.utc("2026-01-16T05:00:00Z"))
        let end = Q.utc("2026-01-16T05:00:00Z")
        let announced = second.evaluate(now: end)
        #expect(announced.count == 1)
        let incident = Q.applying(announced, to: opened, now: end)

        // Another new leader after the announcement: nothing again, and escalation still counts from 05:00.
        var third = Q.engine([rule])
        third.restore([incident])
        third.observe(.pod(Q.notReadyPod()), now: Q.utc("2026-01-16T05:05:00Z"))
        #expect(third.evaluate(now: Q.utc("2026-01-16T05:05:00Z")).isEmpty)
        #expect(third.nextDeadline() == Q.utc("2026-01-16T05:10:00Z"))
        // Applying an announcement twice changes nothing either.
        #expect(Q.applying(announced, to: incident, now: end) == incident)
    }
}
