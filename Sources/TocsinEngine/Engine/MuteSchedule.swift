import Foundation
import TocsinAPI

/// The mute windows of one AlertRule, ready to ask "is `now` muted, and until when?".
///
/// Rules (the wall clock of each window's IANA zone):
/// - a window opens on each of its `daysOfWeek` (every day when unset) at `startTime` and closes at `endTime` the
///   same day; when `endTime` is not after `startTime` it closes on the next day, so the occurrence belongs to the
///   day it starts; `24:00` is the next day's midnight.
/// - each occurrence is the half-open interval of instants [open, close): the edges resolve like on-call handoffs
///   (``ZoneClock``): a wall time that does not exist (spring forward) moves to the end of the gap, one that
///   happens twice (fall back) is its first occurrence. So `22:00`–`06:00` in Europe/Amsterdam lasts 7 hours on
///   the night of 2026-03-29 and 9 hours on the night of 2026-10-25.
/// - windows that touch or overlap chain: muted until the last of them closes.
struct MuteSchedule: Sendable {
    /// One compiled window.
    struct Window: Sendable {
        var clock: ZoneClock
        /// The zone as the rule names it (`UTC` stays `UTC`).
        var zoneName: String
        var days: Set<Weekday>
        /// Minutes since midnight, `0..<1440`.
        var startMinute: Int
        /// Minutes since midnight, `1...1440`.
        var endMinute: Int

        /// The occurrence opening on `date`, if the window opens that day.
        func occurrence(opening date: LocalDate) -> (open: Date, close: Date)? {
            guard days.contains(date.weekday) else { return nil }
            let open = clock.instant(of: date, minutesSinceMidnight: startMinute)
            let closesNextDay = endMinute <= startMinute || endMinute == 1_440
            let close = clock.instant(of: closesNextDay ? date.adding(days: 1) : date, minutesSinceMidnight: endMinute % 1_440)
            return close > open ? (open, close) : nil
        }
    }

    /// The windows; invalid ones (unknown zone, malformed times) are left out: validation rejects them first.
    let windows: [Window]

    /// Compiles `muteWindows`.
    init(_ muteWindows: [MuteWindow]) {
        windows = muteWindows.compactMap { window in
            guard let zone = TimeZone(identifier: window.timeZone), let start = window.window.startMinute,
                let end = window.window.endMinute, start < 1_440, end > 0, start != end
            else { return nil }
            let days = window.daysOfWeek.map { Set($0.compactMap { Weekday(rawValue: $0.rawValue.lowercased()) }) }
            return Window(
                clock: ZoneClock(timeZone: zone), zoneName: window.timeZone, days: days ?? Weekday.everyDay,
                startMinute: start, endMinute: end)
        }
    }

    /// Whether the rule has no mute windows.
    var isEmpty: Bool { windows.isEmpty }

    /// The occurrence containing `instant` that closes last, with its window.
    func occurrence(containing instant: Date) -> (close: Date, window: Window)? {
        var found: (close: Date, window: Window)?
        for window in windows {
            let today = window.clock.wallTime(of: instant).date
            for date in [today.adding(days: -1), today] {
                guard let occurrence = window.occurrence(opening: date), occurrence.open <= instant,
                    occurrence.close > instant, occurrence.close > found?.close ?? .distantPast
                else { continue }
                found = (occurrence.close, window)
            }
        }
        return found
    }

    /// When the silence around `instant` ends (following chained windows, at most a few), or `nil` when `instant`
    /// is not muted.
    func mutedUntil(_ instant: Date) -> (until: Date, window: Window)? {
        guard var current = occurrence(containing: instant) else { return nil }
        for _ in 0..<16 {
            guard let next = occurrence(containing: current.close), next.close > current.close else { break }
            current = next
        }
        return (current.close, current.window)
    }

    /// The timeline note of an incident muted at `now` until `until`: `Muted by mute window (until 06:00
    /// Europe/Amsterdam)`, with the date when the window ends more than a day later.
    static func reason(until: Date, window: Window, now: Date) -> String {
        let wall = window.clock.wallTime(of: until)
        let minutes = Int(wall.secondsSinceMidnight / 60)
        let time = LocalDate.twoDigits(minutes / 60) + ":" + LocalDate.twoDigits(minutes % 60)
        let when = until.timeIntervalSince(now) >= 86_400 ? "\(wall.date) \(time)" : time
        return "\(IncidentStatus.mutedPrefix) (until \(when) \(window.zoneName))"
    }
}
