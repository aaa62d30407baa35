extension FastJSONDecoderImpl {
    /// A ``JSONValue`` built straight from the input, equal to what `JSONValue.init(from:)` makes through
    /// Foundation's `JSONDecoder` (a whole number that fits in `Int64`, even written `1.0` or `1e3`, is an
    /// ``JSONValue/integer(_:)``).
    func jsonValue(at location: JSONValueLocation) throws -> JSONValue {
        switch reader.firstByte(of: location) {
        case ASCII.quote:
            return .string(try string(at: location, path: codingPath))
        case ASCII.openBrace:
            return .object(try jsonObject(at: location))
        case ASCII.openBracket:
            var elements: [JSONValue] = []
            var nextSpan = 0
            var element = reader.firstElement(of: location, nextSpan: &nextSpan)
            while let current = element {
                elements.append(try jsonValue(at: current))
                element = reader.element(after: current, nextSpan: &nextSpan)
            }
            return .array(elements)
        case ASCII.lowercaseT:
            return .bool(true)
        case ASCII.lowercaseF:
            return .bool(false)
        case ASCII.lowercaseN:
            return .null
        default:
            if let integer = JSONNumbers.integer(in: reader.bytes, location: location, as: Int64.self) {
                return .integer(integer)
            }
            if let double = JSONNumbers.double(in: reader.bytes, location: location) {
                return .double(double)
            }
            throw corrupted("The value is not a JSON null, boolean, number, string, array or object.", path: codingPath)
        }
    }

    /// The members of the object at `location` as JSON values; the first of duplicate keys wins.
    func jsonObject(at location: JSONValueLocation) throws -> [String: JSONValue] {
        guard reader.firstByte(of: location) == ASCII.openBrace else {
            throw typeMismatch([String: JSONValue].self, at: location, path: codingPath)
        }
        var object: [String: JSONValue] = [:]
        try reader.forEachMember(of: location) { keyStart, keyEnd, _, value in
            let key = try string(at: JSONValueLocation(start: keyStart - 1, end: keyEnd + 1, span: -1), path: codingPath)
            guard object[key] == nil else { return }
            object[key] = try jsonValue(at: value)
        }
        return object
    }
}
