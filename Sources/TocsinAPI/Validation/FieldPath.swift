/// The path of a field inside an object, built while validating: `spec.rotations[1].shiftLength`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The rendered path.
    public private(set) var description: String

    /// A root path such as `spec`.
    public init(_ root: String) {
        description = root
    }

    /// A root path such as `spec`.
    public init(stringLiteral value: String) {
        description = value
    }

    /// The path of a field of this object: `spec` → `spec.rotations`.
    public func child(_ name: String) -> FieldPath {
        var path = self
        path.description = description.isEmpty ? name : "\(description).\(name)"
        return path
    }

    /// The path of an element of this list: `spec.rotations` → `spec.rotations[1]`.
    public func index(_ index: Int) -> FieldPath {
        var path = self
        path.description += "[\(index)]"
        return path
    }

    /// The path of an entry of this map: `spec.labels` → `spec.labels[team]`.
    public func key(_ key: String) -> FieldPath {
        var path = self
        path.description += "[\(key)]"
        return path
    }
}
