import Foundation

/// A core `v1` Pod, with the fields Tocsin reads.
public struct Pod: KubeResource, Hashable {
    /// Core `v1` pods.
    public static var resourceType: ResourceType { .pods }

    /// `v1` when set.
    public var apiVersion: String?
    /// `Pod` when set.
    public var kind: String?
    /// The pod's metadata.
    public var metadata: ObjectMeta
    /// The desired state.
    public var spec: PodSpec?
    /// The observed state.
    public var status: PodStatus?

    /// Creates a pod.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(),
        spec: PodSpec? = nil, status: PodStatus? = nil
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

    /// Encodes the pod, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(spec, forKey: .spec)
        try container.encodeIfPresent(status, forKey: .status)
    }
}

/// The desired state of a pod (a subset of `PodSpec`).
public struct PodSpec: Codable, Sendable, Hashable {
    /// The node the pod is bound to.
    public var nodeName: String?
    /// The app containers.
    public var containers: [Container]?
    /// The init containers.
    public var initContainers: [Container]?
    /// `Always`, `OnFailure` or `Never`.
    public var restartPolicy: String?
    /// Gates that keep the pod from being scheduled while present.
    public var schedulingGates: [PodSchedulingGate]?
    /// The pod's priority.
    public var priority: Int32?

    /// Creates a pod spec.
    public init(
        nodeName: String? = nil, containers: [Container]? = nil, initContainers: [Container]? = nil,
        restartPolicy: String? = nil, schedulingGates: [PodSchedulingGate]? = nil, priority: Int32? = nil
    ) {
        self.nodeName = nodeName
        self.containers = containers
        self.initContainers = initContainers
        self.restartPolicy = restartPolicy
        self.schedulingGates = schedulingGates
        self.priority = priority
    }
}

/// A container of a pod (name and image only).
public struct Container: Codable, Sendable, Hashable {
    /// The container's name.
    public var name: String
    /// The container's image.
    public var image: String?

    /// Creates a container.
    public init(name: String, image: String? = nil) {
        self.name = name
        self.image = image
    }
}

/// A scheduling gate of a pod.
public struct PodSchedulingGate: Codable, Sendable, Hashable {
    /// The gate's name.
    public var name: String

    /// Creates a gate.
    public init(name: String) {
        self.name = name
    }
}

/// The observed state of a pod (a subset of `PodStatus`).
public struct PodStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    /// A brief reason for the pod's state, e.g. `Evicted`.
    public var reason: String?
    /// A human-readable message.
    public var message: String?
    /// The pod's conditions (`Ready`, `PodScheduled`, ...).
    public var conditions: [PodCondition]?
    /// When the kubelet acknowledged the pod.
    public var startTime: Date?
    /// The app containers' statuses.
    public var containerStatuses: [ContainerStatus]?
    /// The init containers' statuses.
    public var initContainerStatuses: [ContainerStatus]?
    /// The ephemeral containers' statuses.
    public var ephemeralContainerStatuses: [ContainerStatus]?
    /// The pod's IP address.
    public var podIP: String?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String?

    /// Creates a pod status.
    public init(
        phase: String? = nil, reason: String? = nil, message: String? = nil, conditions: [PodCondition]? = nil,
        startTime: Date? = nil, containerStatuses: [ContainerStatus]? = nil,
        initContainerStatuses: [ContainerStatus]? = nil, ephemeralContainerStatuses: [ContainerStatus]? = nil,
        podIP: String? = nil, qosClass: String? = nil
    ) {
        self.phase = phase
        self.reason = reason
        self.message = message
        self.conditions = conditions
        self.startTime = startTime
        self.containerStatuses = containerStatuses
        self.initContainerStatuses = initContainerStatuses
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
        self.podIP = podIP
        self.qosClass = qosClass
    }
}

/// A condition of a pod.
public struct PodCondition: Codable, Sendable, Hashable {
    /// The condition type, e.g. `Ready`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// A machine-readable reason for the last transition.
    public var reason: String?
    /// A human-readable message.
    public var message: String?
    /// When the status last changed.
    public var lastTransitionTime: Date?

    /// Creates a condition.
    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil, lastTransitionTime: Date? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}
