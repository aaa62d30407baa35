import KubeCore

/// What Tocsin watches: namespaces, kinds, pod and node selectors, HTTP probes, and the labels and owning team
/// stamped on every alert raised from it.
public struct Monitor: TocsinResource, SpecStatusResource {
    /// `tocsin.dev/v1alpha1` monitors.
    public static var resourceType: ResourceType { .monitors }
    /// `mon`.
    public static var shortNames: [String] { ["mon"] }

    /// `tocsin.dev/v1alpha1` when set.
    public var apiVersion: String?
    /// `Monitor` when set.
    public var kind: String?
    /// The object's metadata.
    public var metadata: ObjectMeta
    /// What to watch.
    public var spec: MonitorSpec
    /// What the operator observed; written through the status subresource.
    public var status: MonitorStatus?

    /// Creates a monitor.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), spec: MonitorSpec = MonitorSpec(),
        status: MonitorStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a ``Monitor``.
public struct MonitorSpec: Codable, Sendable, Hashable {
    /// The namespaces watched; unset means the Monitor's own namespace. Watching other namespaces is allowed only
    /// where the operator's configuration allows it.
    public var namespaces: MonitorNamespaces?
    /// The kinds watched. Default: `[Pod, Node, Event]`. Tocsin opens only the watches that the AlertRules using
    /// this Monitor need, so this is a restriction, not a cost.
    public var kinds: [WatchedKind]?
    /// Only pods with matching labels are considered; unset means every pod in the selected namespaces.
    public var podSelector: LabelSelector?
    /// Only nodes with matching labels are considered; unset means every node.
    public var nodeSelector: LabelSelector?
    /// HTTP probes run by the operator (on the leader), whose results the probe conditions evaluate.
    public var probes: [HTTPProbe]?
    /// Labels stamped on every alert raised from this Monitor (usable in `groupBy`, routes and templates).
    public var labels: [String: String]?
    /// How to find the team that owns an alerting object, for routing by ownership.
    public var ownership: Ownership?

    /// Creates a spec.
    public init(
        namespaces: MonitorNamespaces? = nil, kinds: [WatchedKind]? = nil, podSelector: LabelSelector? = nil,
        nodeSelector: LabelSelector? = nil, probes: [HTTPProbe]? = nil, labels: [String: String]? = nil,
        ownership: Ownership? = nil
    ) {
        self.namespaces = namespaces
        self.kinds = kinds
        self.podSelector = podSelector
        self.nodeSelector = nodeSelector
        self.probes = probes
        self.labels = labels
        self.ownership = ownership
    }
}

/// Which namespaces a ``Monitor`` watches: a list of names or a label selector, exactly one.
///
/// `selector: {}` selects every namespace.
public struct MonitorNamespaces: Codable, Sendable, Hashable {
    /// Namespace names.
    public var names: [String]?
    /// A label selector on namespaces.
    public var selector: LabelSelector?

    /// Creates a selection.
    public init(names: [String]? = nil, selector: LabelSelector? = nil) {
        self.names = names
        self.selector = selector
    }
}

/// A kind of Kubernetes object a ``Monitor`` can watch.
public enum WatchedKind: String, APIEnum {
    /// Core `v1` pods.
    case pod = "Pod"
    /// Core `v1` nodes.
    case node = "Node"
    /// Core `v1` / `events.k8s.io` events.
    case event = "Event"
}

/// How the owning team of an alerting object is found. The first source that yields a non-empty value wins, in
/// this order: pod annotation, pod label, namespace label.
public struct Ownership: Codable, Sendable, Hashable {
    /// A pod annotation holding the team, e.g. `tocsin.dev/team`; its key must end in `team` or `owner` (only those
    /// annotations are cached).
    public var podAnnotation: String?
    /// A pod label holding the team, e.g. `app.kubernetes.io/part-of`.
    public var podLabel: String?
    /// A namespace label holding the team, e.g. `team`.
    public var namespaceLabel: String?
    /// The alert label the team is written to. Default: `team`.
    public var label: String?

    /// Creates an ownership rule.
    public init(podAnnotation: String? = nil, podLabel: String? = nil, namespaceLabel: String? = nil, label: String? = nil) {
        self.podAnnotation = podAnnotation
        self.podLabel = podLabel
        self.namespaceLabel = namespaceLabel
        self.label = label
    }
}
