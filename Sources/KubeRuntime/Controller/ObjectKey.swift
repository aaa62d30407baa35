import KubeCore

/// What a controller's work queue holds: the namespace and name of one object, never the object itself,
/// so a reconcile always reads the latest state (level-based, as controller-runtime's `Request`).
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The namespace, nil for cluster-scoped objects.
    public var namespace: String?
    /// The object's name.
    public var name: String

    /// Creates a key for `name` in `namespace`.
    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The key of an object, or nil when it has no name.
    public init?(_ metadata: ObjectMeta) {
        guard let name = metadata.name else { return nil }
        self.init(namespace: metadata.namespace, name: name)
    }

    /// `namespace/name`, or `name` for cluster-scoped objects — the same form the store uses.
    public var description: String {
        namespace.map { "\($0)/\(name)" } ?? name
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
    }
}
