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

    /// Creates a scope.
    public init(
        monitorNamespace: String, monitor: String, namespaces: Namespaces, kinds: Set<WatchedKind>,
        podSelector: LabelSelector? = nil, labels: [String: String] = [:]
    ) {
        self.monitorNamespace = monitorNamespace
        self.monitor = monitor
        self.namespaces = namespaces
        self.kinds = kinds
        self.podSelector = podSelector
        self.labels = labels
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
