import Foundation

/// A time-bounded replacement: during `[start, end)` only `participant` is on call, whatever the layers say.
///
/// Overlapping overrides do not add up: where several cover an instant, the later one in the plan's list
/// wins. An override whose `end` is not after its `start` covers nothing.
public struct Override: Sendable, Hashable {
    /// The first instant covered.
    public var start: Date
    /// The first instant no longer covered.
    public var end: Date
    /// The participant on call during the override.
    public var participant: String

    /// Creates an override putting `participant` on call from `start` (inclusive) to `end` (exclusive).
    public init(start: Date, end: Date, participant: String) {
        self.start = start
        self.end = end
        self.participant = participant
    }

    /// Whether the override covers `instant`.
    public func covers(_ instant: Date) -> Bool {
        start <= instant && instant < end
    }
}
