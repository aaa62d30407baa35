/// The error thrown when an AlertRule's condition cannot be compiled: a regular expression that does not parse, a
/// field path the engine does not keep, a missing or out-of-range parameter.
///
/// Its ``description`` reads `warningEvent.reasonPattern: invalid regular expression "(": expected ')'`: the field
/// under `spec.condition`, what is wrong with it and, where it helps, what to write instead.
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for callers that branch on it (an AlertRule condition reason).
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        /// The code's stable name, used as a Kubernetes condition reason.
        public var rawValue: String
        /// Creates a code from its stable name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A pattern is not a valid ICU regular expression.
        public static let invalidPattern = Code(rawValue: "InvalidPattern")
        /// A field path is not valid path syntax.
        public static let invalidFieldPath = Code(rawValue: "InvalidFieldPath")
        /// A field path names a field the engine does not keep for that kind of object.
        public static let unsupportedFieldPath = Code(rawValue: "UnsupportedFieldPath")
        /// A parameter is missing, out of range or contradicts another.
        public static let invalidParameter = Code(rawValue: "InvalidParameter")

        /// The code's stable name.
        public var description: String { rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The field under `spec.condition` at fault, e.g. `warningEvent.reasonPattern`.
    public var field: String
    /// What is wrong with it and what to do, without the field (`invalid regular expression "(": expected ')'`).
    public var message: String

    /// Creates the error.
    public init(code: Code, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// `<field>: <message>`, as a user reads it in an AlertRule's status or in `tocsin validate`.
    public var description: String { "\(field): \(message)" }
}
