import TocsinAPI

/// The Monitors, AlertRules and OnCallSchedules a rule test runs, gathered from manifest files and the test's
/// inline `manifests:`, with every problem found in them (as `tocsin validate` reports it).
public struct RuleTestManifests: Sendable {
    /// The Monitors.
    public private(set) var monitors: [Monitor] = []
    /// The AlertRules.
    public private(set) var alertRules: [AlertRule] = []
    /// The OnCallSchedules.
    public private(set) var schedules: [OnCallSchedule] = []
    /// The OnCallOverrides (merged into their schedules).
    public private(set) var overrides: [OnCallOverride] = []
    /// `file:line: Kind/name: problem` for every problem; the test cannot run while there is one.
    public private(set) var problems: [String] = []

    /// The namespace given to manifests that name none (as `kubectl apply` would).
    public static let defaultNamespace = "default"

    /// No manifests.
    public init() {}

    /// Adds the Tocsin objects of the multi-document `yaml`, read from `source`, whose first line is line
    /// `firstLine` of that file. Documents of other API groups and Incidents are skipped.
    public mutating func add(yaml: String, source: String, firstLine: Int = 1) {
        let documents: [ManifestDocument]
        do {
            documents = try ManifestDecoder().decode(yaml: yaml)
        } catch {
            problems.append("\(source):\((error.line ?? 1) + firstLine - 1): invalid YAML: \(error.message)")
            return
        }
        for document in documents where document.isTocsin {
            let line = document.line + firstLine - 1
            let subject = "\(document.kind ?? "?")/\(document.name ?? "?")"
            guard document.errors.isEmpty, let object = document.object else {
                problems += document.errors.map { "\(source):\(line): \(subject): \($0)" }
                continue
            }
            switch object {
            case .monitor(var monitor):
                monitor.metadata.namespace = monitor.metadata.namespace ?? Self.defaultNamespace
                monitors.append(monitor)
            case .alertRule(var rule):
                rule.metadata.namespace = rule.metadata.namespace ?? Self.defaultNamespace
                alertRules.append(rule)
            case .onCallSchedule(var schedule):
                schedule.metadata.namespace = schedule.metadata.namespace ?? Self.defaultNamespace
                schedules.append(schedule)
            case .onCallOverride(var override):
                override.metadata.namespace = override.metadata.namespace ?? Self.defaultNamespace
                overrides.append(override)
            case .incident:
                continue
            }
        }
    }

    /// Adds the test's inline `manifests:`, reporting problems against `source` (the test file).
    public mutating func add(inlineManifestsOf test: RuleTestFile, source: String) {
        for manifest in test.inlineManifests { add(yaml: manifest.yaml, source: source, firstLine: manifest.line) }
    }

    /// The scope an AlertRule sees through its Monitor: the Monitor's namespaces (its own when unset; a namespace
    /// label selector covers every namespace of the test), kinds (all by default), pod selector and labels.
    func scope(of rule: AlertRule) -> RuleScope? {
        let namespace = rule.metadata.namespace ?? Self.defaultNamespace
        guard let monitor = monitors.first(where: {
            $0.metadata.name == rule.spec.monitorRef.name && $0.metadata.namespace == namespace
        }) else { return nil }
        let namespaces: RuleScope.Namespaces
        if let names = monitor.spec.namespaces?.names {
            namespaces = .names(Set(names))
        } else if monitor.spec.namespaces?.selector != nil {
            namespaces = .all
        } else {
            namespaces = .names([namespace])
        }
        return RuleScope(
            monitorNamespace: namespace, monitor: rule.spec.monitorRef.name, namespaces: namespaces,
            kinds: Set(monitor.spec.kinds ?? WatchedKind.allCases), podSelector: monitor.spec.podSelector,
            labels: monitor.spec.labels ?? [:])
    }
}
