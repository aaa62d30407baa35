import Foundation

extension Layer {
    /// Creates a layer whose first handoff is the first one at or after `instant` on the grid that `shift`
    /// and `handoff` draw in `timeZone` — for schedules whose start is an instant rather than a local date.
    ///
    /// For days and weeks this is `handoff` on the local date of `instant`, or the next date when that
    /// handoff is before `instant`; for hour slots it is the first slot at or after `instant` (the layer's
    /// `handoff` becomes that slot's time, which draws the same daily slots). The first roster's first
    /// participant takes that shift.
    public init(
        name: String,
        rosters: [Roster],
        shift: ShiftLength,
        handoff: TimeOfDay,
        firstHandoffAtOrAfter instant: Date,
        in timeZone: TimeZone,
        restrictions: [Restriction] = []
    ) {
        let clock = ZoneClock(timeZone: timeZone)
        let (start, time) = Layer.firstHandoff(atOrAfter: instant, shift: shift, handoff: handoff, clock: clock)
        self.init(name: name, rosters: rosters, shift: shift, handoff: time, start: start, restrictions: restrictions)
    }

    /// The local date and wall-clock time of the first handoff at or after `instant`.
    static func firstHandoff(
        atOrAfter instant: Date,
        shift: ShiftLength,
        handoff: TimeOfDay,
        clock: ZoneClock
    ) -> (LocalDate, TimeOfDay) {
        let supported = LayerRotation.supportedInstants
        let bounded = min(max(instant, supported.lowerBound), supported.upperBound)
        let today = clock.wallTime(of: bounded).date
        var slots = [handoff.minutesSinceMidnight]
        if let step = shift.wallClockMinutes, step < ShiftLength.minutesPerDay {
            slots = (0..<(ShiftLength.minutesPerDay / step)).map {
                (handoff.minutesSinceMidnight + $0 * step) % ShiftLength.minutesPerDay
            }.sorted()
        }
        // The answer is on today or tomorrow (yesterday's late slots can only matter around DST).
        for date in [today.adding(days: -1), today, today.adding(days: 1), today.adding(days: 2)] {
            for minutes in slots where clock.instant(of: date, minutesSinceMidnight: minutes) >= bounded {
                return (date, TimeOfDay(minutesSinceMidnight: minutes))
            }
        }
        return (today.adding(days: 1), handoff)
    }
}
