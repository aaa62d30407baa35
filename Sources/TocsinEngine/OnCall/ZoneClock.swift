import Foundation

/// A wall-clock reading in one zone: the local date and the seconds since local midnight.
struct WallTime: Sendable, Hashable {
    /// The local calendar date.
    var date: LocalDate
    /// Seconds since local midnight on the wall clock, `0..<86_400`.
    var secondsSinceMidnight: Double
}

/// Converts between instants and wall-clock times in one IANA zone, with the on-call DST rules.
///
/// Rules:
/// - A wall-clock time that does not exist (it falls in a spring-forward gap, such as 02:30 in
///   Europe/Amsterdam on the last Sunday of March) resolves to the first valid instant after the gap
///   (the transition itself, shown as 03:00).
/// - A wall-clock time that happens twice (fall-back, such as 02:30 on the last Sunday of October)
///   resolves to its first occurrence.
///
/// Conversions use only `TimeZone.secondsFromGMT(for:)` and day-number arithmetic, so they cost the same
/// for any date, in any year.
struct ZoneClock: Sendable {
    /// The zone whose wall clock this reads.
    let timeZone: TimeZone

    private static let secondsPerDay = 86_400.0

    /// The wall-clock reading of `instant` in the zone.
    func wallTime(of instant: Date) -> WallTime {
        let offset = Double(timeZone.secondsFromGMT(for: instant))
        let floating = instant.timeIntervalSince1970 + offset
        let dayNumber = Int((floating / Self.secondsPerDay).rounded(.down))
        let seconds = floating - Double(dayNumber) * Self.secondsPerDay
        return WallTime(date: LocalDate(dayNumber: dayNumber), secondsSinceMidnight: seconds)
    }

    /// The instant the wall clock shows `time` on `date`, by the rules above (gap: after it; twice: first).
    func instant(of date: LocalDate, at time: TimeOfDay) -> Date {
        instant(of: date, minutesSinceMidnight: time.minutesSinceMidnight)
    }

    /// The instant the wall clock shows `minutes` past midnight on `date` (`0..<1440`), by the rules above.
    func instant(of date: LocalDate, minutesSinceMidnight minutes: Int) -> Date {
        let all = instants(of: date, minutesSinceMidnight: minutes)
        return all.first ?? Date(timeIntervalSince1970: floating(date, minutes))
    }

    /// Every instant the wall clock shows `time` on `date`, earliest first: one normally, two on a
    /// fall-back repeat, and in a spring-forward gap the single first valid instant after the gap.
    func instants(of date: LocalDate, at time: TimeOfDay) -> [Date] {
        instants(of: date, minutesSinceMidnight: time.minutesSinceMidnight)
    }

    /// Every instant the wall clock shows `minutes` past midnight on `date`, as ``instants(of:at:)``.
    func instants(of date: LocalDate, minutesSinceMidnight minutes: Int) -> [Date] {
        let local = floating(date, minutes)
        // Offsets a day either side: real zones never change offset twice within two days.
        let offsetBefore = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Self.secondsPerDay))
        let offsetAfter = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local + Self.secondsPerDay))
        var found: [Date] = []
        for offset in [offsetBefore, offsetAfter] {
            let candidate = Date(timeIntervalSince1970: local - Double(offset))
            if timeZone.secondsFromGMT(for: candidate) == offset, !found.contains(candidate) {
                found.append(candidate)
            }
        }
        if found.isEmpty {
            found.append(firstInstantAfterGap(local: local, offsetBefore: offsetBefore, offsetAfter: offsetAfter))
        }
        return found.sorted()
    }

    /// The transition that opened the gap containing the floating wall time `local`: the first instant
    /// whose offset is `offsetAfter`, found by bisection between the two readings of `local`.
    private func firstInstantAfterGap(local: Double, offsetBefore: Int, offsetAfter: Int) -> Date {
        // In a gap the clock jumps forward, so offsetAfter > offsetBefore and the transition lies in
        // (local - offsetAfter, local - offsetBefore].
        var low = (local - Double(max(offsetBefore, offsetAfter))).rounded(.down)
        var high = (local - Double(min(offsetBefore, offsetAfter))).rounded(.up)
        // Bisection over whole seconds of a gap of at most a few hours: about 15 steps.
        while high - low > 1 {
            let middle = ((low + high) / 2).rounded(.down)
            if timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: middle)) == offsetAfter {
                high = middle
            } else {
                low = middle
            }
        }
        return Date(timeIntervalSince1970: high)
    }

    /// Seconds since 1970 of the wall-clock reading as if the zone were UTC.
    private func floating(_ date: LocalDate, _ minutes: Int) -> Double {
        Double(date.dayNumber) * Self.secondsPerDay + Double(minutes * 60)
    }
}
