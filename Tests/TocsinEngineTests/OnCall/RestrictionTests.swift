import Foundation
import Testing
@testable import TocsinEngine

/// Restriction windows, including windows that cross midnight and a clock change.
@Suite("On-call restrictions")
struct RestrictionTests {
    typealias F = OnCallFixtures

    static func nightPlan(days: Set<Weekday> = Weekday.weekdays) throws -> OnCallPlan {
        try F.plan(F.amsterdam, F.layer("night", ["nora"], start: "2026-07-01",
                                        restrictions: [F.window(days, "22:00", "06:00")]))
    }

    @Test("22:00–06:00 on weekdays opens on Monday…Friday evenings and closes the next morning", arguments: [
        ("2026-07-06T21:59:59+02:00", false),  // Monday, before the window opens
        ("2026-07-06T22:00:00+02:00", true),   // Monday 22:00
        ("2026-07-07T05:59:59+02:00", true),   // Tuesday morning, Monday's window
        ("2026-07-07T06:00:00+02:00", false),  // Tuesday 06:00, closed
        ("2026-07-11T05:00:00+02:00", true),   // Saturday morning, Friday's window
        ("2026-07-11T23:00:00+02:00", false),  // Saturday night: not a listed day
        ("2026-07-06T03:00:00+02:00", false),  // Monday morning: Sunday's window is not listed
        ("2026-07-12T23:00:00+02:00", false),  // Sunday night
    ])
    func acrossMidnight(at: String, isOnCall: Bool) throws {
        let plan = try Self.nightPlan()
        #expect(plan.onCall(at: try F.instant(at)) == (isOnCall ? ["nora"] : []))
    }

    @Test("the restricted layer's shifts are the windows, clipped by nothing else")
    func windowsAsShifts() throws {
        let plan = try Self.nightPlan()
        let shifts = plan.shifts(in: try F.instant("2026-07-06T12:00:00+02:00")..<F.instant("2026-07-08T12:00:00+02:00"))

        #expect(shifts == [
            Shift(participants: ["nora"], start: try F.instant("2026-07-06T22:00:00+02:00"),
                  end: try F.instant("2026-07-07T06:00:00+02:00"), sources: [.layer("night")]),
            Shift(participants: ["nora"], start: try F.instant("2026-07-07T22:00:00+02:00"),
                  end: try F.instant("2026-07-08T06:00:00+02:00"), sources: [.layer("night")]),
        ])
    }

    @Test("a night window across the October clock change lasts 9 hours of elapsed time")
    func windowAcrossFallBack() throws {
        let plan = try Self.nightPlan(days: Weekday.everyDay)
        let shifts = plan.shifts(in: try F.instant("2026-10-24T12:00:00+02:00")..<F.instant("2026-10-25T12:00:00+01:00"))

        #expect(shifts.map(\.start) == [try F.instant("2026-10-24T22:00:00+02:00")])
        #expect(shifts.map(\.end) == [try F.instant("2026-10-25T06:00:00+01:00")])
        #expect(shifts.first?.duration == 9 * F.hour)
    }

    @Test("a window with end == start is a whole day opening at start")
    func wholeDayWindow() throws {
        let plan = try F.plan(F.amsterdam, F.layer("sat", ["sam"], start: "2026-07-01",
                                                   restrictions: [F.window([.saturday], "00:00", "00:00")]))
        #expect(plan.onCall(at: try F.instant("2026-07-11T00:00:00+02:00")) == ["sam"])
        #expect(plan.onCall(at: try F.instant("2026-07-11T23:59:59+02:00")) == ["sam"])
        #expect(plan.onCall(at: try F.instant("2026-07-12T00:00:00+02:00")).isEmpty)
        #expect(plan.onCall(at: try F.instant("2026-07-10T23:59:59+02:00")).isEmpty)
    }
}
