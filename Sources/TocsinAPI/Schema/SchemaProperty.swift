/// One node of an OpenAPI v3 schema as a CustomResourceDefinition's `openAPIV3Schema` accepts it (structural:
/// every node has a `type`, except where `x-kubernetes-preserve-unknown-fields` says otherwise).
public struct SchemaProperty: Sendable, Hashable {
    /// The JSON type of a schema node.
    public enum SchemaType: String, Sendable, Hashable, CaseIterable {
        /// A map with declared ``SchemaProperty/properties`` or ``SchemaProperty/additionalProperties``.
        case object
        /// A string.
        case string
        /// A whole number.
        case integer
        /// Any number.
        case number
        /// `true` or `false`.
        case boolean
        /// A list of ``SchemaProperty/items``.
        case array
    }

    /// How the API server merges a list (`x-kubernetes-list-type`).
    public enum ListType: String, Sendable, Hashable {
        /// Replaced as a whole.
        case atomic
        /// Unique scalar items, merged as a set.
        case set
        /// Items identified by ``SchemaProperty/listMapKeys``.
        case map
    }

    /// A CEL rule (`x-kubernetes-validations`) checked by the API server at admission.
    public struct ValidationRule: Sendable, Hashable {
        /// The CEL expression; `self` is the node the rule is attached to.
        public var rule: String
        /// The message returned when the rule does not hold.
        public var message: String
        /// The field the error is reported on, relative to the node (e.g. `.end`).
        public var fieldPath: String?

        /// Creates a rule.
        public init(rule: String, message: String, fieldPath: String? = nil) {
            self.rule = rule
            self.message = message
            self.fieldPath = fieldPath
        }
    }

    /// The JSON type; `nil` only together with ``preservesUnknownFields``.
    public var type: SchemaType?
    /// One sentence saying what the field is.
    public var description: String?
    /// The string format, e.g. `date-time`.
    public var format: String?
    /// The allowed values of a string.
    public var enumValues: [String]?
    /// A regular expression a string must match.
    public var pattern: String?
    /// The smallest allowed number.
    public var minimum: Int64?
    /// The largest allowed number.
    public var maximum: Int64?
    /// The shortest allowed string.
    public var minLength: Int?
    /// The longest allowed string.
    public var maxLength: Int?
    /// The fewest allowed items.
    public var minItems: Int?
    /// The most allowed items.
    public var maxItems: Int?
    /// The most allowed map entries.
    public var maxProperties: Int?
    /// The declared fields of an object.
    public var properties: [String: SchemaProperty]?
    /// The fields that must be present.
    public var required: [String]?
    /// The value the API server writes when the field is absent.
    public var defaultValue: SchemaValue?
    /// Whether `null` is accepted (and dropped).
    public var nullable: Bool?
    /// CEL rules.
    public var validations: [ValidationRule]?
    /// How lists merge.
    public var listType: ListType?
    /// The keys of a `map` list.
    public var listMapKeys: [String]?
    /// Whether fields not declared are kept (`x-kubernetes-preserve-unknown-fields`).
    public var preservesUnknownFields: Bool?
    /// Storage of ``items`` (an array, so that the struct can contain itself).
    private var itemsStorage: [SchemaProperty]
    /// Storage of ``additionalProperties``.
    private var additionalPropertiesStorage: [SchemaProperty]

    /// The schema of each item of an array.
    public var items: SchemaProperty? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// The schema of each value of a map (an object without declared properties).
    public var additionalProperties: SchemaProperty? {
        get { additionalPropertiesStorage.first }
        set { additionalPropertiesStorage = newValue.map { [$0] } ?? [] }
    }

    /// Creates a node of `type` described by `description`; set the other fields afterwards or use the builders.
    public init(type: SchemaType?, description: String? = nil) {
        self.type = type
        self.description = description
        self.itemsStorage = []
        self.additionalPropertiesStorage = []
    }

    /// The node with `rule` added to its CEL rules.
    public func validated(by rule: String, message: String, fieldPath: String? = nil) -> SchemaProperty {
        var copy = self
        copy.validations = (validations ?? []) + [ValidationRule(rule: rule, message: message, fieldPath: fieldPath)]
        return copy
    }

    /// The node with `rule` added to its CEL rules.
    public func validated(by rule: ValidationRule) -> SchemaProperty {
        validated(by: rule.rule, message: rule.message, fieldPath: rule.fieldPath)
    }

    /// The node with `value` as its default.
    public func defaulted(to value: SchemaValue) -> SchemaProperty {
        var copy = self
        copy.defaultValue = value
        return copy
    }

    /// The node with a `mutate` applied, for one-off constraints (`.with { $0.maxItems = 20 }`).
    public func with(_ mutate: (inout SchemaProperty) -> Void) -> SchemaProperty {
        var copy = self
        mutate(&copy)
        return copy
    }
}

/// A JSON value in a schema: a `default`.
public enum SchemaValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// A whole number.
    case integer(Int64)
    /// A boolean.
    case boolean(Bool)
    /// A list.
    case array([SchemaValue])
    /// An object (keys emitted sorted).
    case object([String: SchemaValue])
}

extension SchemaValue {
    /// A duration as users write it: whole weeks as `w`, other whole days as `d` (`30d`, not `4w2d`), else the
    /// canonical ``KubeDuration/description``.
    public static func duration(_ value: KubeDuration) -> SchemaValue {
        let day: Int64 = 86_400_000
        guard value.isWholeDays else { return .string(value.description) }
        let days = value.milliseconds / day
        return .string(days % 7 == 0 ? "\(days / 7)w" : "\(days)d")
    }
}
