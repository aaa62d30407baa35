/// One problem found in an object, with the path of the field at fault.
///
/// ``description`` reads `spec.rotations[1].shiftLength: must be positive`.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, after Kubernetes' `field.ErrorType`.
    public enum Code: String, Sendable, Hashable {
        /// A required field is missing or empty.
        case required
        /// A value has the wrong format or is out of range.
        case invalid
        /// A value is not one of the supported values.
        case unsupported
        /// A value that must be unique appears twice.
        case duplicate
        /// Fields that exclude each other are both set, or a field is set where it is not allowed.
        case forbidden
        /// A list or a string is longer than allowed.
        case tooLong
        /// The value has the wrong JSON/YAML type.
        case typeMismatch
    }

    /// The field path, e.g. `spec.rotations[1].shiftLength`.
    public var field: String
    /// The kind of problem.
    public var code: Code
    /// What is wrong and what would be right, e.g. `must be positive`.
    public var message: String

    /// Creates a validation error.
    public init(field: String, code: Code, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    /// `field: message`.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}
