/// Walks every branch of a parsed template with a sample context and reports fields the sample lacks.
struct TemplateChecker {
    let root: TemplateValue
    private(set) var diagnostics: [TemplateDiagnostic] = []

    init(root: TemplateValue) {
        self.root = root
    }

    /// Checks nodes; `dot` is nil where the sample cannot say what `.` is (inside a range over an empty list).
    mutating func check(_ nodes: [TemplateNode], dot: TemplateValue?) {
        for node in nodes {
            switch node {
            case .text:
                continue
            case .output(let pipeline):
                check(pipeline, dot: dot)
            case .conditional(let branches, let otherwise):
                for branch in branches {
                    check(branch.condition, dot: dot)
                    check(branch.body, dot: dot)
                }
                check(otherwise, dot: dot)
            case .loop(let pipeline, let body, let otherwise, _):
                check(pipeline, dot: dot)
                check(body, dot: element(of: sampleValue(of: pipeline, dot: dot)))
                check(otherwise, dot: dot)
            }
        }
    }

    /// What `.` is inside a range over a sample value, if the sample says.
    private func element(of value: TemplateValue?) -> TemplateValue? {
        switch value {
        case .list(let items)?: items.first
        case .map(let entries)?:
            entries.keys.sorted().first.map { ["key": .string($0), "value": entries[$0, default: .null]] }
        default: nil
        }
    }

    /// The sample value of a pipeline that is a bare field, the only kind whose value the checker predicts.
    private func sampleValue(of pipeline: TemplatePipeline, dot: TemplateValue?) -> TemplateValue? {
        guard pipeline.commands.count == 1, case .operand(.field(let path, let isRooted, _))? = pipeline.commands.first,
              var value = isRooted ? root : dot else { return nil }
        for key in path {
            guard case .map(let entries) = value, let next = entries[key] else { return nil }
            value = next
        }
        return value
    }

    private mutating func check(_ pipeline: TemplatePipeline, dot: TemplateValue?) {
        for command in pipeline.commands {
            switch command {
            case .operand(let operand):
                check(operand, dot: dot)
            case .call(_, let operands, _):
                for operand in operands { check(operand, dot: dot) }
            }
        }
    }

    private mutating func check(_ operand: TemplateOperand, dot: TemplateValue?) {
        switch operand {
        case .literal:
            return
        case .pipeline(let pipeline):
            check(pipeline, dot: dot)
        case .field(let path, let isRooted, let position):
            guard var value = isRooted ? root : dot else { return }
            var walked = isRooted ? "$" : ""
            for key in path {
                guard case .map(let entries) = value else {
                    if value == .null { return }
                    let owner = walked.isEmpty ? "." : walked
                    return report(position, "cannot read .\(key) of \(owner) (\(value.kindName)) in the sample")
                }
                guard let next = entries[key] else {
                    let suggestion = TemplateFunction.closest(to: key, among: entries.keys.sorted())
                    return report(position, "no field \(walked).\(key) in the sample context",
                                  hint: suggestion.map { "did you mean \(walked).\($0)?" })
                }
                walked += "." + key
                value = next
            }
        }
    }

    private mutating func report(_ position: TemplatePosition, _ message: String, hint: String? = nil) {
        diagnostics.append(TemplateDiagnostic(at: position, message, hint: hint))
    }
}
