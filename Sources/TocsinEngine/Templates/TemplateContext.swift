/// What a summary or description template reads: a tree of ``TemplateValue``s under named top-level keys.
///
/// The engine fills it for an incident, typically with `rule`, `severity`, `value`, `since`, `count`, `labels`,
/// `annotations` and `objects`; `{{ .labels.namespace }}` reads `labels`, then `namespace` inside it. It is a plain
/// value: rendering the same template with the same context always gives the same text.
public struct TemplateContext: Sendable, Hashable {
    /// The top-level keys and their values.
    public var values: [String: TemplateValue]

    /// Creates a context from its top-level keys and values.
    public init(_ values: [String: TemplateValue] = [:]) {
        self.values = values
    }

    /// Reads or writes one top-level key; reading a missing key gives `nil`.
    public subscript(key: String) -> TemplateValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The whole context as one map value: what `.` and `$` are at the top of a template.
    var root: TemplateValue { .map(values) }
}

extension TemplateContext: ExpressibleByDictionaryLiteral {
    /// Creates a context from a dictionary literal; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
