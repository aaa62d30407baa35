import KubeCore

/// What the AlertRule controller keeps of a Secret: its name, namespace and key names — never the values.
///
/// The projection of the Secret informer, so that the cache holds no secret material.
public struct SecretKeyNames: Sendable, Hashable {
    /// The Secret's namespace.
    public var namespace: String?
    /// The Secret's name.
    public var name: String
    /// The keys of `data` and `stringData`.
    public var keys: Set<String>

    /// Creates the projection of `secret`, dropping its values.
    public init(_ secret: Secret) {
        namespace = secret.metadata.namespace
        name = secret.metadata.name ?? ""
        keys = Set((secret.data ?? [:]).keys).union((secret.stringData ?? [:]).keys)
    }

    /// Creates a projection from its parts.
    public init(namespace: String?, name: String, keys: Set<String>) {
        self.namespace = namespace
        self.name = name
        self.keys = keys
    }
}
