import Foundation

/// A layer bound to its schedule's zone: handoff instants, shift indexes and who takes each shift.
///
/// Every question is answered in constant time per roster: the shift index comes from wall-clock minutes
/// (local day number × 1440 + minute of the day) divided by the shift length, or from elapsed seconds for
/// the elapsed-hour lengths, then at most a few neighbouring handoffs are checked to correct for DST.
struct LayerRotation: Sendable {
    /// The layer.
    let layer: Layer
    /// The schedule's wall clock.
    let clock: ZoneClock
    /// The instant of the first handoff (shift 0 starts here).
    let firstHandoff: Date
    /// The anchors of the rosters (shift index where each takes over), in list order.
    private var anchors: [Int] = []

    /// Binds `layer` to `clock`, or returns `nil` when its shift length is unsupported (inert layer).
    init?(layer: Layer, clock: ZoneClock) {
        guard layer.shift.isSupported else { return nil }
        self.layer = layer
        self.clock = clock
        self.firstHandoff = clock.instant(of: layer.start, at: layer.handoff)
        self.anchors = layer.rosters.map { roster in
            guard let effectiveFrom = roster.effectiveFrom else { return 0 }
            return self.indexOfHandoff(atOrAfter: effectiveFrom)
        }
    }

    /// The instants the calculator answers for: years 0001 through 9999. Outside them (including
    /// infinities) a layer puts nobody on call, so no arithmetic can overflow.
    static let supportedInstants =
        Date(timeIntervalSince1970: -62_135_596_800)...Date(timeIntervalSince1970: 253_402_300_799)

    /// The instant of handoff `index` (the start of shift `index`).
    func handoff(_ index: Int) -> Date {
        if let seconds = layer.shift.elapsedSeconds {
            return firstHandoff.addingTimeInterval(Double(index) * seconds)
        }
        // Wall-clock grid: handoff `index` is `index` shift lengths of wall-clock minutes after the first.
        let step = layer.shift.wallClockMinutes ?? ShiftLength.minutesPerDay
        let minutes = layer.handoff.minutesSinceMidnight + index * step
        let days = minutes / ShiftLength.minutesPerDay
        let minuteOfDay = minutes - days * ShiftLength.minutesPerDay
        return clock.instant(of: layer.start.adding(days: days), minutesSinceMidnight: minuteOfDay)
    }

    /// The index of the shift running at `instant`, or `nil` before the first handoff.
    func shiftIndex(at instant: Date) -> Int? {
        guard instant >= firstHandoff, Self.supportedInstants.contains(instant) else { return nil }
        var index: Int
        if let seconds = layer.shift.elapsedSeconds {
            index = Int((instant.timeIntervalSince(firstHandoff) / seconds).rounded(.down))
        } else {
            // Wall-clock minutes since the first handoff, from the local day number and time of day.
            let step = layer.shift.wallClockMinutes ?? ShiftLength.minutesPerDay
            let wall = clock.wallTime(of: instant)
            let wallMinutes = (wall.date.dayNumber - layer.start.dayNumber) * ShiftLength.minutesPerDay
                + Int(wall.secondsSinceMidnight / 60) - layer.handoff.minutesSinceMidnight
            index = max(0, wallMinutes) / step
        }
        // Correct for DST (a wall reading is not an elapsed time) and floating-point edges: a step or two.
        var steps = 0
        while index > 0, handoff(index) > instant, steps < 3 {
            index -= 1
            steps += 1
        }
        steps = 0
        while handoff(index + 1) <= instant, steps < 3 {
            index += 1
            steps += 1
        }
        return index
    }

    /// The index of the first handoff at or after `instant` (0 when it is before the first handoff; never
    /// reached when it is after year 9999).
    func indexOfHandoff(atOrAfter instant: Date) -> Int {
        if instant > Self.supportedInstants.upperBound { return Int.max }
        guard let index = shiftIndex(at: instant) else { return 0 }
        return handoff(index) == instant ? index : index + 1
    }

    /// The participant who takes shift `index`, by the ``Roster`` rules; `nil` when the roster is empty.
    func participant(forShift index: Int) -> String? {
        var chosen: Int?
        for (position, anchor) in anchors.enumerated() where anchor <= index {
            if let current = chosen, anchors[current] > anchor { continue }
            chosen = position
        }
        guard let position = chosen else { return nil }
        let participants = layer.rosters[position].participants
        guard !participants.isEmpty else { return nil }
        let offset = (index - anchors[position]) % participants.count
        return participants[offset]
    }

    /// Whether the layer's restrictions allow it to be on call at `instant`.
    func isWithinRestrictions(at instant: Date) -> Bool {
        guard !layer.restrictions.isEmpty else { return true }
        let wallTime = clock.wallTime(of: instant)
        return layer.restrictions.contains { $0.contains(wallTime) }
    }

    /// Who this layer puts on call at `instant`, or `nil` (before start, outside restrictions, empty roster).
    func participant(at instant: Date) -> String? {
        guard let index = shiftIndex(at: instant), isWithinRestrictions(at: instant) else { return nil }
        return participant(forShift: index)
    }

    /// Every instant in `range` at which this layer may change who it puts on call: handoffs and
    /// restriction edges. A superset is harmless; the caller merges segments that do not change.
    func boundaries(in range: Range<Date>) -> [Date] {
        var result: [Date] = []
        var index = (shiftIndex(at: range.lowerBound) ?? -1) + 1
        while true {
            let instant = handoff(index)
            guard instant < range.upperBound else { break }
            if instant > range.lowerBound { result.append(instant) }
            index += 1
        }
        guard !layer.restrictions.isEmpty else { return result }
        let firstDay = clock.wallTime(of: range.lowerBound).date.adding(days: -1)
        let lastDay = clock.wallTime(of: range.upperBound).date.adding(days: 1)
        var day = firstDay
        while day <= lastDay {
            for restriction in layer.restrictions {
                for edge in clock.instants(of: day, at: restriction.start) + clock.instants(of: day, at: restriction.end)
                where range.contains(edge) && edge > range.lowerBound {
                    result.append(edge)
                }
            }
            day = day.adding(days: 1)
        }
        return result
    }
}
