import Foundation

/// A small check of a Helm values document against the draft-07 subset that charts/tocsin/values.schema.json uses:
/// `type`, `enum`, `required`, `properties`, `additionalProperties` (false or a schema), `items`, `minLength`,
/// `minimum`, `maximum`. Anything else in the schema is ignored.
enum ValuesSchemaCheck {
    /// Every problem of `value` against `schema`, as `path: problem`.
    static func problems(_ value: JSONValue, against schema: JSONValue, path: String = "") -> [String] {
        let at = path.isEmpty ? "<root>" : path
        var problems: [String] = []
        if let type = schema["type"]?.text, !matches(value, type: type) {
            return ["\(at): must be of type \(type), found \(kind(of: value))"]
        }
        if let allowed = schema["enum"]?.items, !allowed.contains(value) {
            problems.append("\(at): must be one of \(allowed.compactMap(\.text).joined(separator: ", "))")
        }
        switch value {
        case .object(let members):
            problems += objectProblems(members, schema, path: path)
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    problems += self.problems(item, against: itemSchema, path: "\(path)[\(index)]")
                }
            }
        case .string(let text):
            if case .integer(let minimum)? = schema["minLength"], text.count < minimum {
                problems.append("\(at): must have at least \(minimum) characters")
            }
        case .integer(let number):
            if case .integer(let minimum)? = schema["minimum"], number < minimum {
                problems.append("\(at): must be at least \(minimum)")
            }
            if case .integer(let maximum)? = schema["maximum"], number > maximum {
                problems.append("\(at): must be at most \(maximum)")
            }
        default:
            break
        }
        return problems
    }

    private static func objectProblems(_ members: [String: JSONValue], _ schema: JSONValue, path: String) -> [String] {
        var problems: [String] = []
        let prefix = path.isEmpty ? "" : "\(path)."
        for key in schema["required"]?.strings ?? [] where members[key] == nil {
            problems.append("\(prefix)\(key): is required")
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            if let property = properties[key] {
                problems += self.problems(member, against: property, path: "\(prefix)\(key)")
            } else if schema["additionalProperties"] == .bool(false) {
                problems.append("\(prefix)\(key): is not declared in the schema")
            } else if let additional = schema["additionalProperties"], additional.objectValue != nil {
                problems += self.problems(member, against: additional, path: "\(prefix)\(key)")
            }
        }
        return problems
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("integer", .integer), ("number", .integer),
            ("number", .number), ("object", .object), ("array", .array), ("null", .null):
            true
        default:
            false
        }
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
