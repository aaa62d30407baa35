import Foundation

/// A keyed container over one indexed object of ``FastJSONDecoderImpl``.
struct FastJSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let impl: FastJSONDecoderImpl
    /// The index of the object in ``FastJSONDecoderImpl/objects``.
    let object: Int
    /// The container's coding path is `impl.path[..<base] + suffix`.
    let base: Int
    let suffix: [FastJSONPathComponent]

    var codingPath: [any CodingKey] { impl.codingPath(base: base, suffix: suffix) }

    var allKeys: [Key] { impl.keys(of: object).compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool {
        impl.lookup(key, in: object) != nil
    }

    private func path(_ key: Key) -> [any CodingKey] {
        impl.codingPath(base: base, suffix: suffix, component: .key(key))
    }

    @inline(__always)
    private func location(_ key: Key) throws -> JSONValueLocation {
        guard let location = impl.lookup(key, in: object) else {
            throw impl.keyNotFound(key, path: codingPath)
        }
        return location
    }

    @inline(__always)
    private func presentLocation(_ key: Key) -> JSONValueLocation? {
        guard let location = impl.lookup(key, in: object), !impl.reader.isNull(location) else { return nil }
        return location
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        impl.reader.isNull(try location(key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try impl.bool(at: try location(key), path: path(key))
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try impl.string(at: try location(key), path: path(key))
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try impl.double(at: try location(key), path: path(key))
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try impl.float(at: try location(key), path: path(key))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
        try impl.integer(at: try location(key), as: T.self, path: path(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try impl.decode(T.self, at: try location(key), base: base, suffix: suffix, component: .key(key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let location = presentLocation(key) else { return nil }
        return try impl.bool(at: location, path: path(key))
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let location = presentLocation(key) else { return nil }
        return try impl.string(at: location, path: path(key))
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let location = presentLocation(key) else { return nil }
        return try impl.double(at: location, path: path(key))
    }

    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        guard let location = presentLocation(key) else { return nil }
        return try impl.float(at: location, path: path(key))
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try integerIfPresent(key) }

    private func integerIfPresent<T: FixedWidthInteger>(_ key: Key) throws -> T? {
        guard let location = presentLocation(key) else { return nil }
        return try impl.integer(at: location, as: T.self, path: path(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let location = presentLocation(key) else { return nil }
        return try impl.decode(T.self, at: location, base: base, suffix: suffix, component: .key(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let nested = try impl.indexObject(at: try location(key), path: path(key))
        return KeyedDecodingContainer(
            FastJSONKeyedContainer<NestedKey>(impl: impl, object: nested, base: base, suffix: suffix + [.key(key)]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let array = try location(key)
        try impl.checkArray(at: array, path: path(key))
        return FastJSONUnkeyedContainer(impl: impl, array: array, base: base, suffix: suffix + [.key(key)])
    }

    func superDecoder() throws -> any Decoder {
        let key = AnyCodingKey("super")
        guard let location = impl.lookup(key, in: object) else {
            throw impl.keyNotFound(key, path: codingPath)
        }
        return impl.subdecoder(at: location, path: impl.components(base: base, suffix: suffix, component: .key(key)))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        impl.subdecoder(at: try location(key), path: impl.components(base: base, suffix: suffix, component: .key(key)))
    }
}
