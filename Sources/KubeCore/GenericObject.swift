import Foundation

/// Any Kubernetes object, including custom resources, with its body kept as JSON.
///
/// Every top-level field other than `apiVersion`, `kind` and `metadata` (spec, status, data, ...) is kept in
/// ``content``, and metadata fields that ``ObjectMeta`` does not model (such as `managedFields`) in
/// ``extraMetadata``, so that a GET-modify-PUT round trip loses nothing.
///
/// ``resourceType`` is a placeholder: client calls on `GenericObject` take an explicit ``ResourceType``.
public struct GenericObject: KubeResource, Hashable {
    /// A placeholder (group `""`, version `v1`, plural `""`, kind `""`); pass the real ``ResourceType`` to the client.
    public static let resourceType = ResourceType(group: "", version: "v1", plural: "", kind: "", isNamespaced: true)

    /// The object's `apiVersion`, e.g. `tocsin.dev/v1alpha1`.
    public var apiVersion: String?
    /// The object's kind.
    public var kind: String?
    /// The modelled metadata.
    public var metadata: ObjectMeta
    /// Metadata fields that ``ObjectMeta`` does not model, kept verbatim.
    public var extraMetadata: [String: JSONValue]
    /// Every other top-level field, e.g. `spec` and `status`.
    public var content: [String: JSONValue]

    /// Creates an object.
    public init(
        apiVersion: String? = nil,
        kind: String? = nil,
        metadata: ObjectMeta = ObjectMeta(),
        content: [String: JSONValue] = [:],
        extraMetadata: [String: JSONValue] = [:]
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.content = content
        self.extraMetadata = extraMetadata
    }

    /// Creates an object of `type`, filling `apiVersion` and `kind` from it.
    public init(type: ResourceType, metadata: ObjectMeta, content: [String: JSONValue] = [:]) {
        self.init(apiVersion: type.apiVersion, kind: type.kind, metadata: metadata, content: content)
    }

    /// The top-level field `key` (`spec`, `status`, ...).
    public subscript(key: String) -> JSONValue? {
        get { content[key] }
        set { content[key] = newValue }
    }

    /// Decodes any object; fields are kept as described on the type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var apiVersion: String?
        var kind: String?
        var metadata = ObjectMeta()
        var extraMetadata: [String: JSONValue] = [:]
        var content: [String: JSONValue] = [:]
        for key in container.allKeys {
            switch key.stringValue {
            case "apiVersion":
                apiVersion = try container.decodeIfPresent(String.self, forKey: key)
            case "kind":
                kind = try container.decodeIfPresent(String.self, forKey: key)
            case "metadata":
                guard try !container.decodeNil(forKey: key) else { continue }
                metadata = try container.decode(ObjectMeta.self, forKey: key)
                let all = try container.decode([String: JSONValue].self, forKey: key)
                extraMetadata = all.filter { !ObjectMeta.modelledKeys.contains($0.key) }
            default:
                content[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
        self.init(apiVersion: apiVersion, kind: kind, metadata: metadata, content: content, extraMetadata: extraMetadata)
    }

    /// Encodes `apiVersion`, `kind`, `metadata` (with ``extraMetadata``) and ``content``.
    ///
    /// Keys of ``content`` named `apiVersion`, `kind` or `metadata` are not written.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encodeIfPresent(apiVersion, forKey: AnyCodingKey("apiVersion"))
        try container.encodeIfPresent(kind, forKey: AnyCodingKey("kind"))
        try container.encode(
            MetadataWithExtras(metadata: metadata, extras: extraMetadata), forKey: AnyCodingKey("metadata")
        )
        for (key, value) in content where !Self.reservedKeys.contains(key) {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }

    private static let reservedKeys: Set<String> = ["apiVersion", "kind", "metadata"]
}

/// A coding key for any string.
package struct AnyCodingKey: CodingKey, Hashable, Sendable {
    package var stringValue: String
    package var intValue: Int?

    package init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    package init(stringValue: String) {
        self.init(stringValue)
    }

    package init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Encodes ``ObjectMeta`` and unmodelled metadata fields into one JSON object.
private struct MetadataWithExtras: Encodable {
    var metadata: ObjectMeta
    var extras: [String: JSONValue]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ObjectMeta.CodingKeys.self)
        try container.encodeIfPresent(metadata.name, forKey: .name)
        try container.encodeIfPresent(metadata.generateName, forKey: .generateName)
        try container.encodeIfPresent(metadata.namespace, forKey: .namespace)
        try container.encodeIfPresent(metadata.uid, forKey: .uid)
        try container.encodeIfPresent(metadata.resourceVersion, forKey: .resourceVersion)
        try container.encodeIfPresent(metadata.generation, forKey: .generation)
        try container.encodeIfPresent(metadata.creationTimestamp, forKey: .creationTimestamp)
        try container.encodeIfPresent(metadata.deletionTimestamp, forKey: .deletionTimestamp)
        try container.encodeIfPresent(metadata.deletionGracePeriodSeconds, forKey: .deletionGracePeriodSeconds)
        try container.encodeIfPresent(metadata.labels, forKey: .labels)
        try container.encodeIfPresent(metadata.annotations, forKey: .annotations)
        try container.encodeIfPresent(metadata.ownerReferences, forKey: .ownerReferences)
        try container.encodeIfPresent(metadata.finalizers, forKey: .finalizers)
        var extraContainer = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in extras where !ObjectMeta.modelledKeys.contains(key) {
            try extraContainer.encode(value, forKey: AnyCodingKey(key))
        }
    }
}
