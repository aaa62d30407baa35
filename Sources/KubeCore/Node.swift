import Foundation

/// A core `v1` Node, with the fields Tocsin reads.
public struct Node: KubeResource, Hashable {
    /// Core `v1` nodes.
    public static var resourceType: ResourceType { .nodes }

    /// `v1` when set.
    public var apiVersion: String?
    /// `Node` when set.
    public var kind: String?
    /// The node's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: NodeSpec?
    /// The observed state.
    public var status: NodeStatus?

    /// Creates a node.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(),
        spec: NodeSpec? = nil, status: NodeStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, TypeMetaCodingKey {
        case apiVersion, kind, metadata, spec, status
    }

    /// Encodes the node, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(spec, forKey: .spec)
        try container.encodeIfPresent(status, forKey: .status)
    }
}

/// The desired state of a node (a subset of `NodeSpec`).
public struct NodeSpec: Codable, Sendable, Hashable {
    /// Whether new pods may not be scheduled on the node (cordoned).
    public var unschedulable: Bool?
    /// The node's taints.
    public var taints: [Taint]?
    /// The pod IP range assigned to the node.
    public var podCIDR: String?
    /// The cloud provider's ID of the node.
    public var providerID: String?

    /// Creates a node spec.
    public init(unschedulable: Bool? = nil, taints: [Taint]? = nil, podCIDR: String? = nil, providerID: String? = nil) {
        self.unschedulable = unschedulable
        self.taints = taints
        self.podCIDR = podCIDR
        self.providerID = providerID
    }
}

/// A taint on a node.
public struct Taint: Codable, Sendable, Hashable {
    /// The taint key, e.g. `node.kubernetes.io/not-ready`.
    public var key: String
    /// The taint value.
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String
    /// When a `NoExecute` taint was added.
    public var timeAdded: Date?

    /// Creates a taint.
    public init(key: String, value: String? = nil, effect: String, timeAdded: Date? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }
}

/// The observed state of a node (a subset of `NodeStatus`).
public struct NodeStatus: Codable, Sendable, Hashable {
    /// The node's conditions (`Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`, ...).
    public var conditions: [NodeCondition]?
    /// Total resources, as quantity strings (`"cpu": "4"`, `"memory": "16Gi"`).
    public var capacity: [String: String]?
    /// Resources available to pods, as quantity strings.
    public var allocatable: [String: String]?
    /// Versions reported by the node.
    public var nodeInfo: NodeSystemInfo?

    /// Creates a node status.
    public init(
        conditions: [NodeCondition]? = nil, capacity: [String: String]? = nil,
        allocatable: [String: String]? = nil, nodeInfo: NodeSystemInfo? = nil
    ) {
        self.conditions = conditions
        self.capacity = capacity
        self.allocatable = allocatable
        self.nodeInfo = nodeInfo
    }
}

/// A condition of a node.
public struct NodeCondition: Codable, Sendable, Hashable {
    /// The condition type, e.g. `Ready`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// A machine-readable reason, e.g. `KubeletNotReady` or `NodeStatusUnknown`.
    public var reason: String?
    /// A human-readable message.
    public var message: String?
    /// When the kubelet last reported this condition.
    public var lastHeartbeatTime: Date?
    /// When the status last changed.
    public var lastTransitionTime: Date?

    /// Creates a condition.
    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil,
        lastHeartbeatTime: Date? = nil, lastTransitionTime: Date? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
    }
}

/// Versions reported by a node (a subset of `NodeSystemInfo`).
public struct NodeSystemInfo: Codable, Sendable, Hashable {
    /// The kubelet's version, e.g. `v1.30.2`.
    public var kubeletVersion: String?

    /// Creates node info.
    public init(kubeletVersion: String? = nil) {
        self.kubeletVersion = kubeletVersion
    }
}
