import Foundation

/// A status condition in the shape of `metav1.Condition`, the standard way to report an object's state
/// (`Ready`, `Progressing`, …) under `status.conditions`.
///
/// Encodes with ``KubeJSON``: `lastTransitionTime` as an RFC 3339 timestamp in whole seconds (so compare
/// conditions after a round trip through the API, not with sub-second dates).
public struct Condition: Codable, Sendable, Hashable {
    /// The status of a condition.
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        /// The condition holds.
        case `true` = "True"
        /// The condition does not hold.
        case `false` = "False"
        /// The controller cannot tell.
        case unknown = "Unknown"
    }

    /// The condition type in CamelCase, e.g. `Ready`.
    public var type: String
    /// Whether the condition holds.
    public var status: Status
    /// The `metadata.generation` the condition was computed from.
    public var observedGeneration: Int64?
    /// When ``status`` last changed.
    public var lastTransitionTime: Date
    /// A machine-readable CamelCase reason, e.g. `SecretNotFound`.
    public var reason: String
    /// A human-readable explanation; may be empty. Never put secret values here.
    public var message: String

    /// Creates a condition.
    public init(
        type: String, status: Status, reason: String, message: String = "", observedGeneration: Int64? = nil,
        lastTransitionTime: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    /// Whether ``status`` is `True`.
    public var isTrue: Bool { status == .true }

    enum CodingKeys: String, CodingKey {
        case type, status, observedGeneration, lastTransitionTime, reason, message
    }

    /// Decodes a condition; a missing `reason` or `message` decodes as empty, a missing
    /// `lastTransitionTime` as the Unix epoch, an unrecognised status as `Unknown`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        let statusText = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
        status = Status(rawValue: statusText) ?? .unknown
        observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        lastTransitionTime =
            try container.decodeIfPresent(Date.self, forKey: .lastTransitionTime) ?? Date(timeIntervalSince1970: 0)
        reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
    }

    /// Encodes every field; `observedGeneration` only when set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        try container.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try container.encode(reason, forKey: .reason)
        try container.encode(message, forKey: .message)
    }

    /// Whether `other` says the same thing: equal type, status, reason, message and observedGeneration
    /// (the transition time is not compared).
    public func isEquivalent(to other: Condition) -> Bool {
        type == other.type && status == other.status && reason == other.reason && message == other.message
            && observedGeneration == other.observedGeneration
    }
}
