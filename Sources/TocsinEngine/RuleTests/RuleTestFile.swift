import Foundation
import TocsinAPI

/// A rule unit test, as written in a `tocsin test` file: the manifests under test, the objects the cluster shows at
/// time offsets from `start`, and the incidents expected open at given offsets.
///
/// ```yaml
/// rules: [rules.yaml]              # files of Monitors, AlertRules, OnCallSchedules (relative to the test file)
/// start: 2026-03-01T09:00:00Z
/// steps:
///   - at: 0m
///     objects: [ {Pod…}, {Node…}, {Event…} ]
///   - at: 20m
///     delete: [ {kind: Pod, namespace: shop, name: api-1} ]
/// expect:
///   - at: 16m
///     incidents:
///       - rule: crash
///         groupLabels: {namespace: shop, workload: Deployment/api}
///         severity: high
/// ```
public struct RuleTestFile: Sendable {
    /// An optional name, shown in messages.
    public var name: String?
    /// Manifest files (`rules:` then `schedules:`), as written: relative to the test file.
    public var manifestFiles: [String]
    /// Manifests written in the test file itself (`manifests:`), each as YAML text with the line it starts on.
    public var inlineManifests: [InlineManifest]
    /// The instant of offset `0s`.
    public var start: Date
    /// What happens, in file order.
    public var steps: [RuleTestStep]
    /// What must be open, in file order.
    public var expectations: [RuleTestExpectation]

    /// Creates a test.
    public init(
        name: String? = nil, manifestFiles: [String] = [], inlineManifests: [InlineManifest] = [], start: Date,
        steps: [RuleTestStep] = [], expectations: [RuleTestExpectation] = []
    ) {
        self.name = name
        self.manifestFiles = manifestFiles
        self.inlineManifests = inlineManifests
        self.start = start
        self.steps = steps
        self.expectations = expectations
    }

    /// A manifest written inline in a test file.
    public struct InlineManifest: Sendable, Hashable {
        /// The manifest as YAML.
        public var yaml: String
        /// The line of the test file on which it starts.
        public var line: Int

        /// Creates an inline manifest.
        public init(yaml: String, line: Int) {
            self.yaml = yaml
            self.line = line
        }
    }
}

/// What happens at one offset: objects appear or change, objects go away, people act on incidents.
public struct RuleTestStep: Sendable {
    /// The offset from the test's start.
    public var at: KubeDuration
    /// The line of the step in the test file.
    public var line: Int
    /// Objects added or changed (`objects:`) and removed (`delete:`), in that order.
    public var changes: [ObservedChange]
    /// Acknowledgements and resolutions by hand (`acknowledge:`, `resolve:`), applied after the changes.
    public var operations: [RuleTestOperation]

    /// Creates a step.
    public init(at: KubeDuration, line: Int, changes: [ObservedChange] = [], operations: [RuleTestOperation] = []) {
        self.at = at
        self.line = line
        self.changes = changes
        self.operations = operations
    }
}

/// A person acknowledging or resolving the open incident of one group.
public struct RuleTestOperation: Sendable, Hashable {
    /// What the person does.
    public enum Kind: String, Sendable, Hashable {
        /// `acknowledge:` — escalation and repeats stop.
        case acknowledge
        /// `resolve:` — the incident resolves while its condition may still hold.
        case resolve
    }

    /// What the person does.
    public var kind: Kind
    /// The incident's group.
    public var group: IncidentGroupReference
    /// Who (`by:`, default `tester`).
    public var actor: String
    /// The line in the test file.
    public var line: Int

    /// Creates an operation.
    public init(kind: Kind, group: IncidentGroupReference, actor: String, line: Int) {
        self.kind = kind
        self.group = group
        self.actor = actor
        self.line = line
    }
}

/// Names one group of one rule: `rule` (`name` or `namespace/name`) and its `groupLabels`.
public struct IncidentGroupReference: Sendable, Hashable, CustomStringConvertible {
    /// The rule's name.
    public var rule: String
    /// The rule's namespace, when the test names it (`shop/crash`).
    public var ruleNamespace: String?
    /// The group's labels (empty for a rule without `groupBy`).
    public var groupLabels: [String: String]

    /// Creates a reference.
    public init(rule: String, ruleNamespace: String? = nil, groupLabels: [String: String] = [:]) {
        self.rule = rule
        self.ruleNamespace = ruleNamespace
        self.groupLabels = groupLabels
    }

    /// Whether `incident` is of this group.
    public func matches(_ incident: Incident) -> Bool {
        incident.spec.alertRuleRef.name == rule && (incident.spec.groupLabels ?? [:]) == groupLabels
            && (ruleNamespace.map { $0 == incident.metadata.namespace } ?? true)
    }

    /// `crash {namespace=shop, workload=Deployment/api}`.
    public var description: String {
        let name = ruleNamespace.map { "\($0)/\(rule)" } ?? rule
        return "\(name) \(Self.text(of: groupLabels))"
    }

    /// `{namespace=shop, workload=Deployment/api}`, keys sorted.
    public static func text(of labels: [String: String]) -> String {
        "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}

/// The incidents that must be open at one offset: exactly these (by rule and group labels), no others.
public struct RuleTestExpectation: Sendable {
    /// The offset from the test's start.
    public var at: KubeDuration
    /// The line in the test file.
    public var line: Int
    /// The incidents expected open.
    public var incidents: [ExpectedIncident]

    /// Creates an expectation.
    public init(at: KubeDuration, line: Int, incidents: [ExpectedIncident]) {
        self.at = at
        self.line = line
        self.incidents = incidents
    }
}

/// One open incident expected: its group, and the fields the test cares about (`nil` = not checked).
public struct ExpectedIncident: Sendable, Hashable {
    /// The incident's group.
    public var group: IncidentGroupReference
    /// `phase` (`Firing`, `Acknowledged`).
    public var phase: IncidentPhase?
    /// `severity`.
    public var severity: Severity?
    /// `summary`, exact.
    public var summary: String?
    /// `subject`, exact.
    public var subject: String?
    /// `value`, exact text.
    public var value: String?
    /// `affectedObjectCount`.
    public var affectedObjectCount: Int?
    /// `escalationLevel`.
    public var escalationLevel: Int?
    /// The names of everyone paged so far, in order (`paged: [alice, frank]`).
    public var paged: [String]?
    /// Labels the incident must carry with these values (others may be present).
    public var labels: [String: String]?

    /// Creates an expectation of one incident.
    public init(group: IncidentGroupReference) {
        self.group = group
    }
}
