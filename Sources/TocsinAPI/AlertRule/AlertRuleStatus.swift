import KubeCore
/// What the operator observed about an ``AlertRule``.
public struct AlertRuleStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int64?
    /// `Ready` (reasons such as `MonitorNotFound`, `SecretNotFound`, `ScheduleNotFound`, `InvalidTemplate`).
    public var conditions: [Condition]?
    /// How many incidents of this rule are firing (acknowledged included).
    public var firing: Int?
    /// How many groups are pending (condition holds, `for` not yet elapsed).
    public var pending: Int?
    /// When an incident of this rule last fired.
    public var lastFiredTime: Timestamp?
    /// The type of the rule's condition, e.g. `podCrashLooping` (the `Condition` column of `kubectl get`).
    public var conditionType: AlertConditionType?

    /// Creates a status.
    public init(
        observedGeneration: Int64? = nil, conditions: [Condition]? = nil, firing: Int? = nil, pending: Int? = nil,
        lastFiredTime: Timestamp? = nil, conditionType: AlertConditionType? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.conditions = conditions
        self.firing = firing
        self.pending = pending
        self.lastFiredTime = lastFiredTime
        self.conditionType = conditionType
    }
}
