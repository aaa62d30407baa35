/// A Kubernetes object type with a known REST location.
///
/// Models write `apiVersion` and `kind` from ``resourceType`` when encoding an object whose own fields are `nil`.
public protocol KubeResource: Codable, Sendable {
    /// Where objects of this type live in the API.
    static var resourceType: ResourceType { get }
    /// The object's metadata.
    var metadata: ObjectMeta { get set }
}

/// The coding keys of `apiVersion` and `kind` shared by every model's encoder.
package protocol TypeMetaCodingKey: CodingKey {
    /// The `apiVersion` key.
    static var apiVersion: Self { get }
    /// The `kind` key.
    static var kind: Self { get }
}

extension KeyedEncodingContainer where Key: TypeMetaCodingKey {
    /// Writes `apiVersion` and `kind`, falling back to those of `type`.
    package mutating func encodeTypeMeta(apiVersion: String?, kind: String?, of type: ResourceType) throws {
        try encode(apiVersion ?? type.apiVersion, forKey: .apiVersion)
        try encode(kind ?? type.kind, forKey: .kind)
    }
}
