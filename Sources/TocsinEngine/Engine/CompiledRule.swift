import Foundation
import TocsinAPI

/// An AlertRule ready to evaluate: defaults applied, its condition compiled, its templates parsed.
public struct CompiledRule: Sendable {
    /// The rule's namespace.
    public let namespace: String
    /// The rule's name.
    public let name: String
    /// The rule's `metadata.uid` (the Incidents' owner reference).
    public let uid: String?
    /// The spec with defaults applied.
    public let spec: AlertRuleSpec
    /// The compiled condition.
    public let condition: CompiledCondition
    /// The timing of its incidents.
    public let policy: LifecyclePolicy
    /// The `groupBy` label keys.
    public let groupBy: [String]
    let summary: Template
    let description: Template?
    /// The mute windows: while one holds, incidents open silenced and timers pause.
    let muteSchedule: MuteSchedule
    /// The rules (same namespace) whose open incidents silence this rule's incidents with equal labels.
    let inhibitions: [Inhibition]

    /// Compiles `rule`.
    /// - Throws: ``RuleCompileError`` naming the field: a rule without a name or namespace, a condition that is
    ///   not exactly one member or does not compile (bad pattern, unsupported field path), a template that does
    ///   not parse.
    public init(_ rule: AlertRule) throws(RuleCompileError) {
        guard let name = rule.metadata.name, let namespace = rule.metadata.namespace else {
            throw RuleCompileError(problems: ["metadata: an AlertRule needs a name and a namespace"])
        }
        let defaulted = rule.withDefaults()
        guard let typed = defaulted.spec.condition.typed else {
            throw RuleCompileError(problems: ["spec.condition: set exactly one condition"])
        }
        var problems: [String] = []
        var compiled: CompiledCondition?
        do {
            compiled = try CompiledCondition(typed)
        } catch {
            problems.append("spec.condition.\(error)")
        }
        var summary: Template?
        var description: Template?
        do {
            summary = try Template(parsing: defaulted.spec.summary ?? DefaultTexts.summary(for: typed.type))
        } catch {
            problems += error.diagnostics.map { "spec.summary: \($0)" }
        }
        if let source = defaulted.spec.description {
            do {
                description = try Template(parsing: source)
            } catch {
                problems += error.diagnostics.map { "spec.description: \($0)" }
            }
        }
        guard problems.isEmpty, let compiled, let summary else { throw RuleCompileError(problems: problems) }
        self.namespace = namespace
        self.name = name
        self.uid = rule.metadata.uid
        self.spec = defaulted.spec
        self.condition = compiled
        self.policy = LifecyclePolicy(spec: defaulted.spec)
        self.groupBy = defaulted.spec.groupBy ?? typed.type.defaultGroupBy
        self.summary = summary
        self.description = description
        self.muteSchedule = MuteSchedule(defaulted.spec.muteWindows ?? [])
        self.inhibitions = defaulted.spec.inhibitedBy ?? []
    }

    /// Whether the rule can silence its incidents (mute windows or inhibition).
    var canBeSilenced: Bool { !muteSchedule.isEmpty || !inhibitions.isEmpty }

    /// The summary rendered for `context` (empty text and warnings never stop an incident).
    func renderSummary(_ context: TemplateContext) -> String {
        let text = summary.render(context).text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "\(name) fired" : text
    }

    /// The description rendered for `context`, if the rule has one.
    func renderDescription(_ context: TemplateContext) -> String? {
        description.map { $0.render(context).text }
    }
}

/// Why an AlertRule cannot be evaluated: every problem, each prefixed with its field.
public struct RuleCompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, e.g. `spec.condition.warningEvent: reasonPattern: invalid regular expression …`.
    public var problems: [String]

    /// Creates an error.
    public init(problems: [String]) {
        self.problems = problems
    }

    /// The problems joined with "; ".
    public var description: String { problems.joined(separator: "; ") }
}
