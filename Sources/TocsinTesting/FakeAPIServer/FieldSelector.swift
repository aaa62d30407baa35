import Foundation

/// A parsed `fieldSelector` query parameter: `path=value`, `path==value`, `path!=value` joined by AND.
///
/// The real server supports a fixed set of fields per resource; the fake accepts any dotted path
/// (missing fields compare as the empty string).
struct FieldSelector: Sendable, Equatable {
    struct Requirement: Sendable, Equatable {
        var path: [String]
        var value: String
        var isEqual: Bool
    }

    var requirements: [Requirement] = []

    var isEmpty: Bool { requirements.isEmpty }

    /// The empty selector, which matches everything.
    init() {}

    /// - Throws: `FakeAPIError` 400 on a term without an operator.
    init(parsing text: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        for term in text.split(separator: ",", omittingEmptySubsequences: false) {
            var matched = false
            for (symbol, isEqual) in [("!=", false), ("==", true), ("=", true)] {
                guard let range = term.range(of: symbol) else { continue }
                let field = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                guard !field.isEmpty else { break }
                requirements.append(
                    Requirement(
                        path: field.split(separator: ".").map(String.init),
                        value: String(term[range.upperBound...]), isEqual: isEqual))
                matched = true
                break
            }
            if !matched {
                throw FakeAPIError.badRequest("invalid selector: '\(text)'; can't understand '\(term)'")
            }
        }
    }

    func matches(_ object: FakeJSON) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = object[path: requirement.path]?.selectorString ?? ""
            return (actual == requirement.value) == requirement.isEqual
        }
    }
}
