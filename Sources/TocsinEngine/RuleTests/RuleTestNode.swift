import Foundation
import TocsinAPI
import Yams

/// A node of a test file with its field path, read with errors that carry the line and the path.
struct RuleTestNode {
    let node: Node
    let path: String

    var line: Int { node.mark?.line ?? 1 }

    func error(_ message: String) -> RuleTestError {
        RuleTestError(line: line, field: path, message: message)
    }

    func child(_ key: String, _ value: Node) -> RuleTestNode {
        RuleTestNode(node: value, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The mapping's entries, refusing keys other than `allowed`.
    func fields(allowed: [String]) throws(RuleTestError) -> [String: RuleTestNode] {
        guard case .mapping(let mapping) = node else { throw error("must be a mapping") }
        var fields: [String: RuleTestNode] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error("keys must be strings") }
            guard allowed.contains(name) else {
                throw RuleTestError(
                    line: key.mark?.line ?? line, field: path,
                    message: "unknown field \"\(name)\": the fields are \(allowed.joined(separator: ", "))")
            }
            fields[name] = child(name, value)
        }
        return fields
    }

    /// The sequence's items (a missing or null value is empty).
    func items() throws(RuleTestError) -> [RuleTestNode] {
        if node.null != nil { return [] }
        guard case .sequence(let sequence) = node else { throw error("must be a list") }
        return sequence.enumerated().map { RuleTestNode(node: $1, path: "\(path)[\($0)]") }
    }

    func string() throws(RuleTestError) -> String {
        guard case .scalar(let scalar) = node, node.null == nil else { throw error("must be a string") }
        return scalar.string
    }

    func strings() throws(RuleTestError) -> [String] {
        var values: [String] = []
        for item in try items() { values.append(try item.string()) }
        return values
    }

    func integer() throws(RuleTestError) -> Int {
        guard case .scalar = node, let value = node.int else { throw error("must be an integer") }
        return value
    }

    func stringMap() throws(RuleTestError) -> [String: String] {
        if node.null != nil { return [:] }
        guard case .mapping(let mapping) = node else { throw error("must be a mapping of strings") }
        var values: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.string, case .scalar(let scalar) = value else {
                throw error("must be a mapping of strings")
            }
            values[name] = scalar.string
        }
        return values
    }

    func duration() throws(RuleTestError) -> KubeDuration {
        let text = try string()
        if text == "0" { return .zero }
        do {
            return try KubeDuration(parsing: text)
        } catch {
            throw self.error("\"\(text)\" is not an offset: write a duration such as 0s, 90s, 16m or 1h30m")
        }
    }

    func timestamp() throws(RuleTestError) -> Date {
        let text = try string()
        guard let timestamp = Timestamp(rfc3339: text) else {
            throw error("\"\(text)\" is not an RFC 3339 timestamp: write e.g. 2026-03-01T09:00:00Z")
        }
        return timestamp.date
    }

    func enumeration<Value: APIEnum>(_ type: Value.Type) throws(RuleTestError) -> Value {
        let text = try string()
        guard let value = Value.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            throw error("unsupported value \"\(text)\": supported values are \(Value.supportedValues)")
        }
        return value
    }

    /// Decodes the node as `type` (a Kubernetes object), reporting the first problem with its path.
    func decode<Value: Decodable>(_ type: Value.Type) throws(RuleTestError) -> Value {
        do {
            return try YAMLDecoder().decode(Value.self, from: node)
        } catch let decoding as DecodingError {
            let problem = ValidationError(decoding: decoding)
            let field = problem.field.isEmpty ? path : "\(path).\(problem.field)"
            throw RuleTestError(line: line, field: field, message: problem.message)
        } catch {
            throw self.error("\(error)")
        }
    }
}
