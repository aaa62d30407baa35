/// One operation of a JSON patch (RFC 6902).
public struct JSONPatchOperation: Codable, Sendable, Hashable {
    /// The operation kind.
    public enum Op: String, Codable, Sendable, Hashable {
        /// Adds a value.
        case add
        /// Removes a value.
        case remove
        /// Replaces a value.
        case replace
        /// Moves a value from `from`.
        case move
        /// Copies a value from `from`.
        case copy
        /// Fails the whole patch unless the value equals `value`.
        case test
    }

    /// The operation kind.
    public var op: Op
    /// The target, as a JSON pointer (RFC 6901), e.g. `/metadata/labels/app`.
    public var path: String
    /// The source of `move` and `copy`.
    public var from: String?
    /// The value of `add`, `replace` and `test`.
    public var value: JSONValue?

    /// Creates an operation.
    public init(op: Op, path: String, from: String? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.from = from
        self.value = value
    }

    /// `{"op":"add","path":…,"value":…}`.
    public static func add(_ path: String, _ value: JSONValue) -> JSONPatchOperation {
        JSONPatchOperation(op: .add, path: path, value: value)
    }

    /// `{"op":"replace","path":…,"value":…}`.
    public static func replace(_ path: String, _ value: JSONValue) -> JSONPatchOperation {
        JSONPatchOperation(op: .replace, path: path, value: value)
    }

    /// `{"op":"remove","path":…}`.
    public static func remove(_ path: String) -> JSONPatchOperation {
        JSONPatchOperation(op: .remove, path: path)
    }

    /// `{"op":"test","path":…,"value":…}`.
    public static func test(_ path: String, _ value: JSONValue) -> JSONPatchOperation {
        JSONPatchOperation(op: .test, path: path, value: value)
    }

    /// `{"op":"move","from":…,"path":…}`.
    public static func move(from: String, to path: String) -> JSONPatchOperation {
        JSONPatchOperation(op: .move, path: path, from: from)
    }

    /// `{"op":"copy","from":…,"path":…}`.
    public static func copy(from: String, to path: String) -> JSONPatchOperation {
        JSONPatchOperation(op: .copy, path: path, from: from)
    }

    /// Escapes one JSON pointer segment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`.
    public static func escape(_ segment: String) -> String {
        segment.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// A JSON pointer built from unescaped segments, e.g. `["metadata", "labels", "app.kubernetes.io/name"]`
    /// gives `/metadata/labels/app.kubernetes.io~1name`.
    public static func pointer(_ segments: [String]) -> String {
        segments.map { "/" + escape($0) }.joined()
    }

    enum CodingKeys: String, CodingKey {
        case op, path, from, value
    }

    /// Encodes `op`, `path`, then `from` and `value` when set (a `.null` value is written as `null`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(op, forKey: .op)
        try container.encode(path, forKey: .path)
        try container.encodeIfPresent(from, forKey: .from)
        try container.encodeIfPresent(value, forKey: .value)
    }
}
