/// A core `v1` Namespace.
public struct Namespace: KubeResource, Hashable {
    /// Core `v1` namespaces.
    public static var resourceType: ResourceType { .namespaces }

    /// `v1` when set.
    public var apiVersion: String?
    /// `Namespace` when set.
    public var kind: String?
    /// The namespace's metadata (labels select namespaces for Monitors).
    public var metadata: ObjectMeta
    /// The observed state.
    public var status: NamespaceStatus?

    /// Creates a namespace.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(),
        status: NamespaceStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.status = status
    }

    enum CodingKeys: String, TypeMetaCodingKey {
        case apiVersion, kind, metadata, status
    }

    /// Encodes the namespace, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(status, forKey: .status)
    }
}

/// The observed state of a namespace.
public struct NamespaceStatus: Codable, Sendable, Hashable {
    /// `Active` or `Terminating`.
    public var phase: String?

    /// Creates a namespace status.
    public init(phase: String? = nil) {
        self.phase = phase
    }
}
