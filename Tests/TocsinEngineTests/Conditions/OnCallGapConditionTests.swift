import Foundation
import KubeCore
import Testing
import TocsinAPI
import TocsinEngine

/// Fixtures for onCallGap: a schedule in Europe/Amsterdam whose rotation is on call 07:00–23:00 every day, so
/// every night 23:00–07:00 is a gap.
enum OnCallGapFixtures {
    static func time(_ text: String) -> Date {
        Timestamp(rfc3339: text)?.date ?? Date(timeIntervalSince1970: 0)
    }

    static func spec(restricted: Bool = true) -> OnCallScheduleSpec {
        OnCallScheduleSpec(
            timeZone: "Europe/Amsterdam",
            rotations: [Rotation(
                name: "day",
                participants: [Participant(name: "ana", slackUserID: "U0ANA00001"), Participant(name: "ben")],
                shiftLength: .days(1), handoffTime: "07:00", start: Timestamp(time("2026-03-01T07:00:00+01:00")),
                restrictions: restricted ? [TimeWindow(startTime: "07:00", endTime: "23:00")] : nil)])
    }

    static func directory(restricted: Bool = true, overrides: [OnCallOverride] = []) -> OnCallDirectory {
        OnCallDirectory(
            schedules: [OnCallSchedule(metadata: ObjectMeta(name: "primary", namespace: "shop"), spec: spec(restricted: restricted))],
            overrides: overrides)
    }

    static func condition(schedule: String? = nil, within: KubeDuration? = nil) throws -> CompiledCondition {
        try CompiledCondition(.onCallGap(OnCallGapCondition(schedule: schedule, within: within)))
    }

    static func gap(_ detail: String, value: Double, expiresAt: String) -> Finding {
        Finding(
            object: AffectedObject(kind: "OnCallSchedule", namespace: "shop", name: "primary", detail: detail),
            labels: ["namespace": "shop", "schedule": "primary"], value: value, expiresAt: time(expiresAt))
    }

    static func noGap(expiresAt: String) -> Finding {
        Finding(
            object: AffectedObject(
                kind: "OnCallSchedule", namespace: "shop", name: "primary", detail: "someone on call throughout"),
            labels: ["namespace": "shop", "schedule": "primary"], isMatch: false, expiresAt: time(expiresAt))
    }
}

@Suite("onCallGap: a schedule with nobody on call soon")
struct OnCallGapConditionTests {
    typealias F = OnCallGapFixtures

    @Test func uncoveredNightIsAFindingWithTheExactGapAndExpiresAtItsStart() throws {
        let finding = try F.condition().finding(
            forSchedule: "primary", namespace: "shop", in: F.directory(), now: F.time("2026-07-01T12:00:00+02:00"))
        #expect(finding == F.gap(
            "nobody on call from 2026-07-01T23:00+02:00 to 2026-07-02T07:00+02:00 (8h)", value: 8,
            expiresAt: "2026-07-01T23:00:00+02:00"))
    }

    /// Inside the gap the detail keeps the gap's real start (no flapping content) and expires at its end.
    @Test func duringTheGapTheDetailKeepsItsStartAndExpiresAtTheEnd() throws {
        let finding = try F.condition().finding(
            forSchedule: "primary", namespace: "shop", in: F.directory(), now: F.time("2026-07-02T01:00:00+02:00"))
        #expect(finding == F.gap(
            "nobody on call from 2026-07-01T23:00+02:00 to 2026-07-02T07:00+02:00 (8h)", value: 8,
            expiresAt: "2026-07-02T07:00:00+02:00"))
    }

    @Test func gapEndingTheSameDayShowsOnlyTheEndTime() throws {
        var spec = F.spec()
        spec.rotations[0].restrictions = [TimeWindow(startTime: "09:00", endTime: "02:00")]
        var directory = OnCallDirectory()
        directory.set(spec, named: "primary")
        let finding = try F.condition().finding(
            forSchedule: "primary", namespace: "shop", in: directory, now: F.time("2026-07-01T12:00:00+02:00"))
        #expect(finding?.object.detail == "nobody on call from 2026-07-02T02:00+02:00 to 09:00 (7h)")
    }

    @Test func fullyCoveredScheduleDoesNotMatchAndLooksAgainInSevenDays() throws {
        let finding = try F.condition().finding(
            forSchedule: "primary", namespace: "shop", in: F.directory(restricted: false),
            now: F.time("2026-07-01T12:00:00+02:00"))
        #expect(finding == F.noGap(expiresAt: "2026-07-08T12:00:00+02:00"))
    }

    /// The gap starts at 23:00: with `within: 2h` the condition holds from 21:00 exactly (inclusive), and a minute
    /// earlier it does not, expiring at 21:00 so the engine looks again then.
    @Test func withinBoundaryIsInclusive() throws {
        let condition = try F.condition(within: .hours(2))
        let atBoundary = condition.finding(
            forSchedule: "primary", namespace: "shop", in: F.directory(), now: F.time("2026-07-01T21:00:00+02:00"))
        #expect(atBoundary?.isMatch == true)
        #expect(atBoundary?.expiresAt == F.time("2026-07-01T23:00:00+02:00"))
        let before = condition.finding(
            forSchedule: "primary", namespace: "shop", in: F.directory(), now: F.time("2026-07-01T20:59:00+02:00"))
        #expect(before == F.noGap(expiresAt: "2026-07-01T21:00:00+02:00"))
    }

    @Test func overrideFillingTheGapClearsIt() throws {
        let cover = OnCallOverride(
            metadata: ObjectMeta(name: "night-cover", namespace: "shop"),
            spec: OnCallOverrideSpec(
                scheduleRef: LocalObjectReference(name: "primary"),
                start: Timestamp(F.time("2026-07-01T23:00:00+02:00")), end: Timestamp(F.time("2026-07-02T07:00:00+02:00")),
                participant: Participant(name: "cem", slackUserID: "U0CEM00001")))
        let finding = try F.condition().finding(
            forSchedule: "primary", namespace: "shop", in: F.directory(overrides: [cover]),
            now: F.time("2026-07-01T12:00:00+02:00"))
        // The next night (2026-07-02 23:00) is 35 h away: not within 24 h; look again 24 h before it.
        #expect(finding == F.noGap(expiresAt: "2026-07-01T23:00:00+02:00"))
    }

    @Test(arguments: [
        ("2026-03-28T12:00:00+01:00", "nobody on call from 2026-03-28T23:00+01:00 to 2026-03-29T07:00+02:00 (7h)", 7.0,
         "2026-03-28T23:00:00+01:00"),
        ("2026-10-24T12:00:00+02:00", "nobody on call from 2026-10-24T23:00+02:00 to 2026-10-25T07:00+01:00 (9h)", 9.0,
         "2026-10-24T23:00:00+02:00"),
    ])
    func daylightSavingNightsHaveExactInstants(now: String, detail: String, hours: Double, expiresAt: String) throws {
        let finding = try F.condition().finding(forSchedule: "primary", namespace: "shop", in: F.directory(), now: F.time(now))
        #expect(finding == F.gap(detail, value: hours, expiresAt: expiresAt))
    }

    @Test func anotherOrUnknownScheduleIsNotRelevant() throws {
        let now = F.time("2026-07-01T12:00:00+02:00")
        #expect(try F.condition(schedule: "secondary").finding(forSchedule: "primary", namespace: "shop", in: F.directory(), now: now) == nil)
        #expect(try F.condition().finding(forSchedule: "secondary", namespace: "shop", in: F.directory(), now: now) == nil)
        #expect(try F.condition(schedule: "primary").finding(forSchedule: "primary", namespace: "shop", in: F.directory(), now: now)?.isMatch == true)
    }

    @Test func withinOutOfRangeDoesNotCompile() throws {
        #expect(throws: ConditionError(
            code: .invalidParameter, field: "onCallGap.within", message: "30m is out of range: must be at least 1h and at most 2w"
        )) {
            try F.condition(within: .minutes(30))
        }
        let condition = try F.condition()
        #expect(condition.type == .onCallGap)
        #expect(condition.kind == nil)
        #expect(condition.evaluatesSchedules)
    }
}
