/// Parameters of ``AlertCondition/field``: `<path> <operator> <value>` on each object of `kind`.
///
/// The path is dot-separated field names from the object's root, with `[*]` (any element) or `[N]` after a list
/// and `["key"]` for a map key with dots or slashes: `status.phase`,
/// `status.containerStatuses[*].restartCount`, `metadata.labels["app.kubernetes.io/name"]`. With `[*]` the
/// condition holds when any element matches. A missing field never matches (not even `!=`).
public struct FieldCondition: Codable, Sendable, Hashable {
    /// A comparison.
    public enum Operator: String, APIEnum {
        /// Equal (numbers compare as numbers, anything else as strings).
        case equal = "=="
        /// Not equal.
        case notEqual = "!="
        /// Greater than (numbers only).
        case greaterThan = ">"
        /// Greater than or equal (numbers only).
        case greaterThanOrEqual = ">="
        /// Less than (numbers only).
        case lessThan = "<"
        /// Less than or equal (numbers only).
        case lessThanOrEqual = "<="
        /// One of ``FieldCondition/values``.
        case `in`
        /// Matches the regular expression in ``FieldCondition/value`` (ICU syntax, unanchored).
        case matches

        /// Whether the operator compares numbers.
        public var isOrdering: Bool {
            switch self {
            case .greaterThan, .greaterThanOrEqual, .lessThan, .lessThanOrEqual: true
            case .equal, .notEqual, .in, .matches: false
            }
        }
    }

    /// The kind of object the path is evaluated on.
    public var kind: WatchedKind
    /// The field path (see the type's documentation).
    public var path: String
    /// The comparison.
    public var `operator`: Operator
    /// The value to compare with (every operator but `in`). Numbers and booleans in YAML are read as their text.
    public var value: String?
    /// The values for `in`.
    public var values: [String]?

    /// Creates the parameters.
    public init(kind: WatchedKind, path: String, operator: Operator, value: String? = nil, values: [String]? = nil) {
        self.kind = kind
        self.path = path
        self.operator = `operator`
        self.value = value
        self.values = values
    }

    enum CodingKeys: String, CodingKey {
        case kind, path, `operator`, value, values
    }

    /// Decodes the parameters, reading a number or boolean `value` (JSON) as its text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(WatchedKind.self, forKey: .kind)
        path = try container.decode(String.self, forKey: .path)
        self.operator = try container.decode(Operator.self, forKey: .operator)
        if let text = try? container.decodeIfPresent(String.self, forKey: .value) {
            value = text
        } else if let integer = try? container.decodeIfPresent(Int64.self, forKey: .value) {
            value = String(integer)
        } else if let number = try? container.decodeIfPresent(Double.self, forKey: .value) {
            value = String(number)
        } else if let flag = try? container.decodeIfPresent(Bool.self, forKey: .value) {
            value = String(flag)
        } else {
            value = try container.decodeIfPresent(String.self, forKey: .value)
        }
        values = try container.decodeIfPresent([String].self, forKey: .values)
    }
}
