import Foundation

/// What matters about an event, whichever API (core `v1` or `events.k8s.io/v1`) it came from.
public struct EventSummary: Sendable, Hashable {
    /// The object the event is about (`involvedObject` or `regarding`).
    public var involvedObject: ObjectReference
    /// A machine-readable reason, e.g. `BackOff`.
    public var reason: String?
    /// A human-readable description (`message` or `note`).
    public var message: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// How many times the event occurred: `series.count`, else `count`, else 1.
    public var count: Int32
    /// When the event was first seen.
    public var firstSeen: Date?
    /// When the event was last seen: `series.lastObservedTime`, else the last timestamp, else `eventTime`,
    /// else the creation timestamp.
    public var lastSeen: Date?

    /// Creates a summary.
    public init(
        involvedObject: ObjectReference, reason: String? = nil, message: String? = nil, type: String? = nil,
        count: Int32 = 1, firstSeen: Date? = nil, lastSeen: Date? = nil
    ) {
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// Whether the event's type is `Warning`.
    public var isWarning: Bool {
        type == "Warning"
    }
}
