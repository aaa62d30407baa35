import Foundation

/// An unkeyed container stepping through one array of ``FastJSONDecoderImpl``.
struct FastJSONUnkeyedContainer: UnkeyedDecodingContainer {
    let impl: FastJSONDecoderImpl
    let array: JSONValueLocation
    /// The container's coding path is `impl.path[..<base] + suffix`.
    let base: Int
    let suffix: [FastJSONPathComponent]
    private(set) var currentIndex = 0
    /// The element at ``currentIndex``, `nil` at the end.
    private var element: JSONValueLocation?
    /// The span of the next object or array after ``element``.
    private var nextSpan = 0

    init(impl: FastJSONDecoderImpl, array: JSONValueLocation, base: Int, suffix: [FastJSONPathComponent]) {
        self.impl = impl
        self.array = array
        self.base = base
        self.suffix = suffix
        element = impl.reader.firstElement(of: array, nextSpan: &nextSpan)
    }

    var codingPath: [any CodingKey] { impl.codingPath(base: base, suffix: suffix) }

    var count: Int? { impl.reader.elementCount(of: array) }

    var isAtEnd: Bool { element == nil }

    private var elementPath: [any CodingKey] {
        impl.codingPath(base: base, suffix: suffix, component: .index(currentIndex))
    }

    /// The current element; throws `valueNotFound` at the end.
    @inline(__always)
    private func current(_ type: Any.Type) throws -> JSONValueLocation {
        guard let element else {
            throw DecodingError.valueNotFound(
                type, DecodingError.Context(codingPath: elementPath, debugDescription: "Unkeyed container is at end."))
        }
        return element
    }

    @inline(__always)
    private mutating func advance(past location: JSONValueLocation) {
        element = impl.reader.element(after: location, nextSpan: &nextSpan)
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        let location = try current(Never?.self)
        guard impl.reader.isNull(location) else { return false }
        advance(past: location)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let location = try current(Bool.self)
        let value = try impl.bool(at: location, path: elementPath)
        advance(past: location)
        return value
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let location = try current(String.self)
        let value = try impl.string(at: location, path: elementPath)
        advance(past: location)
        return value
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        let location = try current(Double.self)
        let value = try impl.double(at: location, path: elementPath)
        advance(past: location)
        return value
    }

    mutating func decode(_ type: Float.Type) throws -> Float {
        let location = try current(Float.self)
        let value = try impl.float(at: location, path: elementPath)
        advance(past: location)
        return value
    }

    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private mutating func integer<T: FixedWidthInteger>() throws -> T {
        let location = try current(T.self)
        let value = try impl.integer(at: location, as: T.self, path: elementPath)
        advance(past: location)
        return value
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let location = try current(T.self)
        let value = try impl.decode(T.self, at: location, base: base, suffix: suffix, component: .index(currentIndex))
        advance(past: location)
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let location = try current(KeyedDecodingContainer<NestedKey>.self)
        let object = try impl.indexObject(at: location, path: elementPath)
        let container = FastJSONKeyedContainer<NestedKey>(
            impl: impl, object: object, base: base, suffix: suffix + [.index(currentIndex)])
        advance(past: location)
        return KeyedDecodingContainer(container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let location = try current((any UnkeyedDecodingContainer).self)
        try impl.checkArray(at: location, path: elementPath)
        let container = FastJSONUnkeyedContainer(impl: impl, array: location, base: base, suffix: suffix + [.index(currentIndex)])
        advance(past: location)
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let location = try current((any Decoder).self)
        let decoder = impl.subdecoder(
            at: location, path: impl.components(base: base, suffix: suffix, component: .index(currentIndex)))
        advance(past: location)
        return decoder
    }
}
