/// One lexical element inside a `{{ … }}` action.
struct TemplateToken: Sendable, Hashable {
    /// What the token is.
    enum Kind: Sendable, Hashable {
        /// `.` (an empty path) or `.labels.namespace`.
        case field([String])
        /// `$` (the root) or `$labels.namespace`, read as `$.labels.namespace`.
        case variable([String])
        /// A function name or a keyword (`if`, `else`, `end`, `range`, `true`, `false`, `nil`).
        case identifier(String)
        /// A quoted (`"…"`) or raw (`` `…` ``) string literal, unescaped.
        case string(String)
        /// A number literal.
        case number(Double)
        /// `|`.
        case pipe
        /// `(`.
        case leftParenthesis
        /// `)`.
        case rightParenthesis
    }

    /// What the token is.
    var kind: Kind
    /// Where the token starts.
    var position: TemplatePosition

    /// The token as the user wrote it (roughly), for messages such as `unexpected "|"`.
    var spelling: String {
        switch kind {
        case .field(let path): "." + path.joined(separator: ".")
        case .variable(let path): path.isEmpty ? "$" : "$" + path.joined(separator: ".")
        case .identifier(let name): name
        case .string(let text): "\"\(text)\""
        case .number(let number): TemplateValue.format(number)
        case .pipe: "\"|\""
        case .leftParenthesis: "\"(\""
        case .rightParenthesis: "\")\""
        }
    }
}

/// A piece of a template's source after lexing: literal text, or the tokens of one action.
enum TemplateSegment: Sendable, Hashable {
    /// Text copied to the output as is (after `{{-` / `-}}` trimming).
    case text(String)
    /// The tokens of one `{{ … }}` action, and where its `{{` is.
    case action([TemplateToken], TemplatePosition)
}
