import Foundation
import Testing
@testable import TocsinEngine

/// Who takes which shift: index arithmetic, leap days, roster changes, future starts, old schedules.
@Suite("On-call rotation")
struct RotationTests {
    typealias F = OnCallFixtures

    @Test("local dates count days exactly", arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01", 11_017), ("2028-02-29", 21_243),
        ("1600-02-29", -135_081), ("9999-12-31", 2_932_896),
    ])
    func dayNumbers(text: String, dayNumber: Int) throws {
        let date = try F.date(text)
        #expect(date.dayNumber == dayNumber)
        #expect(LocalDate(dayNumber: dayNumber) == date)
        #expect(date.description == text)
    }

    @Test("dates and times that do not exist are refused", arguments: [
        "2027-02-29", "2100-02-29", "2026-13-01", "2026-04-31", "2026-4-01", "0000-01-01", "20260101",
    ])
    func invalidDates(text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test("times of day parse HH:MM only", arguments: [("09:00", true), ("23:59", true), ("24:00", false),
                                                        ("9:00", false), ("12:60", false), ("noon", false)])
    func timesOfDay(text: String, isValid: Bool) {
        #expect((TimeOfDay(parsing: text) != nil) == isValid)
    }

    @Test("a daily rotation runs through the leap day 2028-02-29")
    func leapDay() throws {
        let plan = try F.plan(F.amsterdam, F.layer("primary", ["ana", "ben", "cem"], start: "2028-02-27"))
        let shifts = plan.shifts(in: try F.instant("2028-02-28T09:00:00+01:00")..<F.instant("2028-03-02T09:00:00+01:00"))

        #expect(shifts.map(\.participants) == [["ben"], ["cem"], ["ana"]])
        #expect(shifts.map(\.start) == [
            try F.instant("2028-02-28T09:00:00+01:00"), try F.instant("2028-02-29T09:00:00+01:00"),
            try F.instant("2028-03-01T09:00:00+01:00"),
        ])
        #expect(shifts.allSatisfy { $0.duration == 24 * F.hour })
    }

    @Test("a weekly rotation from 2028-02-22 hands off on the leap day and a week later")
    func weeklyOverLeapDay() throws {
        let plan = try F.plan(F.newYork, F.layer("weekly", ["ana", "ben"], shift: .weeks(1), start: "2028-02-22"))
        let leap = try F.instant("2028-02-29T09:00:00-05:00")

        #expect(plan.nextHandoff(after: try F.instant("2028-02-23T00:00:00-05:00")) == leap)
        #expect(plan.nextHandoff(after: leap) == (try F.instant("2028-03-07T09:00:00-05:00")))
        #expect(plan.onCall(at: leap) == ["ben"])
    }

    @Test("a roster change from a later handoff leaves the current and next shifts and the past unchanged")
    func rosterChangeKeepsCurrentAndNext() throws {
        let now = try F.instant("2026-05-10T12:00:00+02:00")
        let before = try F.plan(F.amsterdam, F.layer("primary", ["ana", "ben", "cem"], start: "2026-05-01"))
        var after = before
        // Effective from Wednesday's handoff (now is Sunday): current = Sunday's, next = Monday's shift.
        after.layers[0].rosters.append(Roster(
            effectiveFrom: try F.instant("2026-05-13T09:00:00+02:00"),
            participants: ["dee", "ana", "ben", "cem"]
        ))
        let past = try F.instant("2026-05-01T09:00:00+02:00")..<F.instant("2026-05-13T09:00:00+02:00")

        #expect(after.shifts(in: past) == before.shifts(in: past))
        #expect(after.onCall(at: now) == ["ana"])
        #expect(after.onCall(at: try F.instant("2026-05-11T10:00:00+02:00")) == ["ben"])
        #expect(after.nextHandoff(after: now) == before.nextHandoff(after: now))
        let changed = after.shifts(in: try F.instant("2026-05-13T09:00:00+02:00")..<F.instant("2026-05-18T09:00:00+02:00"))
        #expect(changed.map(\.participants) == [["dee"], ["ana"], ["ben"], ["cem"], ["dee"]])
    }

    @Test("an effectiveFrom between handoffs snaps forward to the next handoff")
    func rosterChangeSnapsForward() throws {
        var plan = try F.plan(F.amsterdam, F.layer("primary", ["ana", "ben"], start: "2026-05-01"))
        plan.layers[0].rosters.append(Roster(effectiveFrom: try F.instant("2026-05-12T15:00:00+02:00"), participants: ["zoe"]))

        #expect(plan.onCall(at: try F.instant("2026-05-12T20:00:00+02:00")) == ["ben"])
        #expect(plan.onCall(at: try F.instant("2026-05-13T08:59:59+02:00")) == ["ben"])
        #expect(plan.onCall(at: try F.instant("2026-05-13T09:00:00+02:00")) == ["zoe"])
    }

    @Test("a layer that starts in the future puts nobody on call before its first handoff")
    func futureStart() throws {
        let plan = try F.plan(F.amsterdam, F.layer("primary", ["ana", "ben"], start: "2026-06-01"))
        let now = try F.instant("2026-05-20T12:00:00+02:00")
        let first = try F.instant("2026-06-01T09:00:00+02:00")

        #expect(plan.onCall(at: now).isEmpty)
        #expect(plan.onCall(at: first.addingTimeInterval(-1)).isEmpty)
        #expect(plan.onCall(at: first) == ["ana"])
        #expect(plan.nextHandoff(after: now) == first)
        #expect(plan.gaps(in: now..<first.addingTimeInterval(F.day)) == [now..<first])
    }

    @Test("a future layer under precedence leaves the older layer on call until it starts")
    func futureLayerOverOlderOne() throws {
        let plan = try F.plan(
            F.amsterdam,
            F.layer("old", ["ana"], shift: .weeks(1), start: "2025-01-06"),
            F.layer("new", ["ben", "cem"], start: "2026-06-01")
        )
        #expect(plan.onCall(at: try F.instant("2026-06-01T08:00:00+02:00")) == ["ana"])
        #expect(plan.onCall(at: try F.instant("2026-06-01T09:00:00+02:00")) == ["ben"])
    }

    @Test("a schedule started five years ago is answered by index arithmetic", arguments: [
        (ShiftLength.days(1), "2021-01-01", "2026-01-01T10:00:00-05:00", 1_826),
        (ShiftLength.weeks(2), "2021-01-04", "2026-01-05T09:00:00-05:00", 130),
        (ShiftLength.hours(8), "2021-01-01", "2026-01-01T09:00:00-05:00", 5_478),
        (ShiftLength.hours(5), "2021-01-01", "2026-01-01T09:00:00-05:00", 8_764),
    ])
    func fiveYearsAgo(shift: ShiftLength, start: String, at: String, expectedIndex: Int) throws {
        // By design: `LayerRotation.shiftIndex(at:)` derives the index from local day numbers (days, weeks)
        // or elapsed seconds (hours) and checks at most two neighbouring handoffs; nothing walks the
        // 1,826 days since the start. The expected indexes are computed independently here.
        let people = ["ana", "ben", "cem", "dee", "eve"]
        let layer = try F.layer("primary", people, shift: shift, start: start)
        let plan = try F.plan(F.newYork, layer)
        let instant = try F.instant(at)
        let rotation = try #require(LayerRotation(layer: layer, clock: ZoneClock(timeZone: try F.zone(F.newYork))))

        #expect(rotation.shiftIndex(at: instant) == expectedIndex)
        #expect(plan.onCall(at: instant) == [people[expectedIndex % people.count]])
    }

    @Test("an unsupported shift length makes the layer contribute nobody instead of failing",
          arguments: [ShiftLength.hours(0), .days(-1), .weeks(0), .days(Int.max)])
    func unsupportedShiftLength(shift: ShiftLength) throws {
        let plan = try F.plan(F.amsterdam, F.layer("broken", ["ana"], shift: shift, start: "2026-01-01"))
        #expect(plan.onCall(at: try F.instant("2026-05-01T12:00:00+02:00")).isEmpty)
    }

    @Test("a layer built from a start instant begins at the first handoff at or after it", arguments: [
        (ShiftLength.days(1), "09:00", "2026-07-06T08:00:00+02:00", "2026-07-06", "09:00"),
        (.days(1), "09:00", "2026-07-06T09:00:00+02:00", "2026-07-06", "09:00"),
        (.days(1), "09:00", "2026-07-06T09:00:01+02:00", "2026-07-07", "09:00"),
        (.weeks(1), "09:00", "2026-07-06T12:00:00+02:00", "2026-07-07", "09:00"),
        (.hours(8), "07:00", "2026-07-06T16:00:00+02:00", "2026-07-06", "23:00"),
        (.hours(8), "07:00", "2026-07-06T23:30:00+02:00", "2026-07-07", "07:00"),
        (.hours(8), "07:00", "2026-07-06T02:00:00+02:00", "2026-07-06", "07:00"),
        (.hours(12), "09:00", "2026-03-29T02:30:00+02:00", "2026-03-29", "09:00"),
    ])
    func firstHandoffAtOrAfter(shift: ShiftLength, handoff: String, instant: String, date: String, time: String) throws {
        let layer = Layer(name: "primary", rosters: [Roster(participants: ["ana", "ben"])], shift: shift,
                          handoff: try F.time(handoff), firstHandoffAtOrAfter: try F.instant(instant),
                          in: try F.zone(F.amsterdam))
        #expect(layer.start == (try F.date(date)))
        #expect(layer.handoff == (try F.time(time)))
        let plan = OnCallPlan(timeZone: try F.zone(F.amsterdam), layers: [layer])
        let first = ZoneClock(timeZone: try F.zone(F.amsterdam)).instant(of: layer.start, at: layer.handoff)
        #expect(first >= (try F.instant(instant)))
        #expect(plan.onCall(at: first) == ["ana"])
        #expect(plan.onCall(at: first.addingTimeInterval(-1)).isEmpty)
    }
}
