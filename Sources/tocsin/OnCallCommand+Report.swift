import Foundation
import TocsinAPI
import TocsinEngine

/// What `tocsin oncall` prints for one schedule: who is on call at the instant, the next handoff, the next shifts,
/// in the schedule's zone with the UTC offset.
struct OnCallReport {
    let schedule: OnCallSchedule
    let plan: OnCallPlan
    let at: Date
    let shiftCount: Int

    /// How far back the current shift's start is looked for, and how far ahead shifts are listed.
    static let lookBehind: TimeInterval = 60 * 86_400
    static let lookAhead: TimeInterval = 366 * 86_400

    func render() -> String {
        let name = "\(schedule.metadata.namespace.map { "\($0)/" } ?? "")\(schedule.metadata.name ?? "")"
        var lines = ["OnCallSchedule \(name) (\(plan.timeZone.identifier))"]
        lines.append("On call at \(format(at)): \(Self.names(plan.onCall(at: at)))")
        if let handoff = plan.nextHandoff(after: at) {
            lines.append("Next handoff: \(format(handoff)) to \(Self.names(plan.onCall(at: handoff)))")
        } else {
            lines.append("Next handoff: none within 90 days")
        }
        let shifts = upcomingShifts()
        lines.append("Next \(shifts.count) shifts:")
        for shift in shifts {
            lines.append("  \(format(shift.start)) → \(format(shift.end))  \(shift.participants.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shift under way at `at` (with its real start) and the following ones, `shiftCount` in all, read a week
    /// at a time so a long schedule costs only what is shown.
    func upcomingShifts() -> [Shift] {
        guard shiftCount > 0 else { return [] }
        var shifts: [Shift] = []
        var windowStart = at.addingTimeInterval(-Self.lookBehind)
        let limit = at.addingTimeInterval(Self.lookAhead)
        while windowStart < limit {
            let windowEnd = min(windowStart.addingTimeInterval(7 * 86_400), limit)
            for shift in plan.shifts(in: windowStart..<windowEnd) {
                if var last = shifts.last, last.end == shift.start, last.participants == shift.participants {
                    last.end = shift.end
                    shifts[shifts.count - 1] = last
                } else {
                    shifts.append(shift)
                }
            }
            windowStart = windowEnd
            let upcoming = shifts.filter { $0.end > at }
            // The last shift may continue in the next window: stop only with one to spare.
            if upcoming.count > shiftCount { return Array(upcoming.prefix(shiftCount)) }
        }
        return Array(shifts.filter { $0.end > at }.prefix(shiftCount))
    }

    /// `Sun 2026-03-29 09:00 +02:00` in the schedule's zone.
    func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = plan.timeZone
        formatter.dateFormat = "EEE yyyy-MM-dd HH:mm xxx"
        return formatter.string(from: date)
    }

    static func names(_ participants: [String]) -> String {
        participants.isEmpty ? "nobody (a gap)" : participants.joined(separator: ", ")
    }

    /// An RFC 3339 instant, or a wall-clock time (`2026-03-29T09:00`, seconds optional) in `timeZone`.
    static func instant(parsing text: String, in timeZone: TimeZone) -> Date? {
        if let timestamp = Timestamp(rfc3339: text) { return timestamp.date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
