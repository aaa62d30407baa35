/// A wall-clock time of day (`HH:MM`) in a schedule's zone, such as a handoff time or a restriction edge.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The hour, 0 through 23.
    public let hour: Int
    /// The minute, 0 through 59.
    public let minute: Int

    /// Creates a time of day, or returns `nil` when the hour or minute is out of range.
    public init?(hour: Int, minute: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour clock, two digits each), or returns `nil` when malformed or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Midnight, `00:00`.
    public static let midnight = TimeOfDay(validHour: 0, minute: 0)

    /// Minutes since midnight on the wall clock, 0 through 1439.
    public var minutesSinceMidnight: Int {
        hour * 60 + minute
    }

    /// The time as `HH:MM`.
    public var description: String {
        LocalDate.twoDigits(hour) + ":" + LocalDate.twoDigits(minute)
    }

    /// Orders times from midnight to midnight.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    /// The time `minutes` past midnight, wrapped into `0..<1440`.
    init(minutesSinceMidnight minutes: Int) {
        let wrapped = ((minutes % 1_440) + 1_440) % 1_440
        self.init(validHour: wrapped / 60, minute: wrapped % 60)
    }

    private init(validHour: Int, minute: Int) {
        self.hour = validHour
        self.minute = minute
    }
}
