/// A status condition in the JSON shape of `metav1.Condition` (`status.conditions[]` of Monitor, AlertRule and
/// OnCallSchedule).
///
/// TocsinAPI does not import KubeRuntime, so it declares the shape itself; the JSON is identical to KubeRuntime's
/// `Condition`, so either type decodes what the other encodes.
public struct StatusCondition: Codable, Sendable, Hashable {
    /// The status of a condition.
    public enum Status: String, APIEnum {
        /// The condition holds.
        case `true` = "True"
        /// The condition does not hold.
        case `false` = "False"
        /// The operator cannot tell.
        case unknown = "Unknown"
    }

    /// The condition type in CamelCase, e.g. `Ready`.
    public var type: String
    /// Whether the condition holds.
    public var status: Status
    /// The `metadata.generation` the condition was computed from.
    public var observedGeneration: Int64?
    /// When ``status`` last changed.
    public var lastTransitionTime: Timestamp
    /// A machine-readable CamelCase reason, e.g. `MonitorNotFound`.
    public var reason: String
    /// A human-readable explanation; may be empty. Never holds secret values.
    public var message: String

    /// Creates a condition.
    public init(
        type: String, status: Status, reason: String, message: String = "", observedGeneration: Int64? = nil,
        lastTransitionTime: Timestamp
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
