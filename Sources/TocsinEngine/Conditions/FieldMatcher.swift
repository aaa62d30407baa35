import Foundation
import TocsinAPI

/// A compiled ``FieldCondition``: the parsed path, checked against the fields the engine keeps for its kind, and
/// the comparison.
///
/// Semantics: the path is resolved on the projection's tree (``FieldValue``); with `[*]` every element is tried and
/// the condition holds when any value satisfies the comparison; a missing field never matches, not even `!=`.
/// `==`, `!=` and `in` compare numbers as numbers (`5` equals `5.0`), Booleans as `true`/`false` and anything else
/// as text; `>`, `>=`, `<`, `<=` need a number on both sides (a string field holding a number counts, a Boolean
/// does not); `matches` is an unanchored ICU regular expression on the value's text.
struct FieldMatcher: Sendable, Hashable {
    /// The kind of object the path is evaluated on.
    let kind: WatchedKind
    /// The path as written.
    let path: String
    let segments: [FieldCondition.PathSegment]
    let comparator: FieldCondition.Operator
    /// The value (every operator but `in`), and its number when it is one.
    let value: String
    let number: Double?
    /// The values of `in`.
    let values: [String]
    /// The expression of `matches`.
    let pattern: RegularExpression?

    /// Compiles `condition`.
    ///
    /// - Throws: ``ConditionError`` at `field.path` (invalid syntax, or a field the engine does not keep for the
    ///   kind, listing those it keeps), `field.values` (`in` without values), `field.value` (missing, not a number
    ///   for an ordering operator, or an invalid regular expression for `matches`).
    init(_ condition: FieldCondition) throws(ConditionError) {
        guard let segments = condition.pathSegments else {
            throw ConditionError(
                code: .invalidFieldPath, field: "field.path",
                message: "\"\(condition.path)\" is not a field path: write dot-separated names with [*], [N] or "
                    + "[\"key\"], e.g. status.containerStatuses[*].restartCount or metadata.labels[\"app\"]")
        }
        let shape = FieldShape.of(condition.kind)
        if let problem = shape.problem(with: segments[...]) {
            throw ConditionError(
                code: .unsupportedFieldPath, field: "field.path",
                message: "\(problem); supported \(condition.kind.rawValue) paths: "
                    + shape.paths().joined(separator: ", "))
        }
        let symbol = condition.operator.rawValue
        var value = ""
        var values: [String] = []
        if condition.operator == .in {
            guard let given = condition.values, !given.isEmpty else {
                throw ConditionError(
                    code: .invalidParameter, field: "field.values",
                    message: "is required for operator in: list the values to accept")
            }
            values = given
        } else {
            guard let given = condition.value else {
                throw ConditionError(
                    code: .invalidParameter, field: "field.value", message: "is required for operator \(symbol)")
            }
            value = given
        }
        if condition.operator.isOrdering, Double(value) == nil {
            throw ConditionError(
                code: .invalidParameter, field: "field.value",
                message: "\"\(value)\" is not a number: operator \(symbol) compares numbers")
        }
        self.kind = condition.kind
        self.path = condition.path
        self.segments = segments
        self.comparator = condition.operator
        self.value = value
        self.number = Double(value)
        self.values = values
        self.pattern = condition.operator == .matches ? try RegularExpression(value, field: "field.value") : nil
    }

    /// The first value at the path in `tree` that satisfies the comparison, or `nil`.
    func firstMatch(in tree: FieldValue) -> FieldValue? {
        tree.values(at: segments[...]).first { satisfies($0) }
    }

    /// Whether `candidate` satisfies the comparison.
    func satisfies(_ candidate: FieldValue) -> Bool {
        guard let text = candidate.text else { return false }
        switch comparator {
        case .equal: return Self.isEqual(candidate, text, to: value)
        case .notEqual: return !Self.isEqual(candidate, text, to: value)
        case .in: return values.contains { Self.isEqual(candidate, text, to: $0) }
        case .matches: return pattern?.matches(text) ?? false
        case .greaterThan, .greaterThanOrEqual, .lessThan, .lessThanOrEqual:
            guard let number, let actual = Self.number(of: candidate) else { return false }
            switch comparator {
            case .greaterThan: return actual > number
            case .greaterThanOrEqual: return actual >= number
            case .lessThan: return actual < number
            default: return actual <= number
            }
        }
    }

    /// The number a scalar holds: a number, or a string that reads as one.
    static func number(of candidate: FieldValue) -> Double? {
        switch candidate {
        case .number(let value): value
        case .string(let text): Double(text)
        case .bool, .object, .list: nil
        }
    }

    private static func isEqual(_ candidate: FieldValue, _ text: String, to expected: String) -> Bool {
        switch candidate {
        case .number(let actual): Double(expected).map { $0 == actual } ?? (text == expected)
        case .bool: text == expected.lowercased()
        case .string, .object, .list: text == expected
        }
    }
}
