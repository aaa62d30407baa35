import Foundation
import Testing
import TocsinAPI
@testable import TocsinEngine

@Suite("Mute windows: when an instant is muted, and until when")
struct MuteScheduleTests {
    typealias Q = QuietFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var windows: [MuteWindow]
        var at: String
        var until: String?
        var testDescription: String { label }
    }

    static let weeknights = MuteWindow(
        timeZone: "Europe/Amsterdam", daysOfWeek: [.monday, .tuesday, .wednesday, .thursday, .friday],
        startTime: "22:00", endTime: "06:00")

    static let cases: [Case] = [
        Case(label: "inside, before midnight", windows: [Q.night], at: "2026-01-15T21:30:00Z", until: "2026-01-16T05:00:00Z"),
        Case(label: "inside, after midnight", windows: [Q.night], at: "2026-01-16T04:59:00Z", until: "2026-01-16T05:00:00Z"),
        Case(label: "the start is inside", windows: [Q.night], at: "2026-01-15T21:00:00Z", until: "2026-01-16T05:00:00Z"),
        Case(label: "the end is outside", windows: [Q.night], at: "2026-01-16T05:00:00Z", until: nil),
        Case(label: "outside, evening", windows: [Q.night], at: "2026-01-15T20:59:00Z", until: nil),
        // Friday night's window belongs to Friday and runs into Saturday morning.
        Case(label: "crossing midnight into Saturday", windows: [weeknights], at: "2026-01-17T02:00:00Z", until: "2026-01-17T05:00:00Z"),
        Case(label: "Saturday night is not a weeknight", windows: [weeknights], at: "2026-01-17T22:00:00Z", until: nil),
        Case(label: "Sunday night's morning is not muted", windows: [weeknights], at: "2026-01-18T02:00:00Z", until: nil),
        Case(label: "Sunday night belongs to Sunday", windows: [weeknights], at: "2026-01-18T21:30:00Z", until: nil),
        Case(label: "24:00 is the next midnight", windows: [MuteWindow(timeZone: "Europe/Amsterdam", startTime: "20:00", endTime: "24:00")],
             at: "2026-01-15T21:00:00Z", until: "2026-01-15T23:00:00Z"),
        Case(label: "touching windows chain",
             windows: [Q.night, MuteWindow(timeZone: "Europe/Amsterdam", startTime: "06:00", endTime: "08:00")],
             at: "2026-01-15T22:00:00Z", until: "2026-01-16T07:00:00Z"),
        Case(label: "another zone", windows: [MuteWindow(timeZone: "America/New_York", startTime: "22:00", endTime: "06:00")],
             at: "2026-01-16T04:00:00Z", until: "2026-01-16T11:00:00Z"),
        // Spring forward in Amsterdam, 2026-03-29 02:00 CET → 03:00 CEST: the night is 7 hours.
        Case(label: "DST spring: opens 22:00 CET", windows: [Q.night], at: "2026-03-28T21:00:00Z", until: "2026-03-29T04:00:00Z"),
        Case(label: "DST spring: closes 06:00 CEST", windows: [Q.night], at: "2026-03-29T03:59:00Z", until: "2026-03-29T04:00:00Z"),
        Case(label: "DST spring: 05:00 CET would be late", windows: [Q.night], at: "2026-03-29T04:00:00Z", until: nil),
        Case(label: "DST spring: a start in the gap opens at 03:00 CEST",
             windows: [MuteWindow(timeZone: "Europe/Amsterdam", daysOfWeek: [.sunday], startTime: "02:30", endTime: "04:00")],
             at: "2026-03-29T01:00:00Z", until: "2026-03-29T02:00:00Z"),
        Case(label: "DST spring: before the gap it is not open yet",
             windows: [MuteWindow(timeZone: "Europe/Amsterdam", daysOfWeek: [.sunday], startTime: "02:30", endTime: "04:00")],
             at: "2026-03-29T00:59:00Z", until: nil),
        // Fall back in Amsterdam, 2026-10-25 03:00 CEST → 02:00 CET: the night is 9 hours.
        Case(label: "DST fall: opens 22:00 CEST", windows: [Q.night], at: "2026-10-24T20:00:00Z", until: "2026-10-25T05:00:00Z"),
        Case(label: "DST fall: closes 06:00 CET", windows: [Q.night], at: "2026-10-25T04:59:00Z", until: "2026-10-25T05:00:00Z"),
        Case(label: "DST fall: a repeated end is its first occurrence",
             windows: [MuteWindow(timeZone: "Europe/Amsterdam", daysOfWeek: [.sunday], startTime: "01:00", endTime: "02:30")],
             at: "2026-10-25T00:15:00Z", until: "2026-10-25T00:30:00Z"),
        Case(label: "DST fall: the second 02:15 is after the window",
             windows: [MuteWindow(timeZone: "Europe/Amsterdam", daysOfWeek: [.sunday], startTime: "01:00", endTime: "02:30")],
             at: "2026-10-25T01:15:00Z", until: nil),
    ]

    @Test(arguments: cases)
    func mutedUntil(_ example: Case) {
        let schedule = MuteSchedule(example.windows)
        #expect(schedule.mutedUntil(Q.utc(example.at))?.until == example.until.map(Q.utc))
    }

    @Test func theNoteSaysUntilWhenInTheWindowsZone() throws {
        let schedule = MuteSchedule([Q.night])
        let now = Q.utc("2026-01-15T22:00:00Z")
        let muted = try #require(schedule.mutedUntil(now))
        #expect(MuteSchedule.reason(until: muted.until, window: muted.window, now: now)
            == "Muted by mute window (until 06:00 Europe/Amsterdam)")
        let long = MuteSchedule([
            MuteWindow(timeZone: "UTC", daysOfWeek: [.friday], startTime: "18:00", endTime: "24:00"),
            MuteWindow(timeZone: "UTC", daysOfWeek: [.saturday], startTime: "00:00", endTime: "24:00"),
        ])
        let friday = Q.utc("2026-01-16T18:00:00Z")
        let weekend = try #require(long.mutedUntil(friday))
        #expect(MuteSchedule.reason(until: weekend.until, window: weekend.window, now: friday)
            == "Muted by mute window (until 2026-01-18 00:00 UTC)")
    }
}
