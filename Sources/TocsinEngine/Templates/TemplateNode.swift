/// A parsed template: text to copy, values to print, conditionals and loops.
indirect enum TemplateNode: Sendable, Hashable {
    /// Text copied to the output.
    case text(String)
    /// `{{ pipeline }}`: the pipeline's value, printed.
    case output(TemplatePipeline)
    /// `{{ if }}…{{ else if }}…{{ else }}…{{ end }}`: the first branch whose condition is true, else `otherwise`.
    case conditional([TemplateBranch], otherwise: [TemplateNode])
    /// `{{ range }}…{{ else }}…{{ end }}`: the body once per element (`.` is the element), else `otherwise`.
    case loop(TemplatePipeline, body: [TemplateNode], otherwise: [TemplateNode], position: TemplatePosition)
}

extension TemplateNode {
    /// Where the node starts, for warnings (text has no useful position: 1:1).
    var position: TemplatePosition {
        switch self {
        case .text: TemplatePosition(line: 1, column: 1)
        case .output(let pipeline): pipeline.position
        case .conditional(let branches, _): branches.first?.condition.position ?? TemplatePosition(line: 1, column: 1)
        case .loop(_, _, _, let position): position
        }
    }
}

/// One `if` or `else if` branch.
struct TemplateBranch: Sendable, Hashable {
    /// The condition; an empty pipeline (after a parse error) is false.
    var condition: TemplatePipeline
    /// What is rendered when the condition is true.
    var body: [TemplateNode]
}

/// `command | command | …`: each command's value is passed as the last argument of the next.
struct TemplatePipeline: Sendable, Hashable {
    /// The commands, in order; empty only in placeholders left by parse errors.
    var commands: [TemplateCommand]
    /// Where the pipeline starts.
    var position: TemplatePosition
}

/// One stage of a pipeline.
enum TemplateCommand: Sendable, Hashable {
    /// A value on its own: a field, a literal or a parenthesized pipeline.
    case operand(TemplateOperand)
    /// A function and its explicit arguments (a piped value is appended at run time).
    case call(TemplateFunction, [TemplateOperand], TemplatePosition)
}

/// A value read by a command.
enum TemplateOperand: Sendable, Hashable {
    /// `.a.b` (relative to `.`) or `$.a.b` / `$a.b` (relative to the root of the context).
    case field(path: [String], isRooted: Bool, position: TemplatePosition)
    /// A string, number, Boolean or `nil` literal.
    case literal(TemplateValue)
    /// `( pipeline )`.
    case pipeline(TemplatePipeline)

    /// The operand as the user wrote it, roughly, for messages.
    var spelling: String {
        switch self {
        case .field(let path, let isRooted, _):
            (isRooted ? "$" : "") + "." + path.joined(separator: ".")
        case .literal(let value): value.text
        case .pipeline: "(…)"
        }
    }
}
