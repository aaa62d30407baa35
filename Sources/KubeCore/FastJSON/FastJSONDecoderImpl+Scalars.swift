import Foundation

extension FastJSONDecoderImpl {
    /// Decodes `T` directly when it is a scalar or a type Foundation's `JSONDecoder` (as configured by
    /// ``KubeJSON/makeDecoder()``) treats specially; `nil` for any other type.
    @inline(__always)
    func unboxSpecial<T: Decodable>(_ location: JSONValueLocation, as type: T.Type) throws -> T? {
        if T.self == String.self { return same(try string(at: location, path: codingPath), as: T.self) }
        if T.self == Date.self { return same(try date(at: location, path: codingPath), as: T.self) }
        if T.self == Bool.self { return same(try bool(at: location, path: codingPath), as: T.self) }
        if T.self == Int.self { return same(try integer(at: location, as: Int.self, path: codingPath), as: T.self) }
        if T.self == Int32.self { return same(try integer(at: location, as: Int32.self, path: codingPath), as: T.self) }
        if T.self == Int64.self { return same(try integer(at: location, as: Int64.self, path: codingPath), as: T.self) }
        if T.self == [String: String].self { return same(try stringDictionary(at: location), as: T.self) }
        if T.self == JSONValue.self { return same(try jsonValue(at: location), as: T.self) }
        if T.self == [String: JSONValue].self { return same(try jsonObject(at: location), as: T.self) }
        if T.self == Double.self { return same(try double(at: location, path: codingPath), as: T.self) }
        if T.self == Float.self { return same(try float(at: location, path: codingPath), as: T.self) }
        if T.self == Int8.self { return same(try integer(at: location, as: Int8.self, path: codingPath), as: T.self) }
        if T.self == Int16.self { return same(try integer(at: location, as: Int16.self, path: codingPath), as: T.self) }
        if T.self == UInt.self { return same(try integer(at: location, as: UInt.self, path: codingPath), as: T.self) }
        if T.self == UInt8.self { return same(try integer(at: location, as: UInt8.self, path: codingPath), as: T.self) }
        if T.self == UInt16.self { return same(try integer(at: location, as: UInt16.self, path: codingPath), as: T.self) }
        if T.self == UInt32.self { return same(try integer(at: location, as: UInt32.self, path: codingPath), as: T.self) }
        if T.self == UInt64.self { return same(try integer(at: location, as: UInt64.self, path: codingPath), as: T.self) }
        if T.self == Data.self { return same(try data(at: location, path: codingPath), as: T.self) }
        if T.self == URL.self { return same(try url(at: location, path: codingPath), as: T.self) }
        if T.self == Decimal.self { return same(try decimal(at: location, path: codingPath), as: T.self) }
        return nil
    }

    /// `value` as `T`, which the caller has checked is `Value` itself.
    @inline(__always)
    private func same<Value, T>(_ value: Value, as type: T.Type) -> T {
        // Safe: every caller has checked `T.self == Value.self`, so this reinterprets a value as its own type.
        unsafeBitCast(value, to: T.self)
    }

    func string(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard reader.firstByte(of: location) == ASCII.quote else {
            throw typeMismatch(String.self, at: location, path: path())
        }
        do {
            return try JSONStrings.decode(in: reader.bytes, location: location)
        } catch {
            throw corrupted("The given data was not valid JSON.", path: path(), underlying: error)
        }
    }

    func bool(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch reader.firstByte(of: location) {
        case ASCII.lowercaseT: return true
        case ASCII.lowercaseF: return false
        default: throw typeMismatch(Bool.self, at: location, path: path())
        }
    }

    @inline(__always)
    private func isNumber(_ location: JSONValueLocation) -> Bool {
        let byte = reader.firstByte(of: location)
        return byte == ASCII.minus || ASCII.isDigit(byte)
    }

    func integer<T: FixedWidthInteger>(at location: JSONValueLocation, as type: T.Type, path: @autoclosure () -> [any CodingKey]) throws -> T {
        guard isNumber(location) else {
            throw typeMismatch(T.self, at: location, path: path())
        }
        guard let value = JSONNumbers.integer(in: reader.bytes, location: location, as: T.self) else {
            throw corrupted("Number \(JSONNumbers.text(in: reader.bytes, location: location)) does not fit in \(T.self).", path: path())
        }
        return value
    }

    func double(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> Double {
        guard isNumber(location) else {
            throw typeMismatch(Double.self, at: location, path: path())
        }
        guard let value = JSONNumbers.double(in: reader.bytes, location: location) else {
            throw corrupted("Number \(JSONNumbers.text(in: reader.bytes, location: location)) does not fit in Double.", path: path())
        }
        return value
    }

    func float(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> Float {
        guard isNumber(location) else {
            throw typeMismatch(Float.self, at: location, path: path())
        }
        guard let value = JSONNumbers.float(in: reader.bytes, location: location) else {
            throw corrupted("Number \(JSONNumbers.text(in: reader.bytes, location: location)) does not fit in Float.", path: path())
        }
        return value
    }

    func decimal(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> Decimal {
        guard isNumber(location) else {
            throw typeMismatch(Decimal.self, at: location, path: path())
        }
        guard let value = JSONNumbers.decimal(in: reader.bytes, location: location) else {
            throw corrupted("Number \(JSONNumbers.text(in: reader.bytes, location: location)) does not fit in Decimal.", path: path())
        }
        return value
    }

    /// A `metav1.Time`: any RFC 3339 timestamp, as ``KubeJSON/makeDecoder()`` reads it.
    func date(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> Date {
        guard reader.firstByte(of: location) == ASCII.quote else {
            throw typeMismatch(String.self, at: location, path: path())
        }
        let content = UnsafeBufferPointer(rebasing: reader.bytes[location.start + 1..<location.end - 1])
        if !content.contains(ASCII.backslash), let date = RFC3339.parse(bytes: content) {
            return date
        }
        let text = try string(at: location, path: path())
        guard let date = RFC3339.parse(text) else {
            throw corrupted(
                "Expected an RFC 3339 timestamp such as 2024-05-01T12:00:00Z, found \"\(text.prefix(64))\".", path: path())
        }
        return date
    }

    func data(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> Data {
        let text = try string(at: location, path: path())
        guard let data = Data(base64Encoded: text) else {
            throw corrupted("Encountered Data is not valid Base64.", path: path())
        }
        return data
    }

    func url(at location: JSONValueLocation, path: @autoclosure () -> [any CodingKey]) throws -> URL {
        let text = try string(at: location, path: path())
        guard let url = URL(string: text) else {
            throw corrupted("Invalid URL string.", path: path())
        }
        return url
    }

    /// A `[String: String]` (labels, annotations) built straight from the object's members.
    func stringDictionary(at location: JSONValueLocation) throws -> [String: String] {
        guard reader.firstByte(of: location) == ASCII.openBrace else {
            throw typeMismatch([String: String].self, at: location, path: codingPath)
        }
        var dictionary: [String: String] = [:]
        try reader.forEachMember(of: location) { keyStart, keyEnd, _, value in
            let key = try string(at: JSONValueLocation(start: keyStart - 1, end: keyEnd + 1, span: -1), path: codingPath)
            guard dictionary[key] == nil else { return }
            dictionary[key] = try string(at: value, path: codingPath + [AnyCodingKey(key)])
        }
        return dictionary
    }
}
