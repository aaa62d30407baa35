import Foundation

/// A patch and its kind; the kind decides the `Content-Type` of the request.
public enum Patch: Sendable, Hashable {
    /// A JSON merge patch (RFC 7386).
    case merge(JSONValue)
    /// A JSON patch (RFC 6902).
    case json([JSONPatchOperation])
    /// A strategic merge patch (built-in types only).
    case strategicMerge(JSONValue)
    /// A server-side apply configuration (requires a field manager).
    case apply(JSONValue)

    /// The request's `Content-Type`.
    public var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        case .apply: "application/apply-patch+yaml"
        }
    }

    /// The request body as JSON (also valid YAML for apply patches).
    ///
    /// - Throws: `EncodingError` when a number is not finite.
    public func body() throws -> Data {
        let encoder = KubeJSON.makeEncoder()
        switch self {
        case .merge(let value), .strategicMerge(let value), .apply(let value):
            return try encoder.encode(value)
        case .json(let operations):
            return try encoder.encode(operations)
        }
    }
}

/// Parameters of a patch request.
public struct PatchOptions: Sendable, Hashable {
    /// The field manager, required for apply patches.
    public var fieldManager: String?
    /// Whether an apply patch takes fields owned by other managers.
    public var force: Bool?
    /// Whether the patch is only validated, not persisted.
    public var dryRun: Bool

    /// Creates patch options.
    public init(fieldManager: String? = nil, force: Bool? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.force = force
        self.dryRun = dryRun
    }

    /// The query parameters: fieldManager, force, `dryRun=All`, each when set.
    public var queryItems: [QueryItem] {
        var items: [QueryItem] = []
        if let fieldManager { items.append(QueryItem(name: "fieldManager", value: fieldManager)) }
        if let force { items.append(QueryItem(name: "force", value: force ? "true" : "false")) }
        if dryRun { items.append(QueryItem(name: "dryRun", value: "All")) }
        return items
    }
}
