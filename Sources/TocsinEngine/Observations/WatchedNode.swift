import Foundation
import KubeCore

/// What the shared Node watch keeps of a node: readiness, pressure and schedulability.
public struct WatchedNode: Sendable, Hashable {
    /// The node condition types that report pressure when `True`.
    public static let pressureConditionTypes: Set<String> = ["MemoryPressure", "DiskPressure", "PIDPressure"]

    /// The node's name.
    public var name: String
    /// The status of the `Ready` condition (`True`, `False`, `Unknown`), or `nil` when not reported.
    public var readyStatus: String?
    /// The `Ready` condition's reason (e.g. `KubeletNotReady`, `NodeStatusUnknown`).
    public var readyReason: String?
    /// When the `Ready` condition last changed (`lastTransitionTime`).
    public var readyChangedAt: Date?
    /// The pressure conditions whose status is `True`, sorted (e.g. `["DiskPressure"]`).
    public var pressures: [String]
    /// Whether `spec.unschedulable` is set (the node is cordoned).
    public var isUnschedulable: Bool
    /// The node's labels.
    public var labels: [String: String]

    /// Whether the `Ready` condition is `True`.
    public var isReady: Bool { readyStatus == "True" }

    /// Creates a node summary.
    public init(
        name: String, readyStatus: String? = nil, readyReason: String? = nil, readyChangedAt: Date? = nil,
        pressures: [String] = [], isUnschedulable: Bool = false, labels: [String: String] = [:]
    ) {
        self.name = name
        self.readyStatus = readyStatus
        self.readyReason = readyReason
        self.readyChangedAt = readyChangedAt
        self.pressures = pressures
        self.isUnschedulable = isUnschedulable
        self.labels = labels
    }

    /// The summary of `node`, or `nil` without a name (the projection of the shared Node informer).
    public init?(_ node: Node) {
        guard let name = node.metadata.name else { return nil }
        let conditions = node.status?.conditions ?? []
        let ready = conditions.first { $0.type == "Ready" }
        self.init(
            name: name, readyStatus: ready?.status, readyReason: ready?.reason,
            readyChangedAt: ready?.lastTransitionTime,
            pressures: conditions.filter { Self.pressureConditionTypes.contains($0.type) && $0.status == "True" }
                .map(\.type).sorted(),
            isUnschedulable: node.spec?.unschedulable ?? false, labels: node.metadata.labels ?? [:])
    }
}
