import Foundation

/// A core `v1` ConfigMap.
public struct ConfigMap: KubeResource, Hashable {
    /// Core `v1` config maps.
    public static var resourceType: ResourceType { .configMaps }

    /// `v1` when set.
    public var apiVersion: String?
    /// `ConfigMap` when set.
    public var kind: String?
    /// The config map's metadata.
    public var metadata: ObjectMeta
    /// The text values.
    public var data: [String: String]?
    /// The binary values (base64 on the wire).
    public var binaryData: [String: Data]?
    /// Whether the data can no longer be changed.
    public var immutable: Bool?

    /// Creates a config map.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(),
        data: [String: String]? = nil, binaryData: [String: Data]? = nil, immutable: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }

    enum CodingKeys: String, TypeMetaCodingKey {
        case apiVersion, kind, metadata, data, binaryData, immutable
    }

    /// Encodes the config map, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(data, forKey: .data)
        try container.encodeIfPresent(binaryData, forKey: .binaryData)
        try container.encodeIfPresent(immutable, forKey: .immutable)
    }
}
