import KubeCore

/// What the shared Node watch keeps of a node: readiness, pressure and schedulability.
public struct WatchedNode: Sendable, Hashable {
    /// The node condition types that report pressure when `True`.
    public static let pressureConditionTypes: Set<String> = ["MemoryPressure", "DiskPressure", "PIDPressure"]

    /// The node's name.
    public var name: String
    /// The status of the `Ready` condition (`True`, `False`, `Unknown`), or `nil` when not reported.
    public var readyStatus: String?
    /// The pressure conditions whose status is `True`, sorted (e.g. `["DiskPressure"]`).
    public var pressures: [String]
    /// Whether `spec.unschedulable` is set (the node is cordoned).
    public var isUnschedulable: Bool

    /// Whether the `Ready` condition is `True`.
    public var isReady: Bool { readyStatus == "True" }

    /// Creates a node summary.
    public init(name: String, readyStatus: String? = nil, pressures: [String] = [], isUnschedulable: Bool = false) {
        self.name = name
        self.readyStatus = readyStatus
        self.pressures = pressures
        self.isUnschedulable = isUnschedulable
    }

    /// The summary of `node`, or `nil` without a name (the projection of the shared Node informer).
    public init?(_ node: Node) {
        guard let name = node.metadata.name else { return nil }
        let conditions = node.status?.conditions ?? []
        self.init(
            name: name, readyStatus: conditions.first { $0.type == "Ready" }?.status,
            pressures: conditions.filter { Self.pressureConditionTypes.contains($0.type) && $0.status == "True" }
                .map(\.type).sorted(),
            isUnschedulable: node.spec?.unschedulable ?? false)
    }
}
