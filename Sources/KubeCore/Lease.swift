/// A `coordination.k8s.io/v1` Lease, used for leader election.
public struct Lease: KubeResource, Hashable {
    /// `coordination.k8s.io/v1` leases.
    public static var resourceType: ResourceType { .leases }

    /// `coordination.k8s.io/v1` when set.
    public var apiVersion: String?
    /// `Lease` when set.
    public var kind: String?
    /// The lease's metadata.
    public var metadata: ObjectMeta
    /// The lease's holder and timings.
    public var spec: LeaseSpec?

    /// Creates a lease.
    public init(apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), spec: LeaseSpec? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    enum CodingKeys: String, TypeMetaCodingKey {
        case apiVersion, kind, metadata, spec
    }

    /// Encodes the lease, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(spec, forKey: .spec)
    }
}

/// The holder and timings of a lease.
public struct LeaseSpec: Codable, Sendable, Hashable {
    /// The identity of the current holder.
    public var holderIdentity: String?
    /// How long candidates wait after the last renewal before taking the lease.
    public var leaseDurationSeconds: Int32?
    /// When the current holder acquired the lease.
    public var acquireTime: MicroTime?
    /// When the current holder last renewed the lease.
    public var renewTime: MicroTime?
    /// How many times the lease changed holder.
    public var leaseTransitions: Int32?

    /// Creates a lease spec.
    public init(
        holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
        renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }
}
