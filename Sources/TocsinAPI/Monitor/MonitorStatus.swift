import KubeCore
/// What the operator observed about a ``Monitor``.
public struct MonitorStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int64?
    /// `Ready` (reasons such as `NamespaceNotAllowed`), with `observedGeneration`.
    public var conditions: [Condition]?
    /// The namespaces currently watched (at most 100 listed; see ``namespaceCount``).
    public var namespaces: [String]?
    /// How many namespaces are watched.
    public var namespaceCount: Int?
    /// How many objects of each kind are currently watched.
    public var watchedObjects: WatchedObjectCounts?
    /// The latest result of each probe.
    public var probes: [ProbeStatus]?

    /// Creates a status.
    public init(
        observedGeneration: Int64? = nil, conditions: [Condition]? = nil, namespaces: [String]? = nil,
        namespaceCount: Int? = nil, watchedObjects: WatchedObjectCounts? = nil, probes: [ProbeStatus]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.conditions = conditions
        self.namespaces = namespaces
        self.namespaceCount = namespaceCount
        self.watchedObjects = watchedObjects
        self.probes = probes
    }
}

/// Counts of watched objects per kind.
public struct WatchedObjectCounts: Codable, Sendable, Hashable {
    /// Pods matching the Monitor.
    public var pods: Int?
    /// Nodes matching the Monitor.
    public var nodes: Int?
    /// Events currently cached for the Monitor's namespaces.
    public var events: Int?

    /// Creates counts.
    public init(pods: Int? = nil, nodes: Int? = nil, events: Int? = nil) {
        self.pods = pods
        self.nodes = nodes
        self.events = events
    }
}

/// The latest result of one HTTP probe.
public struct ProbeStatus: Codable, Sendable, Hashable {
    /// The probe's name.
    public var name: String
    /// Whether the last check succeeded (JSON `up`).
    public var isUp: Bool
    /// The status code of the last response, if any.
    public var statusCode: Int?
    /// How long the last check took.
    public var latency: KubeDuration?
    /// Failed checks in a row (0 when up).
    public var consecutiveFailures: Int?
    /// When the last check finished.
    public var lastCheckTime: Timestamp?
    /// When ``isUp`` last changed.
    public var lastTransitionTime: Timestamp?
    /// Why the last check failed (never contains credentials).
    public var lastError: String?

    /// Creates a probe result.
    public init(
        name: String, isUp: Bool, statusCode: Int? = nil, latency: KubeDuration? = nil, consecutiveFailures: Int? = nil,
        lastCheckTime: Timestamp? = nil, lastTransitionTime: Timestamp? = nil, lastError: String? = nil
    ) {
        self.name = name
        self.isUp = isUp
        self.statusCode = statusCode
        self.latency = latency
        self.consecutiveFailures = consecutiveFailures
        self.lastCheckTime = lastCheckTime
        self.lastTransitionTime = lastTransitionTime
        self.lastError = lastError
    }

    enum CodingKeys: String, CodingKey {
        case name
        case isUp = "up"
        case statusCode, latency, consecutiveFailures, lastCheckTime, lastTransitionTime, lastError
    }
}
