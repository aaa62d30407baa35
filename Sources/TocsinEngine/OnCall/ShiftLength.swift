/// How long one shift of a layer lasts.
///
/// Handoffs are anchored to the WALL CLOCK of the schedule's zone wherever the length allows it:
/// - `.days(n)` and `.weeks(n)`: every handoff is at the layer's handoff time (for example 09:00 local), so a
///   shift that spans a daylight-saving change is an hour shorter (spring forward) or longer (fall back) —
///   never skipped, never doubled.
/// - `.hours(n)` with `n` dividing 24 (1, 2, 3, 4, 6, 8, 12, 24): the day is cut into fixed wall-clock slots
///   repeating from the handoff time (8 hours from 07:00: 07:00, 15:00, 23:00 every day), so a
///   follow-the-sun rotation keeps its local handoff times all year. The slot spanning a clock change is an
///   hour shorter or longer. Only 1-hour slots can fall wholly inside a spring-forward gap (02:00–03:00):
///   such a slot lasts no time and its participant is not paged that night; the rotation order continues.
/// - `.hours(n)` with any other `n` (5, 36, 48…): ELAPSED time, exactly `n` hours apart from the first
///   handoff, because such shifts have no daily wall-clock grid to keep; after a clock change their
///   handoffs read an hour later or earlier. Use `.days` for multiples of 24 hours to keep wall-clock time.
///
/// Lengths outside the supported range (hours 1…876,000, days 1…36,500, weeks 1…5,200; up to a century)
/// make the layer contribute nobody rather than fail.
public enum ShiftLength: Sendable, Hashable {
    /// Shifts of `n` hours: wall-clock slots when `n` divides 24, elapsed hours otherwise.
    case hours(Int)
    /// Shifts of `n` local days, handing off at the handoff time on the wall clock.
    case days(Int)
    /// Shifts of `n` local weeks (7·n days), handing off at the handoff time on the wall clock.
    case weeks(Int)

    /// Minutes in a wall-clock day.
    static let minutesPerDay = 1_440

    /// Whether the length is positive and at most a century, the range the calculator supports.
    public var isSupported: Bool {
        switch self {
        case .hours(let count): (1...876_000).contains(count)
        case .days(let count): (1...36_500).contains(count)
        case .weeks(let count): (1...5_200).contains(count)
        }
    }

    /// Whether handoffs follow the wall clock (all lengths but hours that do not divide a day).
    public var isWallClock: Bool {
        wallClockMinutes != nil
    }

    /// The shift length in wall-clock minutes, or `nil` for elapsed-hour shifts.
    var wallClockMinutes: Int? {
        switch self {
        case .hours(let count): count > 0 && 24 % count == 0 ? count * 60 : nil
        case .days(let count): count * Self.minutesPerDay
        case .weeks(let count): count * 7 * Self.minutesPerDay
        }
    }

    /// The shift length in seconds of elapsed time, or `nil` for wall-clock shifts.
    var elapsedSeconds: Double? {
        switch self {
        case .hours(let count): wallClockMinutes == nil ? Double(count) * 3_600 : nil
        case .days, .weeks: nil
        }
    }
}
