extension TemplateLexer {
    static func isIdentifierStart(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar == "_" || scalar.properties.isAlphabetic
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return isIdentifierStart(scalar) || scalar.properties.numericType != nil
    }

    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar)
    }

    /// Lexes one token at the current position, or reports an error and returns nil.
    mutating func lexToken() -> TemplateToken? {
        let start = position
        guard let first = scalar() else { return nil }
        switch first {
        case "|":
            advance()
            return TemplateToken(kind: .pipe, position: start)
        case "(":
            advance()
            return TemplateToken(kind: .leftParenthesis, position: start)
        case ")":
            advance()
            return TemplateToken(kind: .rightParenthesis, position: start)
        case "\"":
            return lexQuotedString().map { TemplateToken(kind: .string($0), position: start) }
        case "`":
            return lexRawString().map { TemplateToken(kind: .string($0), position: start) }
        case ".":
            return TemplateToken(kind: .field(lexFieldPath()), position: start)
        case "$":
            advance()
            var path: [String] = []
            if Self.isIdentifierStart(scalar()) { path.append(lexIdentifier()) }
            return TemplateToken(kind: .variable(path + lexFieldPath()), position: start)
        default:
            if Self.isIdentifierStart(first) {
                return TemplateToken(kind: .identifier(lexIdentifier()), position: start)
            }
            if Self.isDigit(first) || ((first == "-" || first == "+") && Self.isDigit(scalar(at: 1))) {
                return lexNumber().map { TemplateToken(kind: .number($0), position: start) }
            }
            report(start, "unexpected character \"\(first)\" in action")
            return nil
        }
    }

    private mutating func lexIdentifier() -> String {
        var name = String.UnicodeScalarView()
        while Self.isIdentifierPart(scalar()), let next = scalar() {
            name.append(next)
            advance()
        }
        return String(name)
    }

    /// Lexes `.a.b.c` (or a lone `.`) into its keys.
    private mutating func lexFieldPath() -> [String] {
        var path: [String] = []
        while scalar() == ".", Self.isIdentifierStart(scalar(at: 1)) {
            advance()
            path.append(lexIdentifier())
        }
        if path.isEmpty, scalar() == "." { advance() }
        return path
    }

    private mutating func lexNumber() -> Double? {
        let start = position
        var raw = String.UnicodeScalarView()
        while let next = scalar(), Self.isIdentifierPart(next) || next == "." || next == "-" || next == "+" {
            // A sign is part of a number only at its start or right after an exponent.
            if next == "-" || next == "+", let last = raw.last, last != "e", last != "E" { break }
            raw.append(next)
            advance()
        }
        let text = String(raw)
        guard let number = Double(text), number.isFinite, !text.contains("_") else {
            report(start, "invalid number \(text)")
            return nil
        }
        return number
    }

    private mutating func lexQuotedString() -> String? {
        let start = position
        advance()
        let afterQuote = checkpoint
        var text = String.UnicodeScalarView()
        while let next = scalar(), next != "\"", next != "\n" {
            if next == "\\" {
                let escapePosition = position
                advance()
                switch scalar() {
                case "\\": text.append("\\")
                case "\"": text.append("\"")
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                default:
                    let escaped = scalar().map { String($0) } ?? ""
                    report(escapePosition, "invalid escape \\\(escaped) in string",
                           hint: "use \\\\, \\\", \\n, \\t or \\r")
                    return nil
                }
                advance()
            } else {
                text.append(next)
                advance()
            }
        }
        guard scalar() == "\"" else {
            report(start, "unterminated string", hint: "close it with \" on the same line")
            restore(afterQuote)
            return nil
        }
        advance()
        return String(text)
    }

    private mutating func lexRawString() -> String? {
        let start = position
        advance()
        var text = String.UnicodeScalarView()
        while let next = scalar(), next != "`" {
            text.append(next)
            advance()
        }
        guard scalar() == "`" else {
            report(start, "unterminated raw string", hint: "close it with `")
            return nil
        }
        advance()
        return String(text)
    }
}
