import Foundation

/// A JSON decoder for Kubernetes objects that reads straight from the UTF-8 bytes, without building a tree.
///
/// It decodes any `Decodable` the way ``KubeJSON/makeDecoder()`` does (dates as RFC 3339, `Data` as base64,
/// the same `DecodingError`s with the same coding paths), but faster: one validating pass over the input
/// records where each object and array ends; a keyed container then indexes only its own object's keys, and
/// values nobody asks for (such as `managedFields`) are stepped over, never turned into strings or numbers.
///
/// Differences from Foundation's `JSONDecoder`: trailing commas are rejected (they are not JSON); a number out
/// of range fails with the coding path of the field; `superDecoder()` needs a `super` key.
public struct FastJSONDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes `type` from JSON bytes.
    ///
    /// - Throws: `DecodingError` (`dataCorrupted` at the root for malformed JSON), or any error the type's
    ///   `init(from:)` throws.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBufferPointer { try Self.decode(T.self, from: $0) }
    }

    /// Decodes `type` from JSON data.
    ///
    /// - Throws: `DecodingError` as the `[UInt8]` overload does.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { try Self.decode(T.self, from: $0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// Decodes `type` from JSON bytes in memory the caller owns for the duration of the call.
    ///
    /// - Throws: `DecodingError` as the `[UInt8]` overload does.
    public func decode<T: Decodable>(_ type: T.Type, from buffer: UnsafeRawBufferPointer) throws -> T {
        try Self.decode(T.self, from: buffer.assumingMemoryBound(to: UInt8.self))
    }

    private static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeBufferPointer<UInt8>) throws -> T {
        var validator = JSONValidator(bytes: bytes)
        let root: JSONValueLocation
        do {
            root = try validator.validateDocument()
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: error))
        }
        return try validator.spans.withUnsafeBufferPointer { spans in
            let impl = FastJSONDecoderImpl(reader: JSONReader(bytes: bytes, spans: spans), value: root, path: [])
            return try impl.unbox(root, as: T.self)
        }
    }
}
