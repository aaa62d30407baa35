import Foundation

extension OnCallPlan {
    /// The longest span a range query covers: about three years from its lower bound. A longer range is
    /// answered up to this span, so a query with `Date.distantFuture` stays bounded.
    public static let maximumQuerySpan: TimeInterval = 3 * 366 * 86_400

    /// How far ``nextHandoff(after:within:)`` looks by default: 90 days.
    public static let defaultHandoffHorizon: TimeInterval = 90 * 86_400

    /// Who is on call at `instant`, in order (empty means a gap).
    ///
    /// Cost: constant per layer and roster; the shift index is computed, never counted shift by shift, so a
    /// schedule that started years ago answers as fast as one that started yesterday.
    public func onCall(at instant: Date) -> [String] {
        assignment(at: instant, rotations: rotations()).participants
    }

    /// The final shifts in `range`: after layering, restrictions and overrides, with consecutive stretches of
    /// the same participants merged into one shift, clipped to `range`. Stretches with nobody on call are
    /// left out (see ``gaps(in:)``). Ranges longer than ``maximumQuerySpan`` are cut to it, and ranges are
    /// clipped to the years 0001…9999.
    public func shifts(in range: Range<Date>) -> [Shift] {
        segments(in: range).filter { !$0.participants.isEmpty }
    }

    /// The stretches of `range` with nobody on call, merged and clipped to `range`, earliest first (for
    /// `status.gaps`, ask for the next 14 days). Ranges longer than ``maximumQuerySpan`` are cut to it.
    public func gaps(in range: Range<Date>) -> [Range<Date>] {
        segments(in: range).filter { $0.participants.isEmpty }.map { $0.start..<$0.end }
    }

    /// The first instant after `instant` at which the people on call change (a handoff to someone else, a
    /// restriction window opening or closing, an override starting or ending, the start of a gap), or `nil`
    /// when nothing changes within `horizon`. A handoff from a person to the same person is not a change.
    public func nextHandoff(after instant: Date, within horizon: TimeInterval = defaultHandoffHorizon) -> Date? {
        let rotations = rotations()
        let current = assignment(at: instant, rotations: rotations).participants
        let week: TimeInterval = 7 * 86_400
        let limit = instant.addingTimeInterval(max(0, min(horizon, Self.maximumQuerySpan)))
        var windowStart = instant
        // Look a week at a time, so the common case reads only a few boundaries.
        while windowStart < limit {
            let windowEnd = min(windowStart.addingTimeInterval(week), limit)
            for segment in segments(in: windowStart..<windowEnd, rotations: rotations)
            where segment.start > instant && segment.participants != current {
                return segment.start
            }
            windowStart = windowEnd
        }
        return nil
    }

    // MARK: - Internals

    /// The layers bound to the schedule's zone, skipping inert ones (unsupported shift length).
    func rotations() -> [LayerRotation] {
        let clock = ZoneClock(timeZone: timeZone)
        return layers.compactMap { LayerRotation(layer: $0, clock: clock) }
    }

    /// Who is on call at `instant` and why.
    func assignment(at instant: Date, rotations: [LayerRotation]) -> (participants: [String], sources: [Shift.Source]) {
        if let override = overrides.last(where: { $0.covers(instant) }) {
            return ([override.participant], [.override])
        }
        var participants: [String] = []
        var sources: [Shift.Source] = []
        for rotation in rotations {
            guard let participant = rotation.participant(at: instant) else { continue }
            switch layering {
            case .precedence:
                participants = [participant]
                sources = [.layer(rotation.layer.name)]
            case .cumulative:
                if !participants.contains(participant) { participants.append(participant) }
                let source = Shift.Source.layer(rotation.layer.name)
                if !sources.contains(source) { sources.append(source) }
            }
        }
        return (participants, sources)
    }

    /// The merged stretches of constant on-call people covering `range` (with empty ones for gaps).
    func segments(in range: Range<Date>, rotations: [LayerRotation]? = nil) -> [Shift] {
        let rotations = rotations ?? self.rotations()
        let supported = LayerRotation.supportedInstants
        let lower = max(range.lowerBound, supported.lowerBound)
        let upper = min(range.upperBound, lower.addingTimeInterval(Self.maximumQuerySpan), supported.upperBound)
        guard lower < upper else { return [] }
        let bounded = lower..<upper
        var boundaries = [bounded.lowerBound]
        for rotation in rotations {
            boundaries += rotation.boundaries(in: bounded)
        }
        for override in overrides where override.start < override.end {
            for edge in [override.start, override.end] where edge > bounded.lowerBound && edge < bounded.upperBound {
                boundaries.append(edge)
            }
        }
        let instants = Array(Set(boundaries)).sorted()
        var result: [Shift] = []
        for (position, start) in instants.enumerated() {
            let end = position + 1 < instants.count ? instants[position + 1] : bounded.upperBound
            let (participants, sources) = assignment(at: start, rotations: rotations)
            if var last = result.last, last.participants == participants {
                last.end = end
                for source in sources where !last.sources.contains(source) {
                    last.sources.append(source)
                }
                result[result.count - 1] = last
            } else {
                result.append(Shift(participants: participants, start: start, end: end, sources: sources))
            }
        }
        return result
    }
}
