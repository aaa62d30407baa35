import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

/// OnCallOverride objects merged into a schedule: they replace the spec's person for their window, win over the
/// spec's own overrides, and among themselves the later `start` wins; boundaries are exact instants across DST.
@Suite("OnCallOverride objects merged into schedules")
struct OnCallOverrideMergeTests {
    static func time(_ text: String) -> Timestamp {
        Timestamp(rfc3339: text) ?? Timestamp(Date(timeIntervalSince1970: 0))
    }

    /// ana and ben daily at 09:00 Amsterdam from 2026-03-01 (ana from 09:00 on odd days of March); cem covers the night of
    /// the spring-forward change (Sunday 2026-03-29, 02:00 CET → 03:00 CEST) through the spec.
    static let spec = OnCallScheduleSpec(
        timeZone: "Europe/Amsterdam",
        rotations: [Rotation(
            name: "primary",
            participants: [
                Participant(name: "ana", slackUserID: "U0ANA00001"), Participant(name: "ben", slackUserID: "U0BEN00001"),
            ],
            shiftLength: .days(1), handoffTime: "09:00", start: time("2026-03-01T09:00:00+01:00"))],
        overrides: [ScheduleOverride(
            start: time("2026-03-28T20:00:00+01:00"), end: time("2026-03-29T12:00:00+02:00"),
            participant: Participant(name: "cem", opsgenieUser: "cem@example.com"))])

    static func override(
        _ name: String, _ participant: String, from start: String, to end: String, schedule: String = "platform",
        rotation: String? = nil
    ) -> OnCallOverride {
        OnCallOverride(
            metadata: ObjectMeta(name: name, namespace: "sre"),
            spec: OnCallOverrideSpec(
                scheduleRef: LocalObjectReference(name: schedule), start: time(start), end: time(end),
                participant: Participant(name: participant, slackUserID: "U0\(participant.uppercased())00001"),
                rotation: rotation))
    }

    static func directory(_ overrides: [OnCallOverride]) -> OnCallDirectory {
        OnCallDirectory(
            schedules: [OnCallSchedule(metadata: ObjectMeta(name: "platform", namespace: "sre"), spec: spec)],
            overrides: overrides)
    }

    static func onCall(_ directory: OnCallDirectory, at text: String) -> [String] {
        directory.page(schedule: "platform", at: time(text).date, level: 0).map(\.name)
    }

    @Test func withoutObjectsTheSpecDecides() {
        let directory = Self.directory([])
        #expect(Self.onCall(directory, at: "2026-03-27T12:00:00Z") == ["ana"])
        #expect(Self.onCall(directory, at: "2026-03-29T00:30:00Z") == ["cem"])
    }

    /// 01:30 CET to 03:30 CEST is one elapsed hour (00:30Z to 01:30Z): the edges are those exact instants.
    @Test func objectReplacesTheSpecOverrideForExactlyItsWindowAcrossTheClockChange() {
        let directory = Self.directory([
            Self.override("swap", "dan", from: "2026-03-29T01:30:00+01:00", to: "2026-03-29T03:30:00+02:00")
        ])
        #expect(Self.onCall(directory, at: "2026-03-29T00:29:59Z") == ["cem"])
        #expect(Self.onCall(directory, at: "2026-03-29T00:30:00Z") == ["dan"])
        #expect(Self.onCall(directory, at: "2026-03-29T01:29:59Z") == ["dan"])
        #expect(Self.onCall(directory, at: "2026-03-29T01:30:00Z") == ["cem"])
    }

    @Test func objectReplacesTheRotationsPerson() {
        let directory = Self.directory([
            Self.override("swap", "dan", from: "2026-03-27T10:00:00Z", to: "2026-03-27T14:00:00Z")
        ])
        #expect(Self.onCall(directory, at: "2026-03-27T09:59:59Z") == ["ana"])
        #expect(Self.onCall(directory, at: "2026-03-27T12:00:00Z") == ["dan"])
        #expect(Self.onCall(directory, at: "2026-03-27T14:00:00Z") == ["ana"])
        let paged = directory.page(schedule: "platform", at: Self.time("2026-03-27T12:00:00Z").date, level: 1)
        #expect(paged == [PagedParticipant(
            name: "dan", slackUserID: "U0DAN00001", schedule: "platform", escalationLevel: 1,
            pagedTime: Self.time("2026-03-27T12:00:00Z"))])
    }

    @Test func objectWinsOverASpecOverrideThatStartsLater() {
        let directory = Self.directory([
            Self.override("early", "dan", from: "2026-03-28T18:00:00Z", to: "2026-03-28T21:00:00Z")
        ])
        // The spec's cem starts at 19:00Z, after the object's start; the object still wins until its end.
        #expect(Self.onCall(directory, at: "2026-03-28T20:00:00Z") == ["dan"])
        #expect(Self.onCall(directory, at: "2026-03-28T21:00:00Z") == ["cem"])
    }

    @Test func amongObjectsTheLaterStartWinsWhateverTheListOrder() {
        let directory = Self.directory([
            Self.override("y", "fay", from: "2026-03-27T12:00:00Z", to: "2026-03-27T13:00:00Z"),
            Self.override("x", "eve", from: "2026-03-27T10:00:00Z", to: "2026-03-27T14:00:00Z"),
            Self.override("z", "gus", from: "2026-03-27T09:00:00Z", to: "2026-03-27T16:00:00Z"),
        ])
        #expect(Self.onCall(directory, at: "2026-03-27T09:30:00Z") == ["gus"])
        #expect(Self.onCall(directory, at: "2026-03-27T11:00:00Z") == ["eve"])
        #expect(Self.onCall(directory, at: "2026-03-27T12:30:00Z") == ["fay"])
        #expect(Self.onCall(directory, at: "2026-03-27T13:30:00Z") == ["eve"])
        #expect(Self.onCall(directory, at: "2026-03-27T15:00:00Z") == ["gus"])
    }

    @Test func equalStartsAreOrderedByNameSoTheLaterNameWins() {
        let directory = Self.directory([
            Self.override("b", "hal", from: "2026-03-27T10:00:00Z", to: "2026-03-27T11:00:00Z"),
            Self.override("a", "ivy", from: "2026-03-27T10:00:00Z", to: "2026-03-27T11:00:00Z"),
        ])
        #expect(Self.onCall(directory, at: "2026-03-27T10:30:00Z") == ["hal"])
    }

    @Test func objectsOfOtherSchedulesOrNamespacesAreIgnored() {
        var elsewhere = Self.override("ns", "eve", from: "2026-03-27T10:00:00Z", to: "2026-03-27T14:00:00Z")
        elsewhere.metadata.namespace = "web"
        let directory = Self.directory([
            Self.override("other", "dan", from: "2026-03-27T10:00:00Z", to: "2026-03-27T14:00:00Z", schedule: "web"),
            elsewhere,
        ])
        #expect(Self.onCall(directory, at: "2026-03-27T12:00:00Z") == ["ana"])
    }

    @Test func objectWithAnUnusableRotationIsIgnoredAndTheScheduleStillWorks() {
        let directory = Self.directory([
            Self.override("bad", "dan", from: "2026-03-27T10:00:00Z", to: "2026-03-27T14:00:00Z", rotation: "secondary")
        ])
        #expect(directory.contains("platform"))
        #expect(Self.onCall(directory, at: "2026-03-27T12:00:00Z") == ["ana"])
    }

    @Test func problemNamesWhatCannotBeApplied() {
        var layered = Self.spec
        layered.rotations.append(Rotation(
            name: "business", participants: [Participant(name: "kim")], shiftLength: .days(1), handoffTime: "09:00",
            start: Self.time("2026-03-01T09:00:00+01:00")))
        let base = Self.override("o", "dan", from: "2026-03-27T10:00:00Z", to: "2026-03-27T14:00:00Z").scheduleOverride
        var last = base
        last.rotation = "business"
        var first = base
        first.rotation = "primary"
        var unknown = base
        unknown.rotation = "nope"
        #expect(OnCallPlan.problem(applying: base, to: layered) == nil)
        #expect(OnCallPlan.problem(applying: last, to: layered) == nil)
        #expect(OnCallPlan.problem(applying: first, to: layered) == "an override of one rotation is supported only for the highest-precedence rotation (\"business\", the last in spec.rotations) with precedence layering: remove rotation to replace whoever is on call")
        #expect(OnCallPlan.problem(applying: unknown, to: layered) == "rotation \"nope\" is not a rotation of the schedule (primary, business)")
    }
}

/// The alert engine pages through the directory: an OnCallOverride object changes who it pages.
@Suite("Alert engine paging an OnCallOverride's participant")
struct AlertEngineOverridePagingTests {
    typealias F = EngineFixtures

    @Test func firingIncidentPagesTheOverridingPerson() throws {
        var schedule = OnCallSchedule(
            metadata: ObjectMeta(name: "primary", namespace: "shop"), spec: OnCallScheduleSpec(
                timeZone: "Europe/Amsterdam",
                rotations: [Rotation(
                    name: "weekly", participants: [Participant(name: "alice", slackUserID: "U0ALICE001")],
                    shiftLength: .weeks(1), handoffTime: "09:00", start: Timestamp(Date(timeIntervalSince1970: 1_700_000_000)))]))
        schedule.metadata.uid = "uid-primary"
        let swap = OnCallOverride(
            metadata: ObjectMeta(name: "swap", namespace: "shop"),
            spec: OnCallOverrideSpec(
                scheduleRef: LocalObjectReference(name: "primary"), start: Timestamp(F.at(0)), end: Timestamp(F.at(60)),
                participant: Participant(name: "dan", slackUserID: "U0DAN00001", opsgenieUser: "dan@example.com")))
        var engine = AlertEngine()
        engine.setRule(try F.rule(), scope: F.scope)
        engine.setDirectory(OnCallDirectory(schedules: [schedule], overrides: [swap]), namespace: "shop")
        engine.observe(.pod(F.crashingPod("api-5f6d-a")), now: F.at(0))
        _ = engine.evaluate(now: F.at(0))

        let incident = try #require(F.opened(engine.evaluate(now: F.at(15))).first)

        #expect(incident.status?.paged == [PagedParticipant(
            name: "dan", slackUserID: "U0DAN00001", opsgenieUser: "dan@example.com", schedule: "primary",
            escalationLevel: 0, pagedTime: Timestamp(F.at(15)))])
    }
}
