/// A resource made of type metadata, object metadata, a spec and an optional status — the shape of most kinds. Its
/// coding is shared: decoding reads the five fields (`metadata` and `spec` required), encoding writes `apiVersion`
/// and `kind` from ``KubeResource/resourceType`` when the object's own are `nil`.
public protocol SpecStatusResource: KubeResource {
    /// The desired state.
    associatedtype Spec: Codable & Sendable
    /// The observed state.
    associatedtype Status: Codable & Sendable

    /// `apiVersion`, when known.
    var apiVersion: String? { get }
    /// `kind`, when known.
    var kind: String? { get }
    /// The desired state.
    var spec: Spec { get }
    /// The observed state, when reported.
    var status: Status? { get }

    /// Creates an object from its five fields.
    init(apiVersion: String?, kind: String?, metadata: ObjectMeta, spec: Spec, status: Status?)
}

/// The keys of a ``SpecStatusResource``.
enum SpecStatusCodingKeys: String, TypeMetaCodingKey {
    case apiVersion, kind, metadata, spec, status
}

extension SpecStatusResource {
    /// Decodes the object.
    /// - Throws: `DecodingError` when `metadata` or `spec` is missing or a field has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SpecStatusCodingKeys.self)
        self.init(
            apiVersion: try container.decodeIfPresent(String.self, forKey: .apiVersion),
            kind: try container.decodeIfPresent(String.self, forKey: .kind),
            metadata: try container.decode(ObjectMeta.self, forKey: .metadata),
            spec: try container.decode(Spec.self, forKey: .spec),
            status: try container.decodeIfPresent(Status.self, forKey: .status))
    }

    /// Encodes the object, writing `apiVersion` and `kind` from ``KubeResource/resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SpecStatusCodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(spec, forKey: .spec)
        try container.encodeIfPresent(status, forKey: .status)
    }
}
