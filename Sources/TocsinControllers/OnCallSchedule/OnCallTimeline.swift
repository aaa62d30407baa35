import Foundation
import TocsinEngine

/// Who is on call around one instant, as the status of an `OnCallSchedule` shows it: the stretch running now,
/// the next shifts and the gaps of the next days, each with its true start and end.
///
/// Stretches are read with their real edges (never clipped to "now" or to a horizon) wherever the schedule
/// changes within about a year either side, so that a status computed twice between two handoffs is the same
/// and writes nothing.
struct OnCallTimeline: Sendable, Hashable {
    /// A stretch of time with the same people on call; empty `participants` is a gap.
    struct Segment: Sendable, Hashable {
        /// Who is on call, in order.
        var participants: [String]
        /// What put them on call (empty for a gap).
        var sources: [Shift.Source]
        /// The first instant.
        var start: Date
        /// The first instant after it.
        var end: Date
    }

    /// The stretch running at the instant asked about (empty participants during a gap).
    var current: Segment?
    /// The next stretches with someone on call, after ``current``, earliest first.
    var upcoming: [Segment]
    /// The stretches with nobody on call that overlap the gap horizon, earliest first.
    var gaps: [Segment]
    /// The first instant after the instant asked about at which who is on call changes.
    var nextHandoff: Date?

    /// How far back and forward the timeline reads to find real edges: a day, a week or two, then about a year.
    static let lookbacks: [TimeInterval] = [1, 8, 40, 400].map { $0 * 86_400 }
    static let lookaheads: [TimeInterval] = [15, 60, 400].map { $0 * 86_400 }

    /// Computes the timeline of `plan` at `now`.
    /// - Parameters:
    ///   - shiftCount: how many upcoming stretches to keep.
    ///   - gapHorizon: how far ahead gaps are reported.
    ///   - gapLimit: the most gaps kept.
    init(plan: OnCallPlan, now: Date, shiftCount: Int, gapHorizon: TimeInterval, gapLimit: Int) {
        let start = Self.startOfCurrentSegment(plan: plan, now: now)
        var segments: [Segment] = []
        for lookahead in Self.lookaheads {
            let upper = now.addingTimeInterval(lookahead)
            segments = Self.segments(of: plan, in: start..<upper)
            let complete = segments.filter { $0.end < upper }
            let following = complete.filter { $0.start > now && !$0.participants.isEmpty }
            let coveredUntil = complete.last?.end ?? start
            if following.count >= shiftCount, coveredUntil >= now.addingTimeInterval(gapHorizon) { break }
        }
        let gapEnd = now.addingTimeInterval(gapHorizon)
        current = segments.first { $0.start <= now && now < $0.end }
        upcoming = Array(segments.filter { $0.start > now && !$0.participants.isEmpty }.prefix(max(0, shiftCount)))
        gaps = Array(
            segments.filter { $0.participants.isEmpty && $0.start < gapEnd && $0.end > now }.prefix(max(0, gapLimit)))
        nextHandoff = plan.nextHandoff(after: now)
    }

    /// The start of the stretch running at `now`, looking back at most about a year (beyond it, that bound).
    static func startOfCurrentSegment(plan: OnCallPlan, now: Date) -> Date {
        var lower = now
        for lookback in lookbacks {
            lower = now.addingTimeInterval(-lookback)
            let segments = segments(of: plan, in: lower..<now.addingTimeInterval(1))
            guard let current = segments.last(where: { $0.start <= now }) else { return now }
            if current.start > lower { return current.start }
        }
        return lower
    }

    /// The stretches of `range`, shifts and gaps together, earliest first.
    static func segments(of plan: OnCallPlan, in range: Range<Date>) -> [Segment] {
        let shifts = plan.shifts(in: range).map {
            Segment(participants: $0.participants, sources: $0.sources, start: $0.start, end: $0.end)
        }
        let gaps = plan.gaps(in: range).map {
            Segment(participants: [], sources: [], start: $0.lowerBound, end: $0.upperBound)
        }
        return (shifts + gaps).sorted { $0.start < $1.start }
    }
}
