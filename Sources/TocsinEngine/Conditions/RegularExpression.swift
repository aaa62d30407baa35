import Foundation

/// An ICU regular expression (the syntax the AlertRule documents), compiled once and matched unanchored.
///
/// It wraps `NSRegularExpression`, which is not declared `Sendable` on every platform. It is
/// `@unchecked Sendable` because the wrapped expression is created in `init`, never mutated or exposed afterwards,
/// and Foundation documents `NSRegularExpression` instances as immutable and safe to use from several threads.
/// Equality and hashing use the pattern text.
struct RegularExpression: @unchecked Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written in the AlertRule.
    let pattern: String
    private let expression: NSRegularExpression

    /// Compiles `pattern`.
    ///
    /// - Throws: ``ConditionError`` with code ``ConditionError/Code/invalidPattern`` at `field`, saying why the
    ///   pattern does not parse.
    init(_ pattern: String, field: String) throws(ConditionError) {
        guard !pattern.isEmpty else {
            throw ConditionError(
                code: .invalidPattern, field: field,
                message: "must not be empty: leave it unset to accept every value")
        }
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ConditionError(
                code: .invalidPattern, field: field,
                message: "invalid regular expression \"\(pattern)\": \(Self.explanation(of: pattern))")
        }
        self.pattern = pattern
    }

    /// Whether the expression matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The pattern.
    var description: String { pattern }

    static func == (left: RegularExpression, right: RegularExpression) -> Bool {
        left.pattern == right.pattern
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
    }

    /// Why `pattern` does not parse. Foundation only says "the value is invalid", so the reason comes from the
    /// Swift regular-expression parser (its syntax is close to ICU's); when that parser accepts the pattern, the
    /// message points at the ICU syntax instead.
    private static func explanation(of pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return "not valid ICU syntax (see https://unicode-org.github.io/icu/userguide/strings/regexp.html)"
        } catch {
            return "\(error)"
        }
    }
}
