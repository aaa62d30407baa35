/// A day of the week, as Go's `time.Weekday` spells it.
public enum DayOfWeek: String, APIEnum {
    /// Monday.
    case monday = "Monday"
    /// Tuesday.
    case tuesday = "Tuesday"
    /// Wednesday.
    case wednesday = "Wednesday"
    /// Thursday.
    case thursday = "Thursday"
    /// Friday.
    case friday = "Friday"
    /// Saturday.
    case saturday = "Saturday"
    /// Sunday.
    case sunday = "Sunday"

    /// The `Calendar` weekday number: 1 for Sunday through 7 for Saturday.
    public var calendarWeekday: Int {
        switch self {
        case .sunday: 1
        case .monday: 2
        case .tuesday: 3
        case .wednesday: 4
        case .thursday: 5
        case .friday: 6
        case .saturday: 7
        }
    }
}

/// A recurring wall-clock window: on the given days, from `startTime` to `endTime`.
///
/// When `endTime` is not after `startTime` the window crosses midnight and ends on the next day; a day in
/// `daysOfWeek` is the day the window starts. `00:00`–`24:00` is a whole day.
public struct TimeWindow: Codable, Sendable, Hashable {
    /// The days on which the window starts. Default: every day.
    public var daysOfWeek: [DayOfWeek]?
    /// The start, `HH:MM`, inclusive.
    public var startTime: String
    /// The end, `HH:MM` (`24:00` allowed), exclusive; not after ``startTime`` means the next day.
    public var endTime: String

    /// Creates a window.
    public init(daysOfWeek: [DayOfWeek]? = nil, startTime: String, endTime: String) {
        self.daysOfWeek = daysOfWeek
        self.startTime = startTime
        self.endTime = endTime
    }

    /// The start in minutes since midnight, once valid.
    public var startMinute: Int? { Syntax.minutesOfDay(startTime) }

    /// The end in minutes since midnight (1440 for `24:00`), once valid.
    public var endMinute: Int? { Syntax.minutesOfDay(endTime, allowsEndOfDay: true) }

    /// Whether the window ends on the day after it starts.
    public var crossesMidnight: Bool {
        guard let startMinute, let endMinute else { return false }
        return endMinute <= startMinute
    }
}

extension Validator {
    /// Requires valid `HH:MM` times that differ, and days without repeats.
    package mutating func checkWindow(daysOfWeek: [DayOfWeek]?, startTime: String, endTime: String, at path: FieldPath) {
        if let daysOfWeek {
            requireNonEmpty(daysOfWeek, at: path.child("daysOfWeek"))
            var seen: Set<DayOfWeek> = []
            for (index, day) in daysOfWeek.enumerated() where !seen.insert(day).inserted {
                add(.duplicate, at: path.child("daysOfWeek").index(index), "duplicate value \"\(day.rawValue)\"")
            }
        }
        checkTimeOfDay(startTime, at: path.child("startTime"))
        checkTimeOfDay(endTime, at: path.child("endTime"), allowsEndOfDay: true)
        if let start = Syntax.minutesOfDay(startTime), let end = Syntax.minutesOfDay(endTime, allowsEndOfDay: true),
            start == end
        {
            add(.invalid, at: path.child("endTime"), "must differ from startTime (use 00:00 to 24:00 for a whole day)")
        }
    }
}
