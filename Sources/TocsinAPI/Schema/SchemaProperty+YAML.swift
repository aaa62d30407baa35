import Yams

extension SchemaProperty {
    /// The schema as a YAML node, keys sorted (as `controller-gen` writes them).
    public var node: Node {
        var pairs: [(String, Node)] = []
        if let additionalProperties { pairs.append(("additionalProperties", additionalProperties.node)) }
        if let defaultValue { pairs.append(("default", defaultValue.node)) }
        if let description { pairs.append(("description", .text(description))) }
        if let enumValues { pairs.append(("enum", .list(enumValues.map { .text($0) }))) }
        if let format { pairs.append(("format", .text(format))) }
        if let items { pairs.append(("items", items.node)) }
        if let maxItems { pairs.append(("maxItems", .number(Int64(maxItems)))) }
        if let maxLength { pairs.append(("maxLength", .number(Int64(maxLength)))) }
        if let maxProperties { pairs.append(("maxProperties", .number(Int64(maxProperties)))) }
        if let maximum { pairs.append(("maximum", .number(maximum))) }
        if let minItems { pairs.append(("minItems", .number(Int64(minItems)))) }
        if let minLength { pairs.append(("minLength", .number(Int64(minLength)))) }
        if let minimum { pairs.append(("minimum", .number(minimum))) }
        if let nullable { pairs.append(("nullable", .flag(nullable))) }
        if let pattern { pairs.append(("pattern", .text(pattern))) }
        if let properties {
            pairs.append(("properties", .ordered(properties.sorted { $0.key < $1.key }.map { ($0.key, $0.value.node) })))
        }
        if let required { pairs.append(("required", .list(required.map { .text($0) }))) }
        if let type { pairs.append(("type", .text(type.rawValue))) }
        if let listMapKeys { pairs.append(("x-kubernetes-list-map-keys", .list(listMapKeys.map { .text($0) }))) }
        if let listType { pairs.append(("x-kubernetes-list-type", .text(listType.rawValue))) }
        if let preservesUnknownFields {
            pairs.append(("x-kubernetes-preserve-unknown-fields", .flag(preservesUnknownFields)))
        }
        if let validations { pairs.append(("x-kubernetes-validations", .list(validations.map(\.node)))) }
        return .ordered(pairs)
    }
}

extension SchemaProperty.ValidationRule {
    /// The rule as a YAML node.
    var node: Node {
        var pairs: [(String, Node)] = []
        if let fieldPath { pairs.append(("fieldPath", .text(fieldPath))) }
        pairs.append(("message", .text(message)))
        pairs.append(("rule", .text(rule)))
        return .ordered(pairs)
    }
}

extension SchemaValue {
    /// The value as a YAML node (object keys sorted).
    var node: Node {
        switch self {
        case .string(let value): .text(value)
        case .integer(let value): .number(value)
        case .boolean(let value): .flag(value)
        case .array(let values): .list(values.map(\.node))
        case .object(let members): .ordered(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value.node) })
        }
    }
}
