import KubeCore
import KubeRuntime
import TocsinAPI

/// What the Monitor controller keeps of a Namespace: its name and labels (the projection of the shared
/// Namespace informer).
public struct NamespaceSummary: Sendable, Hashable {
    /// The namespace's name.
    public var name: String
    /// The namespace's labels.
    public var labels: [String: String]

    /// Creates a summary.
    public init(name: String, labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }

    /// The summary of `namespace`, or `nil` without a name.
    public init?(_ namespace: Namespace) {
        guard let name = namespace.metadata.name else { return nil }
        self.init(name: name, labels: namespace.metadata.labels ?? [:])
    }
}

/// The namespaces the Monitor reconciler resolves selections against: a store of ``NamespaceSummary``s and
/// whether it holds a complete list yet.
public struct NamespaceCatalog: Sendable {
    /// The namespaces, keyed by name.
    public let store: Store<NamespaceSummary>
    /// Whether ``store`` holds a complete list.
    public let hasSynced: @Sendable () -> Bool

    /// Creates a catalog over `store`.
    public init(store: Store<NamespaceSummary>, hasSynced: @escaping @Sendable () -> Bool) {
        self.store = store
        self.hasSynced = hasSynced
    }

    /// The catalog of an informer subscription.
    /// A fixed catalog of `names` (no labels), always synced: for an operator that watches named namespaces only
    /// and may not list Namespaces.
    public init(names: [String]) {
        let store = Store<NamespaceSummary>()
        for name in names {
            _ = store.upsert(NamespaceSummary(name: name), for: ObjectKey(namespace: nil, name: name), resourceVersion: "0")
        }
        self.init(store: store, hasSynced: { true })
    }

    public init(subscription: InformerSubscription<NamespaceSummary>) {
        self.init(store: subscription.store, hasSynced: { subscription.hasSynced })
    }

    /// Whether a namespace named `name` exists.
    public func contains(_ name: String) -> Bool {
        store.object(named: name) != nil
    }

    /// The names of the namespaces whose labels `selector` matches, sorted.
    public func names(matching selector: LabelSelector) -> [String] {
        store.objects().filter { selector.matches($0.labels) }.map(\.name).sorted()
    }
}
