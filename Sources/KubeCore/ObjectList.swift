/// A list response (`PodList`, `NodeList`, ...): list metadata and one page of items.
public struct ObjectList<Item: Codable & Sendable>: Codable, Sendable {
    /// The list's `apiVersion`.
    public var apiVersion: String?
    /// The list's kind, e.g. `PodList`.
    public var kind: String?
    /// The list metadata: resourceVersion and the continue token.
    public var metadata: ListMeta
    /// The items; a `null` or missing `items` decodes as empty.
    public var items: [Item]

    /// Creates a list.
    public init(apiVersion: String? = nil, kind: String? = nil, metadata: ListMeta = ListMeta(), items: [Item] = []) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, items
    }

    /// Decodes a list, treating missing metadata as empty and `null` items as no items.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }

    /// Encodes the list.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try container.encodeIfPresent(kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(items, forKey: .items)
    }
}

extension ObjectList: Equatable where Item: Equatable {}
extension ObjectList: Hashable where Item: Hashable {}
