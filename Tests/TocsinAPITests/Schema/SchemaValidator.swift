import Foundation
import TocsinAPI
import Yams

/// A JSON value read from YAML the way the API server sees it (timestamps stay strings).
indirect enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Converts a composed YAML node; an unconvertible node (an alias) becomes `null`.
    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: self = .null
            case .bool: self = .bool(node.bool ?? false)
            case .int: self = Int64(scalar.string).map { .integer($0) } ?? .string(scalar.string)
            case .float: self = .number(node.float ?? 0)
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .array(sequence.map(JSONValue.init))
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping { members[key.string ?? ""] = JSONValue(value) }
            self = .object(members)
        case .alias:
            self = .null
        }
    }

    /// The documents of a YAML stream.
    static func documents(yaml: String) throws -> [JSONValue] {
        try Yams.compose_all(yaml: yaml).map(JSONValue.init)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

/// A small structural validator for tests: type, required, enum, pattern, format date-time, bounds, items,
/// list-type uniqueness and unknown fields (a field the schema does not declare). CEL rules are not evaluated.
struct SchemaValidator {
    /// Every problem of `value` against the root schema of a kind; `metadata` is left to the API server.
    static func validate(object value: JSONValue, against schema: SchemaProperty) -> [String] {
        var problems: [String] = []
        check(value, schema, path: "", into: &problems)
        return problems
    }

    private static func check(_ value: JSONValue, _ schema: SchemaProperty, path: String, into problems: inout [String]) {
        let at = path.isEmpty ? "<root>" : path
        if path == "metadata" { return }
        if value == .null {
            if schema.nullable != true { problems.append("\(at): must not be null") }
            return
        }
        switch (schema.type, value) {
        case (.string?, .string(let text)):
            checkString(text, schema, at: at, into: &problems)
        case (.integer?, .integer(let number)):
            checkNumber(number, schema, at: at, into: &problems)
        case (.number?, .integer), (.number?, .number), (.boolean?, .bool):
            break
        case (.array?, .array(let items)):
            checkArray(items, schema, path: path, into: &problems)
        case (.object?, .object(let members)):
            checkObject(members, schema, path: path, into: &problems)
        case (nil, _) where schema.preservesUnknownFields == true:
            break
        default:
            problems.append("\(at): must be of type \(schema.type?.rawValue ?? "<none>")")
        }
    }

    private static func checkString(_ text: String, _ schema: SchemaProperty, at: String, into problems: inout [String]) {
        if let values = schema.enumValues, !values.contains(text) {
            problems.append("\(at): unsupported value \"\(text)\"")
        }
        if let pattern = schema.pattern {
            let regex = try? NSRegularExpression(pattern: pattern)
            let range = NSRange(text.startIndex..., in: text)
            if regex?.firstMatch(in: text, range: range) == nil { problems.append("\(at): must match \(pattern)") }
        }
        let length = text.unicodeScalars.count
        if let minimum = schema.minLength, length < minimum { problems.append("\(at): shorter than \(minimum)") }
        if let maximum = schema.maxLength, length > maximum { problems.append("\(at): longer than \(maximum)") }
        if schema.format == "date-time", Timestamp(rfc3339: text) == nil {
            problems.append("\(at): must be an RFC 3339 date-time")
        }
    }

    private static func checkNumber(_ number: Int64, _ schema: SchemaProperty, at: String, into problems: inout [String]) {
        if let minimum = schema.minimum, number < minimum { problems.append("\(at): less than \(minimum)") }
        if let maximum = schema.maximum, number > maximum { problems.append("\(at): greater than \(maximum)") }
    }

    private static func checkArray(_ items: [JSONValue], _ schema: SchemaProperty, path: String, into problems: inout [String]) {
        if let minimum = schema.minItems, items.count < minimum { problems.append("\(path): fewer than \(minimum) items") }
        if let maximum = schema.maxItems, items.count > maximum { problems.append("\(path): more than \(maximum) items") }
        if schema.listType == .set, Set(items.map { "\($0)" }).count != items.count {
            problems.append("\(path): duplicate items")
        }
        if schema.listType == .map, let keys = schema.listMapKeys {
            let identities = items.map { item in keys.map { "\(item[$0] ?? .null)" } }
            if Set(identities).count != identities.count { problems.append("\(path): duplicate keys \(keys)") }
        }
        guard let itemSchema = schema.items else {
            problems.append("\(path): array without items schema")
            return
        }
        for (index, item) in items.enumerated() {
            check(item, itemSchema, path: "\(path)[\(index)]", into: &problems)
        }
    }

    private static func checkObject(
        _ members: [String: JSONValue], _ schema: SchemaProperty, path: String, into problems: inout [String]
    ) {
        let prefix = path.isEmpty ? "" : "\(path)."
        for key in schema.required ?? [] where members[key] == nil {
            problems.append("\(prefix)\(key): required")
        }
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            if let property = schema.properties?[key] {
                check(member, property, path: "\(prefix)\(key)", into: &problems)
            } else if let values = schema.additionalProperties {
                check(member, values, path: "\(prefix)\(key)", into: &problems)
            } else if schema.preservesUnknownFields != true {
                problems.append("\(prefix)\(key): unknown field")
            }
        }
    }
}
