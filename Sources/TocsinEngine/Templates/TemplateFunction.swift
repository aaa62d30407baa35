/// The functions a template may call. There is no way to add one from a template, and none does I/O.
///
/// A piped value is passed as the last argument: `{{ .name | truncate 20 }}` is `truncate 20 .name`.
enum TemplateFunction: String, CaseIterable, Sendable, Hashable {
    case humanize, humanizeDuration, humanizePercentage
    case truncate, upper, lower, title, trimSpace, replace, quote
    case `default`, join, len, index, printf
    case eq, ne, lt, le, gt, ge, not, and, or

    /// How many arguments the function takes, the piped value included.
    var arity: ClosedRange<Int> {
        switch self {
        case .humanize, .humanizeDuration, .humanizePercentage, .upper, .lower, .title, .trimSpace, .quote, .len, .not:
            1...1
        case .truncate, .default, .join, .ne, .lt, .le, .gt, .ge:
            2...2
        case .replace:
            3...3
        case .index:
            2...9
        case .eq, .and, .or:
            2...16
        case .printf:
            1...16
        }
    }

    /// The arguments' names, for messages: `(length, text)`.
    var parameterNames: String {
        switch self {
        case .humanize, .humanizePercentage: "(number)"
        case .humanizeDuration: "(seconds or duration)"
        case .upper, .lower, .title, .trimSpace, .quote: "(text)"
        case .len: "(text, list or map)"
        case .not: "(value)"
        case .truncate: "(length, text)"
        case .default: "(fallback, value)"
        case .join: "(separator, list)"
        case .replace: "(old, new, text)"
        case .index: "(map or list, key…)"
        case .printf: "(format, values…)"
        case .eq: "(value, candidates…)"
        case .ne, .lt, .le, .gt, .ge: "(left, right)"
        case .and, .or: "(values…)"
        }
    }

    /// The arity check's message, or nil when `count` arguments are right.
    func arityProblem(count: Int) -> String? {
        guard !arity.contains(count) else { return nil }
        let noun = { (number: Int) in number == 1 ? "argument" : "arguments" }
        let expected: String
        if arity.lowerBound == arity.upperBound {
            expected = "\(arity.lowerBound) \(noun(arity.lowerBound))"
        } else if count < arity.lowerBound {
            expected = "at least \(arity.lowerBound) \(noun(arity.lowerBound))"
        } else {
            expected = "at most \(arity.upperBound) \(noun(arity.upperBound))"
        }
        return "\(rawValue) expects \(expected) \(parameterNames), got \(count)"
    }

    /// The known name closest to a misspelt one, if it is close enough to be a likely typo.
    static func suggestion(for name: String) -> String? {
        closest(to: name, among: allCases.map(\.rawValue))
    }

    /// The candidate equal to `name` but for case, or else the first one within one edit (names of up to four
    /// characters) or two edits (longer names); nil when none is that close.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let maxDistance = name.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            if candidate.lowercased() == name.lowercased() { return candidate }
            let distance = editDistance(name, candidate, cap: maxDistance + 1)
            if distance <= maxDistance, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance between two short names, stopping early once it exceeds `cap`.
    static func editDistance(_ left: String, _ right: String, cap: Int) -> Int {
        let source = Array(left.unicodeScalars), target = Array(right.unicodeScalars)
        if abs(source.count - target.count) > cap { return cap + 1 }
        var previous = Array(0...target.count)
        for (row, sourceScalar) in source.enumerated() {
            var current = [row + 1] + Array(repeating: 0, count: target.count)
            for (column, targetScalar) in target.enumerated() {
                let substitution = previous[column] + (sourceScalar == targetScalar ? 0 : 1)
                current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
            }
            if current.min() ?? 0 > cap { return cap + 1 }
            previous = current
        }
        return previous[target.count]
    }
}
