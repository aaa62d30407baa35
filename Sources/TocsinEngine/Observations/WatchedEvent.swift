import Foundation
import KubeCore

/// What the shared Event watches keep of an event: what it is about, why, and how often.
public struct WatchedEvent: Sendable, Hashable {
    /// The event's namespace.
    public var namespace: String
    /// The event's name.
    public var name: String
    /// The object the event is about: its kind, namespace and name (what rules read; the rest is dropped).
    public var involvedObject: ObjectReference
    /// A machine-readable reason, e.g. `BackOff`.
    public var reason: String?
    /// The human-readable message, cut to ``maxMessageLength`` characters.
    public var message: String?
    /// `Normal` or `Warning`.
    public var type: String?
    /// How many times the event occurred (`series.count`, else `count`, else 1).
    public var count: Int
    /// When the event was first seen (`firstTimestamp`, else `eventTime`).
    public var firstSeen: Date?
    /// When the event was last seen.
    public var lastSeen: Date?

    /// The longest message kept (longer ones are cut).
    public static let maxMessageLength = 512

    /// Whether the event's type is `Warning`.
    public var isWarning: Bool { type == "Warning" }

    /// Creates an event summary.
    public init(
        namespace: String, name: String, involvedObject: ObjectReference, reason: String? = nil,
        message: String? = nil, type: String? = nil, count: Int = 1, firstSeen: Date? = nil, lastSeen: Date? = nil
    ) {
        self.namespace = namespace
        self.name = name
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// The summary of `event`, or `nil` without a name or namespace (the projection of the shared Event
    /// informer).
    public init?(_ event: Event) {
        guard let name = event.metadata.name, let namespace = event.metadata.namespace else { return nil }
        let summary = event.summary
        let message = summary.message.map {
            $0.count > Self.maxMessageLength ? String($0.prefix(Self.maxMessageLength - 1)) + "…" : $0
        }
        // Reasons, types and involved objects repeat across events: shared through the interner (messages are
        // mostly unique). Of the involved object only kind, namespace and name are kept: what rules read.
        let interner = ObservationInterner.shared
        self.init(
            namespace: interner.string(namespace), name: name,
            involvedObject: ObjectReference(
                kind: interner.string(summary.involvedObject.kind),
                namespace: interner.string(summary.involvedObject.namespace),
                name: interner.string(summary.involvedObject.name)),
            reason: interner.string(summary.reason), message: message, type: interner.string(summary.type),
            count: Int(summary.count), firstSeen: summary.firstSeen, lastSeen: summary.lastSeen)
    }
}
