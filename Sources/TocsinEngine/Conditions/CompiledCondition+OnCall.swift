import Foundation
import TocsinAPI

// An onCallGap finding is about one OnCallSchedule: labels `namespace` and `schedule`, affected object the
// schedule, detail `nobody on call from 2026-07-04T08:00+02:00 to 2026-07-06T08:00+02:00 (2d)`. Unlike the other
// conditions it reads no watched object: the engine evaluates it from the namespace's ``OnCallDirectory`` when the
// directory changes and again at the finding's `expiresAt`.

extension CompiledCondition {
    /// How far past `within` the condition looks for the next gap when there is none yet, so that it knows when
    /// to look again: 7 days.
    static let gapLookahead: TimeInterval = 7 * 86_400

    /// Whether the condition is ``AlertConditionType/onCallGap`` (it evaluates OnCallSchedules).
    public var evaluatesSchedules: Bool {
        if case .onCallGap = rule { return true }
        return false
    }

    /// The finding of an onCallGap condition about the schedule `name` of `directory` (the schedules of
    /// `namespace`) at `now`; `nil` when the condition is of another type, names another schedule, or the
    /// directory does not know `name`.
    ///
    /// **onCallGap** (schedule: all when unset, within default 24h): the schedule has a stretch with nobody on
    /// call that starts at or before `now + within` (nobody on call now included). Matching: value = the gap's
    /// length in hours (0 when no one is scheduled after it within 90 days); detail = the gap in the schedule's time
    /// zone, its end as `HH:MM` when on the same day and offset; expiresAt = the next change of who is on call (so
    /// at the gap's start and end). Not matching: a non-matching finding that expires when the next gap (looked for
    /// up to 7 days past `within`) comes within reach, else 7 days from now.
    public func finding(forSchedule name: String, namespace: String, in directory: OnCallDirectory, now: Date) -> Finding? {
        guard case .onCallGap(let wanted, let within) = rule, wanted.map({ $0 == name }) ?? true,
            let plan = directory.plan(of: name)
        else { return nil }
        return Self.gapFinding(plan, schedule: name, namespace: namespace, within: within.timeInterval, now: now)
    }

    /// The onCallGap finding of `plan` at `now` (see ``finding(forSchedule:namespace:in:now:)``).
    static func gapFinding(
        _ plan: OnCallPlan, schedule: String, namespace: String, within: TimeInterval, now: Date
    ) -> Finding {
        let labels = ["namespace": namespace, "schedule": schedule]
        let reach = now.addingTimeInterval(within)
        let horizon = reach.addingTimeInterval(gapLookahead)
        guard let next = plan.gaps(in: now..<horizon).first, next.lowerBound <= reach else {
            let object = AffectedObject(
                kind: "OnCallSchedule", namespace: namespace, name: schedule, detail: "someone on call throughout")
            let recheck = plan.gaps(in: now..<horizon).first?.lowerBound ?? horizon
            return Finding(
                object: object, labels: labels, isMatch: false, expiresAt: recheck.addingTimeInterval(-within))
        }
        var start = next.lowerBound
        if start <= now, let earlier = plan.gaps(in: now.addingTimeInterval(-14 * 86_400)..<next.upperBound).last {
            start = earlier.lowerBound
        }
        let end = next.upperBound < horizon ? next.upperBound : plan.nextHandoff(after: next.lowerBound)
        let detail: String
        if let end {
            let length = KubeDuration(milliseconds: Int64((end.timeIntervalSince(start) * 1000).rounded()))
            detail = "nobody on call from \(Self.wallClock(start, in: plan.timeZone)) to "
                + "\(Self.wallClock(end, in: plan.timeZone, after: start)) (\(length))"
        } else {
            detail = "nobody on call from \(Self.wallClock(start, in: plan.timeZone)), nobody scheduled after it"
        }
        return Finding(
            object: AffectedObject(
                kind: "OnCallSchedule", namespace: namespace, name: schedule, detail: Finding.bounded(detail)),
            labels: labels, value: end.map { $0.timeIntervalSince(start) / 3600 } ?? 0,
            expiresAt: plan.nextHandoff(after: now) ?? end)
    }

    /// `2026-03-29T07:00+02:00` in `zone`; only `07:00` when `reference` is given and falls on the same local
    /// day with the same UTC offset.
    static func wallClock(_ instant: Date, in zone: TimeZone, after reference: Date? = nil) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func parts(_ date: Date) -> (day: String, time: String, offset: Int) {
            let fields = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let day = "\(padded(fields.year ?? 0, 4))-\(padded(fields.month ?? 0, 2))-\(padded(fields.day ?? 0, 2))"
            return (day, "\(padded(fields.hour ?? 0, 2)):\(padded(fields.minute ?? 0, 2))", zone.secondsFromGMT(for: date))
        }
        let own = parts(instant)
        if let reference {
            let other = parts(reference)
            if other.day == own.day, other.offset == own.offset { return own.time }
        }
        let minutes = abs(own.offset) / 60
        let sign = own.offset < 0 ? "-" : "+"
        return "\(own.day)T\(own.time)\(sign)\(padded(minutes / 60, 2)):\(padded(minutes % 60, 2))"
    }

    /// `value` in decimal with leading zeros up to `width` digits.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
