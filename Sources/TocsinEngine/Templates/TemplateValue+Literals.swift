/// Lets engines and tests write template values as Swift literals: `["pod": "web-0", "restarts": 3]`.
extension TemplateValue: ExpressibleByStringLiteral {
    /// Creates a ``TemplateValue/string(_:)`` from a string literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    /// Creates a ``TemplateValue/number(_:)`` from an integer literal.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
    /// Creates a ``TemplateValue/number(_:)`` from a floating-point literal.
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    /// Creates a ``TemplateValue/bool(_:)`` from `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    /// Creates a ``TemplateValue/list(_:)`` from an array literal.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// Creates a ``TemplateValue/map(_:)`` from a dictionary literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    /// Creates ``TemplateValue/null`` from `nil`.
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue {
    /// Wraps string labels or annotations as a map of text values.
    public init(labels: [String: String]) {
        self = .map(labels.mapValues { .string($0) })
    }
}
