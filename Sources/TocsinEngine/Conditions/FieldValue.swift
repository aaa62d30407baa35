import Foundation
import TocsinAPI

/// A JSON-like view of the fields a projection keeps (``WatchedPod``, ``WatchedNode``, ``WatchedEvent``), under
/// their Kubernetes names, on which the generic field condition is evaluated.
enum FieldValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A number (integers are exact up to 2^53).
    case number(Double)
    /// A Boolean.
    case bool(Bool)
    /// An object, or a map such as `metadata.labels`.
    case object([String: FieldValue])
    /// A list.
    case list([FieldValue])

    /// The values found at `path`: several through `[*]`, none when a field is missing or the path does not fit.
    func values(at path: ArraySlice<FieldCondition.PathSegment>) -> [FieldValue] {
        guard let segment = path.first else { return [self] }
        let rest = path.dropFirst()
        switch (segment, self) {
        case (.field(let name), .object(let fields)):
            return fields[name]?.values(at: rest) ?? []
        case (.anyElement, .list(let elements)):
            return elements.flatMap { $0.values(at: rest) }
        case (.element(let index), .list(let elements)):
            return elements.indices.contains(index) ? elements[index].values(at: rest) : []
        default:
            return []
        }
    }

    /// The scalar as text: strings as they are, integral numbers without a fraction (`5`), Booleans as `true` or
    /// `false`; `nil` for objects and lists.
    var text: String? {
        switch self {
        case .string(let value): value
        case .number(let value):
            value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): String(value)
        case .object, .list: nil
        }
    }

    /// A string field with an optional value, or `nil` to leave the field out.
    static func optional(_ value: String?) -> FieldValue? { value.map { .string($0) } }

    /// An object of the fields whose value is set.
    static func fields(_ fields: [String: FieldValue?]) -> FieldValue {
        .object(fields.compactMapValues { $0 })
    }
}

/// The shape of a ``FieldValue`` tree: which paths a projection keeps, for checking a field path when the
/// condition is compiled and for listing the supported paths in the error.
indirect enum FieldShape: Sendable {
    /// A string, number or Boolean.
    case scalar
    /// A map from any key to a string (`metadata.labels`).
    case map
    /// An object with these fields, in the order they are listed.
    case object([(name: String, shape: FieldShape)])
    /// A list of elements of one shape.
    case list(FieldShape)

    /// Every path that ends at a scalar, e.g. `metadata.labels["<key>"]`, `status.containerStatuses[*].name`.
    func paths(under prefix: String = "") -> [String] {
        switch self {
        case .scalar: [prefix]
        case .map: [prefix + "[\"<key>\"]"]
        case .list(let element): element.paths(under: prefix + "[*]")
        case .object(let fields):
            fields.flatMap { field in field.shape.paths(under: prefix.isEmpty ? field.name : prefix + "." + field.name) }
        }
    }

    /// Why `path` does not lead to a scalar of this shape, or `nil` when it does.
    func problem(with path: ArraySlice<FieldCondition.PathSegment>, at position: String = "") -> String? {
        guard let segment = path.first else {
            switch self {
            case .scalar: return nil
            case .map: return "\(position) is a map: name a key, e.g. \(position)[\"app\"]"
            case .list: return "\(position) is a list: add [*] (any element) or [N] and a field"
            case .object: return "\(position) is an object: name one of its fields"
            }
        }
        let rest = path.dropFirst()
        switch (segment, self) {
        case (.field(let name), .object(let fields)):
            let here = position.isEmpty ? name : position + "." + name
            guard let field = fields.first(where: { $0.name == name }) else { return "\(here) is not kept by Tocsin" }
            return field.shape.problem(with: rest, at: here)
        case (.field(let key), .map):
            return rest.isEmpty ? nil : "\(position)[\"\(key)\"] is a string: nothing is under it"
        case (.anyElement, .list(let element)):
            return element.problem(with: rest, at: position + "[*]")
        case (.element(let index), .list(let element)):
            return element.problem(with: rest, at: position + "[\(index)]")
        case (.field, .list):
            return "\(position) is a list: add [*] (any element) or [N] before the next field"
        case (.anyElement, _), (.element, _):
            return "\(position) is not a list"
        case (.field, .scalar):
            return "\(position) is a value: nothing is under it"
        }
    }
}
