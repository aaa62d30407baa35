import Foundation

/// How many times something happened within a sliding window ending now (restarts of a pod, occurrences of an
/// event), and when that number next goes down if nothing else happens.
///
/// Windows are half-open: an occurrence at instant `t` is inside the window `(now - window, now]`, so it leaves the
/// window exactly at `t + window`.
public struct WindowCount: Sendable, Hashable {
    /// The number of occurrences inside the window.
    public var count: Int
    /// When the oldest occurrence counted leaves the window (the count drops then); `nil` when the count is 0.
    public var nextDecreaseAt: Date?

    /// Creates a count.
    public init(count: Int, nextDecreaseAt: Date? = nil) {
        self.count = count
        self.nextDecreaseAt = nextDecreaseAt
    }

    /// Nothing inside the window.
    public static let zero = WindowCount(count: 0)
}
