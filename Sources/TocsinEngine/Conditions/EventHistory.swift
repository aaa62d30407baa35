import Foundation

/// What the engine remembers about one event between observations, shared by every rule: samples of its `count`
/// (`series.count` for events.k8s.io-style events), so that occurrences within a window can be counted although an
/// event is one object updated in place. A value type; its size is bounded (see ``maxSamples``).
///
/// Record every observation (ADDED and MODIFIED: a higher count is a repeat) with ``record(_:at:)`` before
/// evaluating conditions on the event.
public struct EventHistory: Sendable, Hashable {
    /// The most count samples kept; older ones are forgotten first (occurrences are then counted from the oldest
    /// sample kept, so the count can only be too low, never too high).
    public static let maxSamples = 32
    /// The default of ``maxWindow``: 1 h, the longest window the warningEvent condition accepts (events expire
    /// after about an hour).
    public static let defaultMaxWindow: Duration = .seconds(3600)

    /// One sample of the event's count, at the instant it was observed.
    struct Sample: Sendable, Hashable {
        var at: Date
        var count: Int
    }

    /// What the event said about itself when first observed: `count` occurrences between `firstSeen` and
    /// `lastSeen`.
    struct FirstSighting: Sendable, Hashable {
        var count: Int
        var firstSeen: Date
        var lastSeen: Date
    }

    /// The longest window a condition can ask about; older samples are dropped.
    public let maxWindow: Duration
    /// Samples of the count, oldest first, one per increase.
    private(set) var samples: [Sample] = []
    /// The first observation's own timestamps, while its sample is the oldest kept.
    private(set) var firstSighting: FirstSighting?

    /// Creates an empty history keeping samples for `maxWindow`.
    public init(maxWindow: Duration = defaultMaxWindow) {
        self.maxWindow = maxWindow
    }

    /// The number of count samples held (at most ``maxSamples``).
    public var sampleCount: Int { samples.count }

    /// Records an observation of `event` at `now`: a higher count is sampled (repeats); a lower count (the event
    /// was recreated) starts again as a first sighting; the same count changes nothing.
    public mutating func record(_ event: WatchedEvent, at now: Date) {
        let count = max(event.count, 1)
        if let latest = samples.last, count >= latest.count {
            if count > latest.count { samples.append(Sample(at: now, count: count)) }
        } else {
            samples = [Sample(at: now, count: count)]
            let lastSeen = event.lastSeen ?? event.firstSeen ?? now
            let firstSeen = min(event.firstSeen ?? lastSeen, lastSeen)
            firstSighting = FirstSighting(count: count, firstSeen: firstSeen, lastSeen: lastSeen)
        }
        prune(at: now)
    }

    /// The occurrences within `window` before `now`.
    ///
    /// Occurrences observed by us count at the instant we observed the count grow: the count now minus the count
    /// at the window's start. The occurrences the event already carried when first observed count by the event's
    /// own timestamps: all of them when `firstSeen` is inside the window, none when `lastSeen` is before it, and
    /// otherwise those of `count` occurrences spread evenly from `firstSeen` to `lastSeen` (both included) that
    /// fall inside the window.
    public func occurrences(within window: Duration, now: Date) -> WindowCount {
        guard let latest = samples.last else { return .zero }
        let seconds = window.seconds
        let start = now.addingTimeInterval(-seconds)
        if let baseline = samples.lastIndex(where: { $0.at <= start }) {
            let count = latest.count - samples[baseline].count
            guard count > 0, baseline + 1 < samples.count else { return .zero }
            return WindowCount(count: count, nextDecreaseAt: samples[baseline + 1].at.addingTimeInterval(seconds))
        }
        var count = latest.count - samples[0].count
        var leaves: [Date] = samples.count > 1 ? [samples[1].at] : []
        if let firstSighting {
            let (inside, next) = firstSighting.occurrences(after: start)
            count += inside
            if let next { leaves.append(min(next, samples[0].at)) }
        }
        guard count > 0, let earliest = leaves.min() else { return .zero }
        return WindowCount(count: count, nextDecreaseAt: earliest.addingTimeInterval(seconds))
    }

    /// Drops samples older than ``maxWindow`` (keeping the newest of them as the baseline of the longest window),
    /// then caps the samples at ``maxSamples``; the first sighting goes with its sample.
    private mutating func prune(at now: Date) {
        let cutoff = now.addingTimeInterval(-maxWindow.seconds)
        var dropped = 0
        if let baseline = samples.lastIndex(where: { $0.at <= cutoff }) { dropped = baseline }
        dropped = max(dropped, samples.count - Self.maxSamples)
        guard dropped > 0 else { return }
        samples.removeFirst(dropped)
        firstSighting = nil
    }
}

extension EventHistory.FirstSighting {
    /// How many of the sighting's occurrences fall after `start`, and the earliest of those (which leaves a window
    /// starting at `start` first), assuming the occurrences spread evenly from `firstSeen` to `lastSeen`.
    func occurrences(after start: Date) -> (count: Int, earliest: Date?) {
        if firstSeen > start { return (count, firstSeen) }
        guard lastSeen > start else { return (0, nil) }
        guard count > 1 else { return (1, lastSeen) }
        let step = lastSeen.timeIntervalSince(firstSeen) / Double(count - 1)
        let before = Int((start.timeIntervalSince(firstSeen) / step).rounded(.down)) + 1
        guard before < count else { return (0, nil) }
        let earliest = firstSeen.addingTimeInterval(Double(before) * step)
        return (count - before, min(earliest, lastSeen))
    }
}
