import Foundation
import TocsinAPI

extension AlertEngine {
    /// Takes in a change of one object at `now`: its history is updated once, then every rule that covers it
    /// evaluates it and moves it between groups. Incidents change only in ``evaluate(now:)``.
    public mutating func observe(_ change: ObservedChange, now: Date) {
        let id = change.id
        switch change {
        case .pod(let pod): podHistories[id, default: PodHistory()].record(pod, at: now)
        case .event(let event): eventHistories[id, default: EventHistory()].record(event, at: now)
        case .deleted:
            podHistories[id] = nil
            eventHistories[id] = nil
        case .node, .probe, .schedule: break
        }
        let podHistory = podHistories[id]
        let eventHistory = eventHistories[id]
        let directory = id.kind == .schedule ? directories[id.namespace] : nil
        for key in Array(rules.keys) {
            rules[key]?.observe(
                change, id: id, podHistory: podHistory, eventHistory: eventHistory,
                namespaceLabels: namespaceLabels, directory: directory, now: now)
        }
    }
}

extension AlertEngine.RuleState {
    /// Evaluates one object for this rule and files its finding under its group.
    mutating func observe(
        _ change: ObservedChange, id: ObservedObjectID, podHistory: PodHistory?, eventHistory: EventHistory?,
        namespaceLabels: [String: [String: String]] = [:], directory: OnCallDirectory? = nil, now: Date
    ) {
        var finding: Finding?
        switch change {
        case .pod(let pod):
            finding = scope.covers(pod)
                ? rule.condition.finding(for: pod, history: podHistory ?? PodHistory(), now: now) : nil
        case .node(let node):
            finding = scope.coversNodes ? rule.condition.finding(for: node, now: now) : nil
        case .event(let event):
            finding = scope.covers(event)
                ? rule.condition.finding(for: event, history: eventHistory ?? EventHistory(), now: now) : nil
        case .probe(let probe):
            finding = scope.covers(probe) ? rule.condition.finding(for: probe, now: now) : nil
            if scope.covers(probe), rule.condition.isConclusive(probe), inconclusiveProbes.remove(probe.probe) != nil,
                inconclusiveProbes.isEmpty
            {
                // The inputs are known now: judge the restored groups that waited for them.
                for (fingerprint, group) in groups where group.isAwaitingInputs { dirty.insert(fingerprint) }
            }
        case .schedule(let namespace, let name):
            finding = namespace == rule.namespace
                ? directory.flatMap { rule.condition.finding(forSchedule: name, namespace: namespace, in: $0, now: now) }
                : nil
        case .deleted:
            finding = nil
        }
        if finding != nil, let team = scope.team(of: change, namespaceLabels: namespaceLabels) {
            finding?.labels[scope.ownership?.label ?? Ownership.defaultLabel] = team
        }
        let old = findings[id]
        guard let finding else {
            if let old {
                findings[id] = nil
                groups[old.fingerprint]?.members.remove(id)
                dirty.insert(old.fingerprint)
            }
            return
        }
        let groupLabels = groupLabels(of: finding)
        let fingerprint = Fingerprint.of(ruleNamespace: rule.namespace, ruleName: rule.name, groupLabels: groupLabels)
        if let old, old.fingerprint != fingerprint {
            groups[old.fingerprint]?.members.remove(id)
            dirty.insert(old.fingerprint)
        }
        if old?.finding != finding || old?.fingerprint != fingerprint { dirty.insert(fingerprint) }
        findings[id] = AlertEngine.FindingEntry(finding: finding, fingerprint: fingerprint, change: change)
        if let expiresAt = finding.expiresAt, expiresAt != old?.finding.expiresAt { expiries.push(id, at: expiresAt) }
        if groups[fingerprint] == nil { groups[fingerprint] = AlertGroup(groupLabels: groupLabels) }
        groups[fingerprint]?.members.insert(id)
    }

    /// The `groupBy` labels of a finding; a label the object lacks groups as "" (as Alertmanager does).
    func groupLabels(of finding: Finding) -> [String: String] {
        var labels: [String: String] = [:]
        for key in rule.groupBy { labels[key] = finding.labels[key] ?? "" }
        return labels
    }
}
