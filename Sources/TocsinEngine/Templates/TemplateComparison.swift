/// How `eq`, `ne`, `lt`, `le`, `gt` and `ge` compare template values.
enum TemplateComparison {
    /// Numbers (and durations, and numeric text compared with a number) compare by value; other scalars by their
    /// text; lists and maps by structure.
    static func equals(_ left: TemplateValue, _ right: TemplateValue) -> Bool {
        if left.isNumeric || right.isNumeric, let leftNumber = left.numberValue, let rightNumber = right.numberValue {
            return leftNumber == rightNumber
        }
        switch (left, right) {
        case (.list, _), (.map, _), (_, .list), (_, .map), (.null, _), (_, .null):
            return left == right
        default:
            return left.text == right.text
        }
    }

    /// -1, 0 or 1 for two numbers (or a number and numeric text), two texts, or two dates; nil for anything else.
    static func order(_ left: TemplateValue, _ right: TemplateValue) -> Int? {
        if left.isNumeric || right.isNumeric {
            guard let leftNumber = left.numberValue, let rightNumber = right.numberValue else { return nil }
            return leftNumber < rightNumber ? -1 : (leftNumber == rightNumber ? 0 : 1)
        }
        switch (left, right) {
        case (.string(let leftText), .string(let rightText)):
            return leftText < rightText ? -1 : (leftText == rightText ? 0 : 1)
        case (.date(let leftDate), .date(let rightDate)):
            return leftDate < rightDate ? -1 : (leftDate == rightDate ? 0 : 1)
        default:
            return nil
        }
    }
}

extension TemplateValue {
    /// Whether the value is a number or a duration (compared by value, not text).
    fileprivate var isNumeric: Bool {
        switch self {
        case .number, .duration: true
        default: false
        }
    }
}
