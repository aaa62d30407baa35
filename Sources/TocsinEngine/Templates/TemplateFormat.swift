import Foundation

/// A `printf` format string, limited to verbs that cannot misbehave: `%s`, `%d`, `%f`, `%.Nf` (N ≤ 12), `%v` and
/// `%%`. Parsed when the template is parsed, so a bad verb is a syntax error, not a surprise at 3 a.m.
struct TemplateFormat: Sendable, Hashable {
    /// One verb.
    enum Verb: Sendable, Hashable {
        /// `%s`: the value's text.
        case text
        /// `%d`: a number, truncated towards zero.
        case integer
        /// `%f` (6 digits) or `%.Nf`.
        case fixed(precision: Int)
        /// `%v`: the value's text (the same as `%s` here).
        case value
    }

    /// A run of literal text or a verb.
    enum Piece: Sendable, Hashable {
        case literal(String)
        case verb(Verb)
    }

    /// The largest precision `%.Nf` accepts.
    static let maxPrecision = 12

    /// The pieces, in order.
    var pieces: [Piece]

    /// How many values the format consumes.
    var verbCount: Int {
        pieces.count { if case .verb = $0 { true } else { false } }
    }

    /// Parses a format, or returns the message and hint of its first bad verb.
    static func parse(_ format: String) -> Result<TemplateFormat, TemplateDiagnosticText> {
        var pieces: [Piece] = []
        var literal = ""
        var scalars = format.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "%" else {
                literal.unicodeScalars.append(scalar)
                continue
            }
            var spelling = "%"
            var precision: Int?
            if scalars.first == "." {
                scalars.removeFirst()
                spelling += "."
                var digits = ""
                while let digit = scalars.first, ("0"..."9").contains(digit), digits.count < 3 {
                    digits.unicodeScalars.append(digit)
                    scalars.removeFirst()
                }
                spelling += digits
                precision = Int(digits)
                if precision == nil || precision ?? 0 > maxPrecision {
                    return .failure(TemplateDiagnosticText(
                        message: "unsupported printf precision \(spelling)",
                        hint: "use %.Nf with N from 0 to \(maxPrecision)"))
                }
            }
            let letter = scalars.popFirst()
            spelling += letter.map { String($0) } ?? ""
            let verb: Verb?
            switch (letter, precision) {
            case ("%", nil):
                literal += "%"
                continue
            case ("s", nil): verb = .text
            case ("d", nil): verb = .integer
            case ("v", nil): verb = .value
            case ("f", let precision): verb = .fixed(precision: precision ?? 6)
            default: verb = nil
            }
            guard let verb else {
                return .failure(TemplateDiagnosticText(
                    message: "unsupported printf verb \(spelling)", hint: "use %s, %d, %f, %.Nf, %v or %%"))
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(.verb(verb))
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return .success(TemplateFormat(pieces: pieces))
    }
}

/// A diagnostic's message and hint, before its position is known.
struct TemplateDiagnosticText: Error, Sendable, Hashable {
    var message: String
    var hint: String?
}
