import TocsinAPI

/// What one AlertRule sees: its Monitor's namespaces, kinds and pod selector, and the labels it stamps.
public struct RuleScope: Sendable, Hashable {
    /// The namespaces covered.
    public enum Namespaces: Sendable, Hashable {
        /// Every namespace.
        case all
        /// These namespaces.
        case names(Set<String>)

        /// Whether `namespace` is covered.
        public func contains(_ namespace: String) -> Bool {
            switch self {
            case .all: true
            case .names(let names): names.contains(namespace)
            }
        }
    }

    /// The Monitor's namespace.
    public var monitorNamespace: String
    /// The Monitor's name.
    public var monitor: String
    /// The namespaces whose pods and events are seen (nodes are cluster-wide).
    public var namespaces: Namespaces
    /// The kinds the Monitor watches.
    public var kinds: Set<WatchedKind>
    /// The Monitor's pod selector, if any.
    public var podSelector: LabelSelector?
    /// The Monitor's labels, stamped on every incident.
    public var labels: [String: String]
    /// How the owning team of a pod or event is found (the Monitor's `ownership`), if at all.
    public var ownership: Ownership?
    /// The Monitor's HTTP probes that are checked, with their intervals: after a restart, a probe condition is not
    /// judged until these have reported (see ``AlertEngine/restore(_:)``).
    public var probeIntervals: [String: Duration]

    /// Creates a scope.
    public init(
        monitorNamespace: String, monitor: String, namespaces: Namespaces, kinds: Set<WatchedKind>,
        podSelector: LabelSelector? = nil, labels: [String: String] = [:], ownership: Ownership? = nil,
        probeIntervals: [String: Duration] = [:]
    ) {
        self.monitorNamespace = monitorNamespace
        self.monitor = monitor
        self.namespaces = namespaces
        self.kinds = kinds
        self.podSelector = podSelector
        self.labels = labels
        self.ownership = ownership
        self.probeIntervals = probeIntervals
    }

    /// Whether the rule sees `pod`.
    public func covers(_ pod: WatchedPod) -> Bool {
        kinds.contains(.pod) && namespaces.contains(pod.namespace) && (podSelector?.matches(pod.labels) ?? true)
    }

    /// Whether the rule sees nodes.
    public var coversNodes: Bool { kinds.contains(.node) }

    /// Whether the rule sees `event`.
    public func covers(_ event: WatchedEvent) -> Bool {
        kinds.contains(.event) && namespaces.contains(event.namespace)
    }

    /// Whether `probe` belongs to the rule's Monitor.
    public func covers(_ probe: WatchedProbe) -> Bool {
        probe.namespace == monitorNamespace && probe.monitor == monitor
    }
}

extension RuleScope {
    /// The owning team of `change`'s object per ``ownership``: the pod annotation, else the pod label, else the label
    /// of the object's namespace (pods and events); `nil` when none is set or found.
    func team(of change: ObservedChange, namespaceLabels: [String: [String: String]]) -> String? {
        guard let ownership else { return nil }
        var namespace: String?
        switch change {
        case .pod(let pod):
            if let key = ownership.podAnnotation, let team = pod.ownerAnnotations[key], !team.isEmpty { return team }
            if let key = ownership.podLabel, let team = pod.labels[key], !team.isEmpty { return team }
            namespace = pod.namespace
        case .event(let event):
            namespace = event.namespace
        case .node, .probe, .schedule, .deleted:
            return nil
        }
        guard let key = ownership.namespaceLabel, let namespace, let team = namespaceLabels[namespace]?[key],
            !team.isEmpty
        else { return nil }
        return team
    }
}
