/// A weekly window during which a layer is on call; outside every one of its windows a restricted layer
/// contributes nobody.
///
/// Rules (wall clock of the schedule's zone):
/// - `end > start`: on each day in `daysOfWeek`, from `start` (inclusive) to `end` (exclusive).
/// - `end <= start`: the window crosses midnight. It OPENS on each day in `daysOfWeek` at `start` and closes
///   at `end` on the following day; "22:00–06:00 on weekdays" covers Monday 22:00 to Tuesday 06:00, …,
///   Friday 22:00 to Saturday 06:00. `end == start` is a whole 24-hour window opening at `start`.
/// - On daylight-saving days the window follows the wall clock: its edges resolve like handoffs (a
///   missing time moves to the end of the gap; a repeated one is read on the wall clock each time).
public struct Restriction: Sendable, Hashable {
    /// The days on which the window opens.
    public var daysOfWeek: Set<Weekday>
    /// The wall-clock time the window opens.
    public var start: TimeOfDay
    /// The wall-clock time the window closes (on the next day when `end <= start`).
    public var end: TimeOfDay

    /// Creates a window opening at `start` on each of `daysOfWeek` and closing at `end`.
    public init(daysOfWeek: Set<Weekday>, start: TimeOfDay, end: TimeOfDay) {
        self.daysOfWeek = daysOfWeek
        self.start = start
        self.end = end
    }

    /// Whether the window crosses midnight (`end <= start`).
    public var crossesMidnight: Bool {
        end <= start
    }

    /// Whether a wall-clock reading falls inside the window.
    func contains(_ wallTime: WallTime) -> Bool {
        let seconds = wallTime.secondsSinceMidnight
        let opens = Double(start.minutesSinceMidnight * 60)
        let closes = Double(end.minutesSinceMidnight * 60)
        let day = wallTime.date.weekday
        if crossesMidnight {
            return (daysOfWeek.contains(day) && seconds >= opens)
                || (daysOfWeek.contains(day.previous) && seconds < closes)
        }
        return daysOfWeek.contains(day) && seconds >= opens && seconds < closes
    }
}
