/// A reference to an object (`v1.ObjectReference`), as used by events.
public struct ObjectReference: Codable, Sendable, Hashable {
    /// The object's kind.
    public var kind: String?
    /// The object's namespace.
    public var namespace: String?
    /// The object's name.
    public var name: String?
    /// The object's UID.
    public var uid: String?
    /// The object's `apiVersion`.
    public var apiVersion: String?
    /// A field inside the object, e.g. `spec.containers{app}`.
    public var fieldPath: String?
    /// The object's resourceVersion when the reference was made.
    public var resourceVersion: String?

    /// Creates a reference.
    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil,
        apiVersion: String? = nil, fieldPath: String? = nil, resourceVersion: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
        self.resourceVersion = resourceVersion
    }
}
