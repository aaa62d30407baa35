import Foundation

/// A core `v1` Secret. Its description never shows the data.
public struct Secret: KubeResource, Hashable {
    /// Core `v1` secrets.
    public static var resourceType: ResourceType { .secrets }

    /// `v1` when set.
    public var apiVersion: String?
    /// `Secret` when set.
    public var kind: String?
    /// The secret's metadata.
    public var metadata: ObjectMeta
    /// The secret's type, e.g. `Opaque`.
    public var type: String?
    /// The secret values (base64 on the wire).
    public var data: [String: Data]?
    /// Write-only plain-text values, merged into `data` by the server.
    public var stringData: [String: String]?
    /// Whether the data can no longer be changed.
    public var immutable: Bool?

    /// Creates a secret.
    public init(
        apiVersion: String? = nil, kind: String? = nil, metadata: ObjectMeta = ObjectMeta(), type: String? = nil,
        data: [String: Data]? = nil, stringData: [String: String]? = nil, immutable: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
        self.immutable = immutable
    }

    enum CodingKeys: String, TypeMetaCodingKey {
        case apiVersion, kind, metadata, type, data, stringData, immutable
    }

    /// Encodes the secret, writing `apiVersion` and `kind` from ``resourceType`` when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTypeMeta(apiVersion: apiVersion, kind: kind, of: Self.resourceType)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(data, forKey: .data)
        try container.encodeIfPresent(stringData, forKey: .stringData)
        try container.encodeIfPresent(immutable, forKey: .immutable)
    }

    /// The UTF-8 text of the value under `key`, or `nil` when absent or not UTF-8.
    public func string(forKey key: String) -> String? {
        if let value = data?[key] {
            return String(data: value, encoding: .utf8)
        }
        return stringData?[key]
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Secret(namespace/name, type: Opaque, keys: [a, b])`: the keys, never the values.
    public var description: String {
        let keys = Set((data ?? [:]).keys).union((stringData ?? [:]).keys).sorted()
        let name = [metadata.namespace, metadata.name].compactMap { $0 }.joined(separator: "/")
        return "Secret(\(name), type: \(type ?? "<none>"), keys: [\(keys.joined(separator: ", "))])"
    }

    /// The same as ``description``: the values are never shown.
    public var debugDescription: String {
        description
    }

    /// A mirror without the values, so `dump` and test failure messages do not leak them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "metadata": metadata as Any,
                "type": type as Any,
                "keys": Set((data ?? [:]).keys).union((stringData ?? [:]).keys).sorted() as Any,
                "immutable": immutable as Any,
            ],
            displayStyle: .struct
        )
    }
}
