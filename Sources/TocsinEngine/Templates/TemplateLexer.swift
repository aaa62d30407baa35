/// Splits a template's source into text and actions, and actions into tokens, recording every lexical error.
///
/// An action with an error is dropped (its errors are kept) and lexing resumes after its `}}`, so that one mistake
/// does not hide the next. `{{-` and `-}}` (with a space next to the dash, as in Go) trim the whitespace before and
/// after the action; `{{/* … */}}` is a comment.
struct TemplateLexer {
    let scalars: [Unicode.Scalar]
    private(set) var index = 0
    private var line = 1
    private var column = 1
    private var segments: [TemplateSegment] = []
    private var trimNextText = false
    private(set) var diagnostics: [TemplateDiagnostic] = []

    init(source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// Lexes the whole source.
    mutating func segmentsOfSource() -> [TemplateSegment] {
        var text = String.UnicodeScalarView()
        while index < scalars.count {
            if isAt("{{") {
                appendText(text)
                text = String.UnicodeScalarView()
                lexAction()
            } else {
                text.append(scalars[index])
                advance()
            }
        }
        appendText(text)
        return segments
    }

    var position: TemplatePosition { TemplatePosition(line: line, column: column) }

    /// Where the lexer is, to go back to after an error that swallowed the action's end.
    struct Checkpoint {
        fileprivate var index: Int
        fileprivate var line: Int
        fileprivate var column: Int
    }

    var checkpoint: Checkpoint { Checkpoint(index: index, line: line, column: column) }

    mutating func restore(_ checkpoint: Checkpoint) {
        index = checkpoint.index
        line = checkpoint.line
        column = checkpoint.column
    }

    func scalar(at offset: Int = 0) -> Unicode.Scalar? {
        let target = index + offset
        return target < scalars.count ? scalars[target] : nil
    }

    func isAt(_ literal: String) -> Bool {
        var offset = 0
        for expected in literal.unicodeScalars {
            guard scalar(at: offset) == expected else { return false }
            offset += 1
        }
        return true
    }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private mutating func appendText(_ scalars: String.UnicodeScalarView) {
        var text = String(scalars)
        if trimNextText {
            text = String(text.drop(while: { $0.isWhitespace }))
            trimNextText = false
        }
        if !text.isEmpty { segments.append(.text(text)) }
    }

    private mutating func trimPreviousText() {
        guard case .text(let text)? = segments.last else { return }
        segments.removeLast()
        let trimmed = String(text.reversed().drop(while: { $0.isWhitespace }).reversed())
        if !trimmed.isEmpty { segments.append(.text(trimmed)) }
    }

    mutating func report(_ position: TemplatePosition, _ message: String, hint: String? = nil) {
        diagnostics.append(TemplateDiagnostic(at: position, message, hint: hint))
    }

    /// Lexes from `{{` to its `}}`, appending an action segment when it has no error.
    private mutating func lexAction() {
        let start = position
        advance(2)
        if scalar() == "-", Self.isSpace(scalar(at: 1)) {
            trimPreviousText()
            advance()
        }
        var tokens: [TemplateToken] = []
        var isComment = false
        while true {
            while Self.isSpace(scalar()) { advance() }
            guard index < scalars.count else {
                report(start, "unclosed action", hint: "add }}")
                return
            }
            if isAt("}}") {
                advance(2)
                break
            }
            if isAt("-}}"), index > 0, Self.isSpace(scalars[index - 1]) {
                advance(3)
                trimNextText = true
                break
            }
            if isAt("/*"), tokens.isEmpty {
                guard lexComment(actionStart: start) else { return }
                isComment = true
                continue
            }
            guard let token = lexToken() else {
                skipToEndOfAction(actionStart: start)
                return
            }
            tokens.append(token)
        }
        if !tokens.isEmpty {
            segments.append(.action(tokens, start))
        } else if !isComment {
            report(start, "empty action")
        }
    }

    /// Lexes `/* … */` and checks that the action ends right after it; returns false when lexing must stop.
    private mutating func lexComment(actionStart: TemplatePosition) -> Bool {
        let start = position
        advance(2)
        while index < scalars.count, !isAt("*/") { advance() }
        guard index < scalars.count else {
            report(start, "unclosed comment", hint: "add */}}")
            return false
        }
        advance(2)
        while Self.isSpace(scalar()) { advance() }
        if isAt("}}") || (isAt("-}}") && index > 0 && Self.isSpace(scalars[index - 1])) {
            // The caller's loop consumes the closing delimiter; a comment makes an action with no tokens.
            return true
        }
        report(position, "text after a comment", hint: "a comment must be the whole action")
        skipToEndOfAction(actionStart: actionStart)
        return false
    }

    /// After an error inside an action, skips to just after its `}}` (or reports it unclosed).
    mutating func skipToEndOfAction(actionStart: TemplatePosition) {
        while index < scalars.count, !isAt("}}") { advance() }
        if index < scalars.count {
            advance(2)
        } else {
            report(actionStart, "unclosed action", hint: "add }}")
        }
    }
}
