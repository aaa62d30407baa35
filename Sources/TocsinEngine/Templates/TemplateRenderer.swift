/// Walks parsed nodes with a context and produces text, never failing: type mismatches give empty text and a
/// warning, and every loop and every text is bounded by ``TemplateLimits``.
struct TemplateRenderer {
    let limits: TemplateLimits
    let root: TemplateValue
    private var output: TemplateOutput
    private(set) var warnings: [TemplateDiagnostic] = []
    private var iterationsLeft: Int
    private var stepsLeft: Int

    init(limits: TemplateLimits, context: TemplateContext) {
        self.limits = limits
        root = context.root
        output = TemplateOutput(maxBytes: limits.maxOutputBytes)
        iterationsLeft = limits.maxRangeIterations
        stepsLeft = limits.maxSteps
    }

    /// Whether rendering may go on: the output has room and the step budget is not spent.
    private var canContinue: Bool { !output.isFull && stepsLeft > 0 }

    /// Takes one step from the budget; warns once, when it runs out.
    private mutating func spendStep(at position: TemplatePosition) -> Bool {
        guard stepsLeft > 0 else { return false }
        stepsLeft -= 1
        if stepsLeft == 0 { warn(position, "rendering stopped after \(limits.maxSteps) steps") }
        return stepsLeft > 0
    }

    /// Renders nodes, then returns the result.
    static func render(_ nodes: [TemplateNode], context: TemplateContext, limits: TemplateLimits)
        -> TemplateRendering {
        var renderer = TemplateRenderer(limits: limits, context: context)
        renderer.render(nodes, dot: renderer.root)
        if renderer.output.isFull {
            renderer.warn(TemplatePosition(line: 1, column: 1),
                          "output longer than \(limits.maxOutputBytes) bytes was truncated")
        }
        return TemplateRendering(text: renderer.output.finished(), warnings: renderer.warnings,
                                 isTruncated: renderer.output.isFull)
    }

    /// Records a warning, up to the limit.
    mutating func warn(_ position: TemplatePosition, _ message: String) {
        guard warnings.count < limits.maxWarnings else { return }
        warnings.append(TemplateDiagnostic(at: position, message))
    }

    /// Cuts a function's text result to the output limit.
    func capped(_ text: String) -> TemplateValue {
        .string(TemplateOutput.capped(text, maxBytes: limits.maxOutputBytes))
    }

    private mutating func render(_ nodes: [TemplateNode], dot: TemplateValue) {
        for node in nodes {
            guard canContinue, spendStep(at: node.position) else { return }
            switch node {
            case .text(let text):
                output.append(text)
            case .output(let pipeline):
                output.append(evaluate(pipeline, dot: dot).text)
            case .conditional(let branches, let otherwise):
                let chosen = branches.first { evaluate($0.condition, dot: dot).isTruthy }
                render(chosen?.body ?? otherwise, dot: dot)
            case .loop(let pipeline, let body, let otherwise, let position):
                renderLoop(over: evaluate(pipeline, dot: dot), body: body, otherwise: otherwise, at: position,
                           dot: dot)
            }
        }
    }

    private mutating func renderLoop(over value: TemplateValue, body: [TemplateNode], otherwise: [TemplateNode],
                                     at position: TemplatePosition, dot: TemplateValue) {
        let elements: [TemplateValue]
        switch value {
        case .list(let items):
            elements = items
        case .map(let entries):
            elements = entries.keys.sorted().prefix(iterationsLeft + 1).map { key in
                .map(["key": .string(key), "value": entries[key, default: .null]])
            }
        case .null:
            elements = []
        default:
            warn(position, "range expects a list or a map, got \(value.kindName)")
            elements = []
        }
        guard !elements.isEmpty else { return render(otherwise, dot: dot) }
        for element in elements {
            guard canContinue else { return }
            guard iterationsLeft > 0 else {
                return warn(position, "range stopped after \(limits.maxRangeIterations) iterations")
            }
            iterationsLeft -= 1
            render(body, dot: element)
        }
    }

    /// Evaluates a pipeline: each command's value becomes the last argument of the next.
    mutating func evaluate(_ pipeline: TemplatePipeline, dot: TemplateValue) -> TemplateValue {
        var value: TemplateValue?
        for command in pipeline.commands {
            guard spendStep(at: pipeline.position) else { return .null }
            switch command {
            case .operand(let operand):
                value = evaluate(operand, dot: dot)
            case .call(let function, let operands, let position):
                var arguments = operands.map { evaluate($0, dot: dot) }
                if let value { arguments.append(value) }
                value = call(function, arguments, at: position)
            }
        }
        return value ?? .null
    }

    private mutating func evaluate(_ operand: TemplateOperand, dot: TemplateValue) -> TemplateValue {
        switch operand {
        case .literal(let value):
            return value
        case .pipeline(let pipeline):
            return evaluate(pipeline, dot: dot)
        case .field(let path, let isRooted, let position):
            var value = isRooted ? root : dot
            for (offset, key) in path.enumerated() {
                switch value {
                case .map(let entries):
                    value = entries[key] ?? .null
                case .null:
                    return .null
                default:
                    let prefix = path.prefix(offset).map { "." + $0 }.joined()
                    let owner = (isRooted ? "$" : "") + (prefix.isEmpty ? (isRooted ? "" : ".") : prefix)
                    warn(position, "cannot read .\(key) of \(owner) (\(value.kindName))")
                    return .null
                }
            }
            return value
        }
    }
}
