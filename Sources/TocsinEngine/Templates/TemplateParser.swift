/// Turns a template's source into nodes: lexes it, parses each action, and matches blocks with their `{{ end }}`.
///
/// Every problem is collected (not only the first), sorted by position.
struct TemplateParser {
    /// An open `{{ if }}` or `{{ range }}` while its body is being read.
    private struct Frame {
        enum Kind { case conditional, loop }
        var kind: Kind
        var position: TemplatePosition
        var branches: [TemplateBranch]
        var loopValue: TemplatePipeline
        var body: [TemplateNode] = []
        var otherwise: [TemplateNode] = []
        var isInElse = false
        var elsePosition: TemplatePosition?

        var keyword: String { kind == .conditional ? "{{ if }}" : "{{ range }}" }

        mutating func append(_ node: TemplateNode) {
            if isInElse { otherwise.append(node) } else { body.append(node) }
        }

        /// The finished node, once its `{{ end }}` is read.
        func node() -> TemplateNode {
            switch kind {
            case .conditional:
                var branches = self.branches
                if !branches.isEmpty { branches[branches.count - 1].body = body }
                return .conditional(branches, otherwise: otherwise)
            case .loop:
                return .loop(loopValue, body: body, otherwise: otherwise, position: position)
            }
        }
    }

    private let limits: TemplateLimits
    private var root: [TemplateNode] = []
    private var frames: [Frame] = []
    private var diagnostics: [TemplateDiagnostic] = []

    init(limits: TemplateLimits) {
        self.limits = limits
    }

    /// Parses a whole template into nodes, or returns every problem found.
    static func parse(_ source: String, limits: TemplateLimits) -> Result<[TemplateNode], TemplateSyntaxError> {
        var lexer = TemplateLexer(source: source)
        let segments = lexer.segmentsOfSource()
        var parser = TemplateParser(limits: limits)
        parser.diagnostics = lexer.diagnostics
        for segment in segments {
            switch segment {
            case .text(let text):
                parser.append(.text(text))
            case .action(let tokens, let position):
                var actionParser = TemplateActionParser(tokens: tokens, start: position, maxNesting: limits.maxNesting)
                let action = actionParser.parse()
                parser.diagnostics += actionParser.diagnostics
                if let action { parser.apply(action, at: position) }
            }
        }
        for frame in parser.frames {
            parser.diagnostics.append(TemplateDiagnostic(at: frame.position, "unclosed \(frame.keyword)",
                                                         hint: "add {{ end }}"))
        }
        guard parser.diagnostics.isEmpty else {
            let sorted = parser.diagnostics.enumerated()
                .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
                .map(\.element)
            return .failure(TemplateSyntaxError(diagnostics: sorted))
        }
        return .success(parser.root)
    }

    private mutating func append(_ node: TemplateNode) {
        if frames.isEmpty {
            root.append(node)
        } else {
            frames[frames.count - 1].append(node)
        }
    }

    private mutating func open(_ frame: Frame) {
        if frames.count == limits.maxNesting {
            diagnostics.append(TemplateDiagnostic(at: frame.position,
                                                  "nesting deeper than \(limits.maxNesting) levels"))
        }
        frames.append(frame)
    }

    private mutating func apply(_ action: TemplateAction, at position: TemplatePosition) {
        switch action {
        case .output(let pipeline):
            append(.output(pipeline))
        case .if(let condition):
            open(Frame(kind: .conditional, position: position,
                       branches: [TemplateBranch(condition: condition, body: [])], loopValue: condition))
        case .range(let value):
            open(Frame(kind: .loop, position: position, branches: [], loopValue: value))
        case .elseIf(let condition):
            guard var frame = frames.popLast() else {
                return unexpected("{{ else if }}", at: position, hint: "no {{ if }} is open")
            }
            defer { frames.append(frame) }
            guard frame.kind == .conditional, !frame.isInElse else {
                let hint = frame.isInElse ? "this \(frame.keyword) already has an {{ else }}"
                    : "{{ range }} takes a plain {{ else }}"
                return unexpected("{{ else if }}", at: position, hint: hint)
            }
            frame.branches[frame.branches.count - 1].body = frame.body
            frame.branches.append(TemplateBranch(condition: condition, body: []))
            frame.body = []
        case .else:
            guard var frame = frames.popLast() else {
                return unexpected("{{ else }}", at: position, hint: "no {{ if }} or {{ range }} is open")
            }
            defer { frames.append(frame) }
            guard !frame.isInElse else {
                return unexpected("{{ else }}", at: position, hint: "this \(frame.keyword) already has an {{ else }}")
            }
            frame.isInElse = true
        case .end:
            guard let frame = frames.popLast() else {
                return unexpected("{{ end }}", at: position, hint: "no {{ if }} or {{ range }} is open")
            }
            append(frame.node())
        }
    }

    private mutating func unexpected(_ action: String, at position: TemplatePosition, hint: String) {
        diagnostics.append(TemplateDiagnostic(at: position, "unexpected \(action)", hint: hint))
    }
}
