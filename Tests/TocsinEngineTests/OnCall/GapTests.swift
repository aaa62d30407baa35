import Foundation
import Testing
@testable import TocsinEngine

/// Gaps and the next handoff, as the OnCallSchedule status reports them.
@Suite("On-call gaps and next handoff")
struct GapTests {
    typealias F = OnCallFixtures

    @Test("gaps in the next 14 days: weekends uncovered by a weekday day/night split")
    func gapsInFourteenDays() throws {
        let plan = try F.plan(
            F.amsterdam,
            F.layer("day", ["dana"], start: "2026-06-01", restrictions: [F.window(Weekday.weekdays, "08:00", "20:00")]),
            F.layer("night", ["nick"], start: "2026-06-01", restrictions: [F.window(Weekday.weekdays, "20:00", "08:00")])
        )
        let now = try F.instant("2026-07-01T00:00:00+02:00")  // a Wednesday

        #expect(plan.gaps(in: now..<now.addingTimeInterval(14 * F.day)) == [
            try F.instant("2026-07-04T08:00:00+02:00")..<F.instant("2026-07-06T08:00:00+02:00"),
            try F.instant("2026-07-11T08:00:00+02:00")..<F.instant("2026-07-13T08:00:00+02:00"),
        ])
        #expect(plan.nextHandoff(after: now) == (try F.instant("2026-07-01T08:00:00+02:00")))
        #expect(plan.nextHandoff(after: try F.instant("2026-07-03T21:00:00+02:00"))
            == (try F.instant("2026-07-04T08:00:00+02:00")))
    }

    @Test("a fully covered schedule has no gaps")
    func noGaps() throws {
        let plan = try F.plan(F.newYork, F.layer("primary", ["ana", "ben"], shift: .weeks(1), start: "2026-01-05"))
        let now = try F.instant("2026-03-01T00:00:00-05:00")
        #expect(plan.gaps(in: now..<now.addingTimeInterval(14 * F.day)).isEmpty)
    }

    @Test("a one-person rotation is one merged shift and never hands off")
    func samePersonContinues() throws {
        let plan = try F.plan(F.amsterdam, F.layer("solo", ["ana"], start: "2026-01-01"))
        let now = try F.instant("2026-07-01T12:00:00+02:00")

        #expect(plan.shifts(in: now..<now.addingTimeInterval(3 * F.day)) == [
            Shift(participants: ["ana"], start: now, end: now.addingTimeInterval(3 * F.day), sources: [.layer("solo")]),
        ])
        #expect(plan.nextHandoff(after: now) == nil)
    }

    @Test("an empty or reversed range has no shifts and no gaps")
    func emptyRange() throws {
        let plan = try F.plan(F.amsterdam, F.layer("solo", ["ana"], start: "2026-01-01"))
        let now = try F.instant("2026-07-01T12:00:00+02:00")
        #expect(plan.shifts(in: now..<now).isEmpty)
        #expect(plan.gaps(in: now..<now).isEmpty)
    }

    @Test("instants outside years 0001…9999 answer nobody instead of overflowing; unbounded ranges are cut")
    func extremeInstants() throws {
        var plan = try F.plan(F.amsterdam, F.layer("solo", ["ana", "ben"], start: "2026-01-01"))
        plan.layers[0].rosters.append(Roster(effectiveFrom: Date(timeIntervalSince1970: 1e300), participants: ["zoe"]))
        let infinity = Date(timeIntervalSince1970: .infinity)

        #expect(plan.onCall(at: infinity).isEmpty)
        #expect(plan.onCall(at: Date(timeIntervalSince1970: -1e300)).isEmpty)
        #expect(plan.nextHandoff(after: infinity) == nil)
        #expect(plan.onCall(at: try F.instant("2026-01-02T12:00:00+01:00")) == ["ben"])
        let everything = Date(timeIntervalSince1970: -.infinity)..<infinity
        #expect(plan.shifts(in: everything).isEmpty)
        #expect(plan.gaps(in: everything).count == 1)
        #expect(plan.gaps(in: everything).first?.upperBound
            == LayerRotation.supportedInstants.lowerBound.addingTimeInterval(OnCallPlan.maximumQuerySpan))
    }
}
