import Foundation

/// One step of a coding path as the decoder keeps it: a key, or an index in an array.
enum FastJSONPathComponent {
    case key(any CodingKey)
    case index(Int)

    /// The step as a `CodingKey` (an index reads `Index 3`, as Foundation's `JSONDecoder` names it).
    var codingKey: any CodingKey {
        switch self {
        case .key(let key): key
        case .index(let index): FastJSONIndexKey(intValue: index)
        }
    }
}

/// The coding key of an array element.
struct FastJSONIndexKey: CodingKey {
    var stringValue: String { "Index \(intValue ?? 0)" }
    var intValue: Int?

    init(intValue: Int) {
        self.intValue = intValue
    }

    init?(stringValue: String) {
        return nil
    }
}

/// The `Decoder` of ``FastJSONDecoder``: one instance per document, reused for every nested value the way
/// Foundation's `JSONDecoder` does (the value being decoded and the coding path are pushed and popped).
///
/// Keyed containers index their object's members once (key bytes → value location) in arenas kept here;
/// the arenas are cut back after each nested value is decoded, so their size follows the depth, not the
/// document. A container must not outlive the `init(from:)` that made it (no `Decodable` keeps one).
///
/// Its mutable state skips the runtime exclusivity checks (`@exclusivity(unchecked)`): it is used by one thread
/// for one decode, and no access to one property overlaps another access to it.
final class FastJSONDecoderImpl: Decoder {
    /// The input and its spans.
    let reader: JSONReader
    /// The value that ``container(keyedBy:)`` and the other `Decoder` methods refer to.
    @exclusivity(unchecked) var value: JSONValueLocation
    /// The coding path of ``value``.
    @exclusivity(unchecked) var path: [FastJSONPathComponent]
    /// Members of every indexed object that is still open.
    @exclusivity(unchecked) var entries: [FastJSONKeyEntry] = []
    /// Every indexed object that is still open.
    @exclusivity(unchecked) var objects: [FastJSONObjectIndex] = []
    /// Keys that had escapes, decoded.
    @exclusivity(unchecked) var escapedKeys: [String] = []

    init(reader: JSONReader, value: JSONValueLocation, path: [FastJSONPathComponent]) {
        self.reader = reader
        self.value = value
        self.path = path
        entries.reserveCapacity(64)
        objects.reserveCapacity(16)
    }

    var codingPath: [any CodingKey] { path.map(\.codingKey) }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let object = try indexObject(at: value, path: codingPath)
        return KeyedDecodingContainer(
            FastJSONKeyedContainer<Key>(impl: self, object: object, base: path.count, suffix: []))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try checkArray(at: value, path: codingPath)
        return FastJSONUnkeyedContainer(impl: self, array: value, base: path.count, suffix: [])
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        FastJSONSingleValueContainer(impl: self, value: value, base: path.count)
    }

    // MARK: - Paths

    /// The coding path `path[..<base] + suffix + [component]`.
    func codingPath(base: Int, suffix: [FastJSONPathComponent], component: FastJSONPathComponent? = nil) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        keys.reserveCapacity(base + suffix.count + 1)
        for step in path.prefix(base) { keys.append(step.codingKey) }
        for step in suffix { keys.append(step.codingKey) }
        if let component { keys.append(component.codingKey) }
        return keys
    }

    /// Decodes the value at `location`, whose path is `path[..<base] + suffix + [component]`.
    func decode<T: Decodable>(
        _ type: T.Type, at location: JSONValueLocation, base: Int, suffix: [FastJSONPathComponent], component: FastJSONPathComponent?
    ) throws -> T {
        if path.count > base { path.removeSubrange(base...) }
        if !suffix.isEmpty { path.append(contentsOf: suffix) }
        if let component { path.append(component) }
        defer { if path.count > base { path.removeSubrange(base...) } }
        return try unbox(location, as: T.self)
    }

    /// Decodes the value at `location` as `T`; ``path`` is already the value's path.
    func unbox<T: Decodable>(_ location: JSONValueLocation, as type: T.Type) throws -> T {
        if let scalar = try unboxSpecial(location, as: T.self) {
            return scalar
        }
        let savedValue = value
        let entryMark = entries.count
        let objectMark = objects.count
        let escapedMark = escapedKeys.count
        value = location
        defer {
            value = savedValue
            if entries.count > entryMark { entries.removeSubrange(entryMark...) }
            if objects.count > objectMark { objects.removeSubrange(objectMark...) }
            if escapedKeys.count > escapedMark { escapedKeys.removeSubrange(escapedMark...) }
        }
        return try T(from: self)
    }

    // MARK: - Errors

    func typeMismatch(_ type: Any.Type, at location: JSONValueLocation, path: [any CodingKey]) -> DecodingError {
        let kind = JSONValueKind(firstByte: reader.firstByte(of: location))
        if kind == .null {
            return valueNotFound(type, path: path)
        }
        return DecodingError.typeMismatch(
            type,
            DecodingError.Context(
                codingPath: path, debugDescription: "Expected to decode \(type) but found \(kind.foundDescription) instead."))
    }

    func valueNotFound(_ type: Any.Type, path: [any CodingKey]) -> DecodingError {
        DecodingError.valueNotFound(
            type, DecodingError.Context(codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
    }

    func corrupted(_ message: String, path: [any CodingKey], underlying: (any Error)? = nil) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: message, underlyingError: underlying))
    }

    func keyNotFound(_ key: any CodingKey, path: [any CodingKey]) -> DecodingError {
        DecodingError.keyNotFound(
            key, DecodingError.Context(codingPath: path, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
    }

    // MARK: - Containers

    /// Checks that `location` is an array.
    func checkArray(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws {
        switch reader.firstByte(of: location) {
        case ASCII.openBracket:
            return
        case ASCII.lowercaseN:
            throw DecodingError.valueNotFound(
                [Any].self, DecodingError.Context(codingPath: path(), debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
        default:
            throw typeMismatch([Any].self, at: location, path: path())
        }
    }

    /// A decoder for the value at `location` with its own state (for `superDecoder`).
    func subdecoder(at location: JSONValueLocation, path: [FastJSONPathComponent]) -> FastJSONDecoderImpl {
        FastJSONDecoderImpl(reader: reader, value: location, path: path)
    }

    /// The path components `path[..<base] + suffix + [component]`.
    func components(base: Int, suffix: [FastJSONPathComponent], component: FastJSONPathComponent) -> [FastJSONPathComponent] {
        Array(path.prefix(base)) + suffix + [component]
    }
}
