import Foundation
import TocsinAPI

/// The instants of an OnCallSchedule's `spec.notifications.slack.postAt`: each listed `HH:MM` on each listed day,
/// on the wall clock of the schedule's zone.
///
/// DST follows the handoff rules (``ZoneClock``): a time in a spring-forward gap posts at the end of the gap (the
/// transition), a time that happens twice posts once, at its first occurrence; two times that land on the same
/// instant post once.
public struct PostingTimes: Sendable {
    private let clock: ZoneClock
    private let minutes: [Int]
    private let days: Set<Weekday>

    /// Compiles `postAt` in `timeZone`; `nil` when the zone is unknown or no time is valid (validation reports it).
    public init?(_ postAt: HandoffPostTimes, timeZone: String) {
        guard let zone = TimeZone(identifier: timeZone) else { return nil }
        let minutes = Set(postAt.times.compactMap { Syntax.minutesOfDay($0) }).sorted()
        guard !minutes.isEmpty else { return nil }
        let days = postAt.daysOfWeek.map { Set($0.compactMap { Weekday(rawValue: $0.rawValue.lowercased()) }) }
        self.clock = ZoneClock(timeZone: zone)
        self.minutes = minutes
        self.days = days.flatMap { $0.isEmpty ? nil : $0 } ?? Weekday.everyDay
    }

    /// The posting instants of the local days around `instant` (from 8 days before to 8 after), in order.
    private func instants(around instant: Date) -> [Date] {
        let today = clock.wallTime(of: instant).date
        var found: [Date] = []
        for offset in -8...8 {
            let date = today.adding(days: offset)
            guard days.contains(date.weekday) else { continue }
            for minute in minutes { found.append(clock.instant(of: date, minutesSinceMidnight: minute)) }
        }
        return Array(Set(found)).sorted()
    }

    /// The latest posting instant at or before `instant`.
    public func latest(atOrBefore instant: Date) -> Date? {
        instants(around: instant).last { $0 <= instant }
    }

    /// The first posting instant after `instant`.
    public func next(after instant: Date) -> Date? {
        instants(around: instant).first { $0 > instant }
    }
}
