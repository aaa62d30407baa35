import Foundation

/// A single-value container over one value of ``FastJSONDecoderImpl``.
struct FastJSONSingleValueContainer: SingleValueDecodingContainer {
    let impl: FastJSONDecoderImpl
    let value: JSONValueLocation
    /// The container's coding path is `impl.path[..<base]`.
    let base: Int

    var codingPath: [any CodingKey] { impl.codingPath(base: base, suffix: []) }

    func decodeNil() -> Bool { impl.reader.isNull(value) }
    func decode(_ type: Bool.Type) throws -> Bool { try impl.bool(at: value, path: codingPath) }
    func decode(_ type: String.Type) throws -> String { try impl.string(at: value, path: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try impl.double(at: value, path: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try impl.float(at: value, path: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try impl.integer(at: value, as: Int.self, path: codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try impl.integer(at: value, as: Int8.self, path: codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try impl.integer(at: value, as: Int16.self, path: codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try impl.integer(at: value, as: Int32.self, path: codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try impl.integer(at: value, as: Int64.self, path: codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try impl.integer(at: value, as: UInt.self, path: codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try impl.integer(at: value, as: UInt8.self, path: codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try impl.integer(at: value, as: UInt16.self, path: codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try impl.integer(at: value, as: UInt32.self, path: codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try impl.integer(at: value, as: UInt64.self, path: codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try impl.decode(T.self, at: value, base: base, suffix: [], component: nil)
    }
}
