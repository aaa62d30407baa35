/// What one `{{ … }}` action means once its tokens are parsed.
enum TemplateAction: Sendable, Hashable {
    case output(TemplatePipeline)
    case `if`(TemplatePipeline)
    case elseIf(TemplatePipeline)
    case `else`
    case end
    case range(TemplatePipeline)
}

/// Parses the tokens of one action into a ``TemplateAction``.
///
/// It stops at the first error in the action (reported as a thrown diagnostic); a block keyword with a broken
/// pipeline still opens its block, with an empty pipeline, so that its `{{ end }}` matches and later errors are real.
struct TemplateActionParser {
    private let tokens: [TemplateToken]
    private let start: TemplatePosition
    private let maxNesting: Int
    private var index = 0
    private(set) var diagnostics: [TemplateDiagnostic] = []

    init(tokens: [TemplateToken], start: TemplatePosition, maxNesting: Int) {
        self.tokens = tokens
        self.start = start
        self.maxNesting = maxNesting
    }

    private static let unsupportedBlocks: Set<String> = ["with", "define", "block"]
    private static let unsupportedActions: Set<String> = ["template", "break", "continue"]

    /// Parses the action, or returns nil (with diagnostics) when it has no meaning at all.
    mutating func parse() -> TemplateAction? {
        var fallback: TemplateAction?
        do {
            return try parse(fallback: &fallback)
        } catch {
            diagnostics.append(error)
            return fallback
        }
    }

    private mutating func parse(fallback: inout TemplateAction?) throws(TemplateDiagnostic) -> TemplateAction? {
        guard let first = tokens.first else { return nil }
        let placeholder = TemplatePipeline(commands: [], position: first.position)
        guard case .identifier(let keyword) = first.kind else { return .output(try parsePipeline()) }
        switch keyword {
        case "if":
            fallback = .if(placeholder)
            index = 1
            return .if(try parseCondition(of: "{{ if }}", at: first))
        case "range":
            fallback = .range(placeholder)
            index = 1
            return .range(try parseCondition(of: "{{ range }}", at: first))
        case "else":
            guard tokens.count > 1 else { return .else }
            guard case .identifier("if") = tokens[1].kind else {
                fallback = .else
                throw unexpected(tokens[1], after: "else")
            }
            fallback = .elseIf(placeholder)
            index = 2
            return .elseIf(try parseCondition(of: "{{ else if }}", at: tokens[1]))
        case "end":
            fallback = .end
            if tokens.count > 1 { throw unexpected(tokens[1], after: "end") }
            return .end
        case _ where Self.unsupportedBlocks.contains(keyword) || Self.unsupportedActions.contains(keyword):
            fallback = Self.unsupportedBlocks.contains(keyword) ? .if(placeholder) : nil
            throw TemplateDiagnostic(at: first.position, "unsupported action \(keyword)",
                                     hint: "Tocsin templates support if, else, range and end")
        default:
            return .output(try parsePipeline())
        }
    }

    private func unexpected(_ token: TemplateToken, after keyword: String) -> TemplateDiagnostic {
        TemplateDiagnostic(at: token.position, "unexpected \(token.spelling) after \(keyword)")
    }

    private mutating func parseCondition(of action: String, at keyword: TemplateToken) throws(TemplateDiagnostic)
        -> TemplatePipeline {
        guard index < tokens.count else {
            throw TemplateDiagnostic(at: keyword.position, "missing value in \(action)")
        }
        return try parsePipeline()
    }

    /// Parses the whole remaining action as one pipeline.
    private mutating func parsePipeline() throws(TemplateDiagnostic) -> TemplatePipeline {
        let pipeline = try parsePipeline(depth: 0)
        if index < tokens.count {
            throw TemplateDiagnostic(at: tokens[index].position, "unexpected \(tokens[index].spelling)")
        }
        return pipeline
    }

    private var current: TemplateToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func parsePipeline(depth: Int) throws(TemplateDiagnostic) -> TemplatePipeline {
        let position = current?.position ?? start
        var commands: [TemplateCommand] = []
        while true {
            commands.append(try parseCommand(isPiped: !commands.isEmpty, depth: depth))
            guard let token = current, token.kind == .pipe else { break }
            index += 1
            if current == nil || current?.kind == .rightParenthesis {
                throw TemplateDiagnostic(at: token.position, "missing function after \"|\"")
            }
        }
        return TemplatePipeline(commands: commands, position: position)
    }

    private var isAtEndOfCommand: Bool {
        guard let token = current else { return true }
        return token.kind == .pipe || token.kind == .rightParenthesis
    }

    private mutating func parseCommand(isPiped: Bool, depth: Int) throws(TemplateDiagnostic) -> TemplateCommand {
        guard let token = current else { throw TemplateDiagnostic(at: start, "missing value") }
        if case .identifier(let name) = token.kind, !["true", "false", "nil"].contains(name) {
            index += 1
            guard let function = TemplateFunction(rawValue: name) else {
                throw TemplateDiagnostic(at: token.position, "unknown function \(name)",
                                         hint: TemplateFunction.suggestion(for: name).map { "did you mean \($0)?" })
            }
            var arguments: [TemplateOperand] = []
            while !isAtEndOfCommand { arguments.append(try parseOperand(depth: depth)) }
            if let problem = function.arityProblem(count: arguments.count + (isPiped ? 1 : 0)) {
                throw TemplateDiagnostic(at: token.position, problem)
            }
            if function == .printf { try checkFormat(arguments, isPiped: isPiped, at: token.position) }
            return .call(function, arguments, token.position)
        }
        let operand = try parseOperand(depth: depth)
        if isPiped {
            throw TemplateDiagnostic(at: token.position, "cannot pipe into \(operand.spelling)",
                                     hint: "only functions take a piped value")
        }
        if let next = current, !isAtEndOfCommand {
            throw TemplateDiagnostic(at: next.position, "unexpected \(next.spelling) after \(operand.spelling)",
                                     hint: "use \"|\" to pass a value to a function")
        }
        return .operand(operand)
    }

    private mutating func parseOperand(depth: Int) throws(TemplateDiagnostic) -> TemplateOperand {
        guard let token = current else { throw TemplateDiagnostic(at: start, "missing value") }
        index += 1
        switch token.kind {
        case .field(let path): return .field(path: path, isRooted: false, position: token.position)
        case .variable(let path): return .field(path: path, isRooted: true, position: token.position)
        case .string(let text): return .literal(.string(text))
        case .number(let number): return .literal(.number(number))
        case .identifier("true"): return .literal(.bool(true))
        case .identifier("false"): return .literal(.bool(false))
        case .identifier("nil"): return .literal(.null)
        case .identifier(let name):
            throw TemplateDiagnostic(at: token.position, "function \(name) used as an argument",
                                     hint: "wrap the call in parentheses: (\(name) …)")
        case .leftParenthesis:
            guard depth + 1 <= maxNesting else {
                throw TemplateDiagnostic(at: token.position, "nesting deeper than \(maxNesting) levels")
            }
            guard current != nil, current?.kind != .rightParenthesis else {
                throw TemplateDiagnostic(at: token.position, "empty parentheses")
            }
            let pipeline = try parsePipeline(depth: depth + 1)
            guard current?.kind == .rightParenthesis else {
                throw TemplateDiagnostic(at: token.position, "unclosed \"(\"", hint: "add \")\"")
            }
            index += 1
            return .pipeline(pipeline)
        case .pipe, .rightParenthesis:
            throw TemplateDiagnostic(at: token.position, "unexpected \(token.spelling)")
        }
    }

    /// Checks that printf's format is a literal with supported verbs, one per value.
    private func checkFormat(_ arguments: [TemplateOperand], isPiped: Bool, at position: TemplatePosition)
        throws(TemplateDiagnostic) {
        guard let first = arguments.first, case .literal(.string(let format)) = first else {
            throw TemplateDiagnostic(at: position, "printf format must be a string literal",
                                     hint: "write it first, in quotes: printf \"%.2f\" .value")
        }
        switch TemplateFormat.parse(format) {
        case .failure(let text):
            throw TemplateDiagnostic(at: position, text.message, hint: text.hint)
        case .success(let parsed):
            let values = arguments.count - 1 + (isPiped ? 1 : 0)
            if parsed.verbCount != values {
                let verbs = parsed.verbCount == 1 ? "1 verb" : "\(parsed.verbCount) verbs"
                throw TemplateDiagnostic(
                    at: position, "printf format has \(verbs) but \(values == 1 ? "1 value" : "\(values) values")")
            }
        }
    }
}
