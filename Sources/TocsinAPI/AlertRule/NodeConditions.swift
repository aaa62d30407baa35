/// Parameters of ``AlertCondition/nodeNotReady`` (none yet).
public struct NodeNotReadyCondition: Codable, Sendable, Hashable {
    /// Creates the parameters.
    public init() {}
}

/// Parameters of ``AlertCondition/nodeUnschedulable`` (none yet).
public struct NodeUnschedulableCondition: Codable, Sendable, Hashable {
    /// Creates the parameters.
    public init() {}
}

/// Parameters of ``AlertCondition/nodePressure``.
public struct NodePressureCondition: Codable, Sendable, Hashable {
    /// A node pressure condition type.
    public enum Pressure: String, APIEnum {
        /// `MemoryPressure`.
        case memoryPressure = "MemoryPressure"
        /// `DiskPressure`.
        case diskPressure = "DiskPressure"
        /// `PIDPressure`.
        case pidPressure = "PIDPressure"
    }

    /// The pressure conditions that count when `True`. Default: all three.
    public var conditions: [Pressure]?

    /// Creates the parameters.
    public init(conditions: [Pressure]? = nil) {
        self.conditions = conditions
    }
}
