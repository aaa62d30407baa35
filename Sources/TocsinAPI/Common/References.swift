/// A reference to another object of a known kind in the same namespace, by name.
public struct LocalObjectReference: Codable, Sendable, Hashable {
    /// The referenced object's name.
    public var name: String

    /// Creates a reference.
    public init(name: String) {
        self.name = name
    }
}

/// A key of a Secret in the same namespace. Credentials are only ever given this way, never inline.
public struct SecretKeySelector: Codable, Sendable, Hashable {
    /// The Secret's name.
    public var name: String
    /// The key in the Secret's `data`.
    public var key: String

    /// Creates a selector.
    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }
}
