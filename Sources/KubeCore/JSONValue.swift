import Foundation

/// An arbitrary JSON value, used for untyped parts of Kubernetes objects (custom resource specs, patches).
///
/// Decoding keeps integers as ``integer(_:)`` (an integer literal that fits in `Int64` is never turned into a
/// `Double`) and booleans as ``bool(_:)``.
public enum JSONValue: Sendable, Hashable, Codable {
    /// JSON `null`.
    case null
    /// A JSON boolean.
    case bool(Bool)
    /// A JSON number written without fraction or exponent that fits in `Int64`.
    case integer(Int64)
    /// Any other JSON number.
    case double(Double)
    /// A JSON string.
    case string(String)
    /// A JSON array.
    case array([JSONValue])
    /// A JSON object.
    case object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let object = try? container.decode([String: JSONValue].self) {
            // Containers are tried before scalars because they are more common in Kubernetes objects and each
            // failed attempt costs a thrown error.
            self = .object(object)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let double = try? container.decode(Double.self) {
            self = .double(double)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "The value is not a JSON null, boolean, number, string, array or object."
            )
        }
    }

    /// Encodes the value as the JSON it represents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Creates a JSON value from any `Encodable` value, encoded with ``KubeJSON/makeEncoder()``.
    ///
    /// - Throws: `EncodingError` when the value cannot be encoded (e.g. a non-finite number).
    public init(encoding value: some Encodable) throws {
        let data = try KubeJSON.makeEncoder().encode(value)
        self = try KubeJSON.makeDecoder().decode(JSONValue.self, from: data)
    }

    /// Parses JSON text into a value.
    ///
    /// - Throws: ``KubeDecodingError`` naming `JSONValue` and an excerpt of the input when it is not valid JSON.
    public init(parsing data: Data) throws(KubeDecodingError) {
        self = try KubeJSON.decode(JSONValue.self, from: data)
    }

    /// Decodes this value as `T` with ``KubeJSON/makeDecoder()`` (so `metav1.Time` strings become `Date`s).
    ///
    /// - Throws: `EncodingError` or `DecodingError` when the value does not have the shape of `T`.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        let data = try KubeJSON.makeEncoder().encode(self)
        return try KubeJSON.makeDecoder().decode(T.self, from: data)
    }

    /// The JSON text of the value, encoded with ``KubeJSON/makeEncoder()``.
    ///
    /// - Throws: `EncodingError` when a number is not finite.
    public func jsonData() throws -> Data {
        try KubeJSON.makeEncoder().encode(self)
    }
}
