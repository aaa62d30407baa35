import Foundation
import KubeCore
import TocsinAPI
import Yams

extension RuleTestFile {
    /// Parses a test file.
    /// - Throws: ``RuleTestError`` with the line and field of the first problem: not YAML, an unknown or missing
    ///   field, a malformed offset, timestamp or object, an object of an unsupported kind.
    public init(yaml: String) throws(RuleTestError) {
        let root: Yams.Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw RuleTestError(line: 1, field: "", message: "the test file is empty: it needs start, steps and expect")
            }
            root = composed
        } catch let error as RuleTestError {
            throw error
        } catch let error as YamlError {
            throw Self.syntaxError(error)
        } catch {
            throw RuleTestError(line: nil, field: "", message: "invalid YAML: \(error)")
        }
        let file = RuleTestNode(node: root, path: "")
        let fields = try file.fields(allowed: ["name", "rules", "schedules", "manifests", "start", "steps", "expect"])
        guard let start = fields["start"] else {
            throw file.error("start is required: the instant of offset 0s, e.g. start: 2026-03-01T09:00:00Z")
        }
        var inline: [InlineManifest] = []
        for item in try fields["manifests"]?.items() ?? [] {
            do {
                inline.append(InlineManifest(yaml: try Yams.serialize(node: item.node), line: item.line))
            } catch {
                throw item.error("cannot be read as a manifest: \(error)")
            }
        }
        var steps: [RuleTestStep] = []
        for item in try fields["steps"]?.items() ?? [] { steps.append(try Self.step(item)) }
        var expectations: [RuleTestExpectation] = []
        for item in try fields["expect"]?.items() ?? [] { expectations.append(try Self.expectation(item)) }
        guard !expectations.isEmpty else {
            throw file.error("expect is required: list the incidents open at given offsets (incidents: [] for none)")
        }
        self.init(
            name: try fields["name"]?.string(),
            manifestFiles: (try fields["rules"]?.strings() ?? []) + (try fields["schedules"]?.strings() ?? []),
            inlineManifests: inline, start: try start.timestamp(), steps: steps, expectations: expectations)
    }

    static func step(_ item: RuleTestNode) throws(RuleTestError) -> RuleTestStep {
        let fields = try item.fields(allowed: ["at", "objects", "delete", "acknowledge", "resolve"])
        guard let at = fields["at"] else { throw item.error("at is required: the offset of the step, e.g. at: 5m") }
        var step = RuleTestStep(at: try at.duration(), line: item.line)
        for object in try fields["objects"]?.items() ?? [] { step.changes.append(try Self.change(object)) }
        for reference in try fields["delete"]?.items() ?? [] { step.changes.append(try Self.deletion(reference)) }
        for kind in [RuleTestOperation.Kind.acknowledge, .resolve] {
            for entry in try fields[kind.rawValue]?.items() ?? [] {
                let entryFields = try entry.fields(allowed: ["rule", "groupLabels", "by"])
                step.operations.append(RuleTestOperation(
                    kind: kind, group: try Self.group(entry, entryFields), actor: try entryFields["by"]?.string() ?? "tester",
                    line: entry.line))
            }
        }
        return step
    }

    /// A Pod, Node or Event (core `v1`) as the engine sees it.
    static func change(_ item: RuleTestNode) throws(RuleTestError) -> ObservedChange {
        var kind: String?
        if let node = item.node["kind"] { kind = try RuleTestNode(node: node, path: "\(item.path).kind").string() }
        switch kind {
        case "Pod":
            guard let pod = WatchedPod(try item.decode(Pod.self)) else {
                throw item.error("a Pod needs metadata.name and metadata.namespace")
            }
            return .pod(pod)
        case "Node":
            guard let node = WatchedNode(try item.decode(KubeCore.Node.self)) else { throw item.error("a Node needs metadata.name") }
            return .node(node)
        case "Event":
            guard let event = WatchedEvent(try item.decode(Event.self)) else {
                throw item.error("an Event needs metadata.name and metadata.namespace")
            }
            return .event(event)
        default:
            throw item.error("kind \(kind.map { "\"\($0)\"" } ?? "missing"): objects are Pods, Nodes and Events (core v1)")
        }
    }

    static func deletion(_ item: RuleTestNode) throws(RuleTestError) -> ObservedChange {
        let fields = try item.fields(allowed: ["kind", "namespace", "name"])
        guard let name = fields["name"] else { throw item.error("name is required") }
        let kind: ObservedObjectID.Kind
        switch try fields["kind"]?.string() {
        case "Pod": kind = .pod
        case "Node": kind = .node
        case "Event": kind = .event
        default: throw item.error("kind must be Pod, Node or Event")
        }
        let namespace = try fields["namespace"]?.string() ?? ""
        if kind != .node, namespace.isEmpty { throw item.error("namespace is required for a \(kind)") }
        return .deleted(ObservedObjectID(kind: kind, namespace: namespace, name: try name.string()))
    }

    static func expectation(_ item: RuleTestNode) throws(RuleTestError) -> RuleTestExpectation {
        let fields = try item.fields(allowed: ["at", "incidents"])
        guard let at = fields["at"] else { throw item.error("at is required: the offset to check, e.g. at: 16m") }
        guard let list = fields["incidents"] else {
            throw item.error("incidents is required: the incidents open at that offset (incidents: [] for none)")
        }
        var incidents: [ExpectedIncident] = []
        for entry in try list.items() { incidents.append(try Self.expectedIncident(entry)) }
        return RuleTestExpectation(at: try at.duration(), line: item.line, incidents: incidents)
    }

    static func expectedIncident(_ item: RuleTestNode) throws(RuleTestError) -> ExpectedIncident {
        let fields = try item.fields(allowed: [
            "rule", "groupLabels", "phase", "severity", "summary", "subject", "value", "affectedObjectCount",
            "escalationLevel", "paged", "labels",
        ])
        var expected = ExpectedIncident(group: try Self.group(item, fields))
        expected.phase = try fields["phase"]?.enumeration(IncidentPhase.self)
        expected.severity = try fields["severity"]?.enumeration(Severity.self)
        expected.summary = try fields["summary"]?.string()
        expected.subject = try fields["subject"]?.string()
        expected.value = try fields["value"]?.string()
        expected.affectedObjectCount = try fields["affectedObjectCount"]?.integer()
        expected.escalationLevel = try fields["escalationLevel"]?.integer()
        expected.paged = try fields["paged"]?.strings()
        expected.labels = try fields["labels"]?.stringMap()
        return expected
    }

    static func group(_ item: RuleTestNode, _ fields: [String: RuleTestNode]) throws(RuleTestError) -> IncidentGroupReference {
        guard let rule = fields["rule"] else { throw item.error("rule is required: the AlertRule's name") }
        let name = try rule.string()
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw rule.error("\"\(name)\" is not a rule: write NAME or NAMESPACE/NAME")
        }
        return IncidentGroupReference(
            rule: parts[parts.count - 1], ruleNamespace: parts.count == 2 ? parts[0] : nil,
            groupLabels: try fields["groupLabels"]?.stringMap() ?? [:])
    }

    static func syntaxError(_ error: YamlError) -> RuleTestError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return RuleTestError(line: mark.line, field: "", message: "invalid YAML: " + (context.map { "\($0.text) " } ?? "") + problem)
        default:
            return RuleTestError(line: nil, field: "", message: "invalid YAML: \(error)")
        }
    }
}
