import Foundation

/// A parsed `labelSelector` query parameter: requirements joined by AND.
struct LabelSelector: Sendable, Equatable {
    enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
        case greaterThan(String, Int64)
        case lessThan(String, Int64)
    }

    var requirements: [Requirement] = []

    var isEmpty: Bool { requirements.isEmpty }

    /// The empty selector, which matches everything.
    init() {}

    /// Parses the selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`.
    /// - Throws: `FakeAPIError` 400 on a syntax error or an invalid key or value.
    init(parsing text: String) throws {
        for term in Self.splitTopLevel(text) {
            requirements.append(try Self.requirement(term.trimmingCharacters(in: .whitespaces), in: text))
        }
    }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            case .isIn(let key, let values): labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): !(labels[key].map(values.contains) ?? false)
            case .exists(let key): labels[key] != nil
            case .doesNotExist(let key): labels[key] == nil
            case .greaterThan(let key, let bound): labels[key].flatMap { Int64($0) }.map { $0 > bound } ?? false
            case .lessThan(let key, let bound): labels[key].flatMap { Int64($0) }.map { $0 < bound } ?? false
            }
        }
    }

    /// Splits on commas that are not inside parentheses; an empty selector has no terms.
    static func splitTopLevel(_ text: String) -> [String] {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        var terms: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                terms.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        terms.append(current)
        return terms
    }

    private static func requirement(_ term: String, in selector: String) throws -> Requirement {
        func fail(_ reason: String) -> FakeAPIError {
            FakeAPIError.badRequest("unable to parse requirement: \(reason) in label selector \"\(selector)\"")
        }
        func key(_ raw: some StringProtocol) throws -> String {
            let key = raw.trimmingCharacters(in: .whitespaces)
            guard isValidKey(key) else { throw fail("invalid label key \"\(key)\"") }
            return key
        }
        func value(_ raw: some StringProtocol) throws -> String {
            let value = raw.trimmingCharacters(in: .whitespaces)
            guard value.isEmpty || isValidName(value) else { throw fail("invalid label value: \"\(value)\"") }
            return value
        }
        if term.hasPrefix("!") { return .doesNotExist(try key(term.dropFirst())) }
        for (symbol, make) in [
            ("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals),
        ] {
            if let range = term.range(of: symbol) {
                return make(try key(term[..<range.lowerBound]), try value(term[range.upperBound...]))
            }
        }
        for (symbol, isGreater) in [(">", true), ("<", false)] {
            if let range = term.range(of: symbol) {
                let name = try key(term[..<range.lowerBound])
                guard let bound = Int64(term[range.upperBound...].trimmingCharacters(in: .whitespaces)) else {
                    throw fail("for 'Gt', 'Lt' operators, the value must be an integer")
                }
                return isGreater ? .greaterThan(name, bound) : .lessThan(name, bound)
            }
        }
        let words = term.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        if words.count == 1 { return .exists(try key(words[0])) }
        guard words.count == 2 else { throw fail("found '\(term)', expected: identifier") }
        let rest = words[1].trimmingCharacters(in: .whitespaces)
        for (keyword, isIn) in [("notin", false), ("in", true)] where rest.hasPrefix(keyword) {
            let list = rest.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
            guard list.hasPrefix("("), list.hasSuffix(")") else { throw fail("found '\(list)', expected: '('") }
            let values = try Set(list.dropFirst().dropLast().split(separator: ",").map(value))
            guard !values.isEmpty else { throw fail("for 'in', 'notin' operators, values set can't be empty") }
            return isIn ? .isIn(try key(words[0]), values) : .notIn(try key(words[0]), values)
        }
        throw fail("found '\(rest)', expected: in, notin, =, ==, !=, gt, lt")
    }

    /// `[prefix/]name` where the prefix is a DNS subdomain and the name a qualified name.
    static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isValidName(key)
        case 2:
            let prefix = parts[0]
            let prefixIsValid =
                !prefix.isEmpty && prefix.count <= 253
                && prefix.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }
            return prefixIsValid && isValidName(String(parts[1]))
        default: return false
        }
    }

    /// Up to 63 alphanumerics, `-`, `_`, `.`, beginning and ending alphanumeric.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, let last = name.last, name.count <= 63 else { return false }
        let isAlphanumeric = { (character: Character) in character.isASCII && (character.isLetter || character.isNumber) }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && name.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
