import Foundation
import Testing
@testable import TocsinEngine

/// Handoffs anchored to the wall clock across the 2026 clock changes in Amsterdam and New York.
@Suite("On-call across daylight-saving changes")
struct DaylightSavingTests {
    typealias F = OnCallFixtures

    struct Change: Sendable, CustomTestStringConvertible {
        let zone: String
        let dayBefore: String
        let nineBefore: String
        let nineOnChangeDay: String
        let hours: Double
        var testDescription: String { "\(zone) \(nineOnChangeDay)" }
    }

    static let changes: [Change] = [
        Change(zone: F.amsterdam, dayBefore: "2026-03-28", nineBefore: "2026-03-28T09:00:00+01:00",
               nineOnChangeDay: "2026-03-29T09:00:00+02:00", hours: 23),
        Change(zone: F.amsterdam, dayBefore: "2026-10-24", nineBefore: "2026-10-24T09:00:00+02:00",
               nineOnChangeDay: "2026-10-25T09:00:00+01:00", hours: 25),
        Change(zone: F.newYork, dayBefore: "2026-03-07", nineBefore: "2026-03-07T09:00:00-05:00",
               nineOnChangeDay: "2026-03-08T09:00:00-04:00", hours: 23),
        Change(zone: F.newYork, dayBefore: "2026-10-31", nineBefore: "2026-10-31T09:00:00-04:00",
               nineOnChangeDay: "2026-11-01T09:00:00-05:00", hours: 25),
    ]

    @Test("a daily 09:00 handoff stays 09:00 local; the shift spanning the change is 23h or 25h", arguments: changes)
    func dailyHandoffStaysAtNine(change: Change) throws {
        let plan = try F.plan(change.zone, F.layer("primary", ["ana", "ben", "cem"], start: "2026-01-05"))
        let before = try F.instant(change.nineBefore)
        let onChangeDay = try F.instant(change.nineOnChangeDay)

        let shifts = plan.shifts(in: before.addingTimeInterval(-F.day)..<onChangeDay.addingTimeInterval(2 * F.day))

        #expect(shifts.map(\.start) == [
            before.addingTimeInterval(-F.day), before, onChangeDay, onChangeDay.addingTimeInterval(F.day),
        ])
        #expect(shifts.map(\.duration) == [24 * F.hour, change.hours * F.hour, 24 * F.hour, 24 * F.hour])
        let clock = ZoneClock(timeZone: try F.zone(change.zone))
        #expect(shifts.map { clock.wallTime(of: $0.start).secondsSinceMidnight } == Array(repeating: 9 * F.hour, count: 4))
        #expect(shifts.map { clock.wallTime(of: $0.start).date.description } == [
            try F.date(change.dayBefore).adding(days: -1), try F.date(change.dayBefore),
            try F.date(change.dayBefore).adding(days: 1), try F.date(change.dayBefore).adding(days: 2),
        ].map(\.description))
        #expect(zip(shifts, shifts.dropFirst()).allSatisfy { $0.participants != $1.participants })
        #expect(plan.nextHandoff(after: before) == onChangeDay)
    }

    struct Wall: Sendable, CustomTestStringConvertible {
        let zone: String
        let handoff: String
        let day: String
        let expected: String
        var testDescription: String { "\(zone) \(day) \(handoff) → \(expected)" }
    }

    @Test("a handoff time in the spring-forward gap moves to the end of the gap; a repeated one uses the first",
          arguments: [
              Wall(zone: F.amsterdam, handoff: "02:30", day: "2026-03-29", expected: "2026-03-29T03:00:00+02:00"),
              Wall(zone: F.amsterdam, handoff: "02:00", day: "2026-03-29", expected: "2026-03-29T03:00:00+02:00"),
              Wall(zone: F.amsterdam, handoff: "03:00", day: "2026-03-29", expected: "2026-03-29T03:00:00+02:00"),
              Wall(zone: F.amsterdam, handoff: "02:30", day: "2026-03-30", expected: "2026-03-30T02:30:00+02:00"),
              Wall(zone: F.amsterdam, handoff: "02:30", day: "2026-10-25", expected: "2026-10-25T02:30:00+02:00"),
              Wall(zone: F.newYork, handoff: "02:30", day: "2026-03-08", expected: "2026-03-08T03:00:00-04:00"),
              Wall(zone: F.newYork, handoff: "01:30", day: "2026-11-01", expected: "2026-11-01T01:30:00-04:00"),
              // A 30-minute change (Lord Howe) and changes at midnight (Santiago).
              Wall(zone: "Australia/Lord_Howe", handoff: "02:15", day: "2026-10-04", expected: "2026-10-04T02:30:00+11:00"),
              Wall(zone: "Australia/Lord_Howe", handoff: "01:45", day: "2026-04-05", expected: "2026-04-05T01:45:00+11:00"),
              Wall(zone: "America/Santiago", handoff: "00:00", day: "2026-09-06", expected: "2026-09-06T01:00:00-03:00"),
              Wall(zone: "America/Santiago", handoff: "23:30", day: "2026-04-04", expected: "2026-04-04T23:30:00-03:00"),
              Wall(zone: "America/Santiago", handoff: "00:00", day: "2026-04-05", expected: "2026-04-05T00:00:00-04:00"),
          ])
    func handoffInGapOrRepeat(wall: Wall) throws {
        let plan = try F.plan(wall.zone, F.layer("primary", ["ana", "ben"], handoff: wall.handoff, start: "2026-01-05"))
        let expected = try F.instant(wall.expected)
        let previousNoon = expected.addingTimeInterval(-12 * F.hour)

        #expect(plan.nextHandoff(after: previousNoon) == expected)
        #expect(plan.onCall(at: expected) != plan.onCall(at: expected.addingTimeInterval(-1)))
    }

    @Test("the 02:30 handoffs around the spring-forward day give shifts of 23.5h, never a skipped one")
    func shiftsAroundTheGap() throws {
        let plan = try F.plan(F.amsterdam, F.layer("primary", ["ana", "ben", "cem"], handoff: "02:30", start: "2026-03-27"))
        let shifts = plan.shifts(in: try F.instant("2026-03-28T02:30:00+01:00")..<F.instant("2026-03-30T02:30:00+02:00"))

        #expect(shifts == [
            Shift(participants: ["ben"], start: try F.instant("2026-03-28T02:30:00+01:00"),
                  end: try F.instant("2026-03-29T03:00:00+02:00"), sources: [.layer("primary")]),
            Shift(participants: ["cem"], start: try F.instant("2026-03-29T03:00:00+02:00"),
                  end: try F.instant("2026-03-30T02:30:00+02:00"), sources: [.layer("primary")]),
        ])
        #expect(shifts.map(\.duration) == [23.5 * F.hour, 23.5 * F.hour])
    }

    struct Week: Sendable, CustomTestStringConvertible {
        let zone: String
        let start: String
        let from: String
        let to: String
        let hours: Double
        var testDescription: String { "\(zone) week of \(start)" }
    }

    @Test("a weekly Monday 09:00 rotation spans the change with a 167h or 169h shift", arguments: [
        Week(zone: F.amsterdam, start: "2026-03-23", from: "2026-03-23T09:00:00+01:00", to: "2026-03-30T09:00:00+02:00", hours: 167),
        Week(zone: F.amsterdam, start: "2026-10-19", from: "2026-10-19T09:00:00+02:00", to: "2026-10-26T09:00:00+01:00", hours: 169),
        Week(zone: F.newYork, start: "2026-03-02", from: "2026-03-02T09:00:00-05:00", to: "2026-03-09T09:00:00-04:00", hours: 167),
        Week(zone: F.newYork, start: "2026-10-26", from: "2026-10-26T09:00:00-04:00", to: "2026-11-02T09:00:00-05:00", hours: 169),
    ])
    func weeklyAcrossChange(week: Week) throws {
        // The layer started in January: the week in question is one shift among many.
        let layer = try F.layer("weekly", ["ana", "ben"], shift: .weeks(1), start: "2026-01-05")
        let plan = try F.plan(week.zone, layer)
        let from = try F.instant(week.from)
        let to = try F.instant(week.to)

        let shifts = plan.shifts(in: from..<to.addingTimeInterval(F.day))
        #expect(shifts.first?.start == from)
        #expect(shifts.first?.end == to)
        #expect(shifts.first?.duration == week.hours * F.hour)
        #expect(plan.nextHandoff(after: from) == to)
        #expect(plan.onCall(at: to.addingTimeInterval(-1)) != plan.onCall(at: to))
    }

    @Test("8-hour slots keep their wall-clock times; the slot spanning the change is 7h or 9h", arguments: [
        ("2026-03-28T07:00:00+01:00", "2026-03-30T07:00:00+02:00", [8.0, 8, 7, 8, 8, 8]),
        ("2026-10-24T07:00:00+02:00", "2026-10-26T07:00:00+01:00", [8.0, 8, 9, 8, 8, 8]),
    ])
    func eightHourSlots(from: String, to: String, hours: [Double]) throws {
        let layer = try F.layer("follow", ["ana", "ben", "cem", "dee"], shift: .hours(8), handoff: "07:00", start: "2026-03-01")
        let plan = try F.plan(F.amsterdam, layer)
        let shifts = plan.shifts(in: try F.instant(from)..<F.instant(to))
        let clock = ZoneClock(timeZone: try F.zone(F.amsterdam))

        #expect(shifts.map(\.duration) == hours.map { $0 * F.hour })
        #expect(shifts.map { clock.wallTime(of: $0.start).secondsSinceMidnight / F.hour } == [7, 15, 23, 7, 15, 23])
    }

    @Test("1-hour slots: the 02:00 slot of the spring-forward night lasts no time; the order continues")
    func oneHourSlotInTheGap() throws {
        let layer = try F.layer("hourly", ["ana", "ben", "cem"], shift: .hours(1), handoff: "00:00", start: "2026-03-29")
        let plan = try F.plan(F.amsterdam, layer)
        let shifts = plan.shifts(in: try F.instant("2026-03-29T00:00:00+01:00")..<F.instant("2026-03-29T04:00:00+02:00"))

        #expect(shifts == [
            Shift(participants: ["ana"], start: try F.instant("2026-03-29T00:00:00+01:00"),
                  end: try F.instant("2026-03-29T01:00:00+01:00"), sources: [.layer("hourly")]),
            Shift(participants: ["ben"], start: try F.instant("2026-03-29T01:00:00+01:00"),
                  end: try F.instant("2026-03-29T03:00:00+02:00"), sources: [.layer("hourly")]),
            Shift(participants: ["ana"], start: try F.instant("2026-03-29T03:00:00+02:00"),
                  end: try F.instant("2026-03-29T04:00:00+02:00"), sources: [.layer("hourly")]),
        ])
    }

    @Test("hours that do not divide a day are elapsed time: 5-hour shifts stay 5 hours across the change")
    func elapsedHoursStayFiveHours() throws {
        let layer = try F.layer("odd", ["ana", "ben", "cem"], shift: .hours(5), handoff: "00:00", start: "2026-03-28")
        let plan = try F.plan(F.amsterdam, layer)
        let shifts = plan.shifts(in: try F.instant("2026-03-28T00:00:00+01:00")..<F.instant("2026-03-29T22:00:00+02:00"))

        #expect(shifts.count == 9)
        #expect(shifts.map(\.duration) == Array(repeating: 5 * F.hour, count: 9))
        #expect(shifts.map(\.participants).prefix(4) == [["ana"], ["ben"], ["cem"], ["ana"]])
    }
}
