import Foundation
import TocsinAPI

extension AlertEngine {
    /// The rules in the order ``evaluate(now:)`` moves them: rules without `inhibitedBy` first, so that an
    /// inhibiting incident opened (or resolved) at this instant is seen by the rules it inhibits in the same pass.
    /// (A chain of inhibitions deeper than one may take one more evaluation to settle.)
    func evaluationOrder() -> [RuleKey] {
        var plain: [RuleKey] = []
        var inhibited: [RuleKey] = []
        for (key, state) in rules {
            if state.rule.inhibitions.isEmpty { plain.append(key) } else { inhibited.append(key) }
        }
        return plain + inhibited
    }

    /// The open (firing or acknowledged) incidents of the rules that inhibit rule `key`, same namespace only.
    func inhibitingIncidents(of key: RuleKey) -> [InhibitingIncident] {
        guard let inhibitions = rules[key]?.rule.inhibitions, !inhibitions.isEmpty else { return [] }
        var incidents: [InhibitingIncident] = []
        for ruleName in Set(inhibitions.map(\.alertRuleRef.name)) {
            guard let state = rules[RuleKey(namespace: key.namespace, name: ruleName)] else { continue }
            for group in state.groups.values {
                guard let incident = group.lifecycle.firingIncident else { continue }
                incidents.append(InhibitingIncident(
                    ruleName: ruleName, name: incident.name, labels: group.content?.labels ?? [:]))
            }
        }
        return incidents
    }
}

/// What one group's evaluation at one instant knows, shared by the steps of ``AlertEngine/RuleState``.
struct GroupStep {
    var fingerprint: String
    var isActive: Bool
    var since: Date?
    var content: IncidentContent?
    var silence: Silence?
    var directory: OnCallDirectory?
    var now: Date
    /// Whether a change carrying the content was already decided (an open).
    var refreshed = false
}

extension AlertEngine.RuleState {
    /// Why an incident with `labels` is not to be announced at `now`: a mute window holds, or an open incident of
    /// an inhibiting rule (other than `excluding`) has the same value for every `equal` label (both must have it).
    func silence(
        labels: [String: String], now: Date, inhibitors: [InhibitingIncident], excluding: String?
    ) -> Silence? {
        guard rule.canBeSilenced else { return nil }
        if let muted = rule.muteSchedule.mutedUntil(now) {
            return Silence(
                kind: .muteWindow, reason: MuteSchedule.reason(until: muted.until, window: muted.window, now: now),
                until: muted.until)
        }
        for inhibition in rule.inhibitions {
            for incident in inhibitors where incident.ruleName == inhibition.alertRuleRef.name && incident.name != excluding {
                let isEqual = inhibition.equal.allSatisfy { key in
                    labels[key].map { $0 == incident.labels[key] } ?? false
                }
                guard isEqual else { continue }
                let values = inhibition.equal.map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: ", ")
                return Silence(
                    kind: .inhibition,
                    reason: "\(IncidentStatus.inhibitedPrefix) \(incident.ruleName) incident \(incident.name) (\(values))",
                    until: nil, inhibitingIncident: incident.name)
            }
        }
        return nil
    }

    /// Holds the group's open incident while `silence` lasts: an incident announced before pauses its escalation
    /// and repeats (they resume, overdue ones at once, when the silence ends).
    mutating func hold(_ group: inout AlertGroup, step: GroupStep, silence: Silence) {
        guard let incident = group.lifecycle.firingIncident else { return }
        if var hold = holds[step.fingerprint], hold.name == incident.name {
            hold.silence = silence
            holds[step.fingerprint] = hold
            return
        }
        holds[step.fingerprint] = IncidentHold(
            name: incident.name, isAnnounced: true, isAcknowledged: incident.isAcknowledged, silence: silence)
        group.lifecycle.freeze()
    }

    /// Ends the hold of the group's incident once nothing silences it: an incident never announced is announced
    /// now (if its condition holds and nobody acknowledged it), with its escalation counting from now; one
    /// announced before resumes its timers.
    mutating func release(_ group: inout AlertGroup, step: inout GroupStep, into decisions: inout [IncidentDecision]) {
        guard let hold = holds[step.fingerprint] else { return }
        guard let incident = group.lifecycle.firingIncident, incident.name == hold.name else {
            holds[step.fingerprint] = nil
            return
        }
        if hold.isAnnounced || hold.isAcknowledged {
            holds[step.fingerprint] = nil
            group.lifecycle.unfreeze(isAcknowledged: hold.isAcknowledged)
            let rule = self.rule
            let fingerprint = step.fingerprint
            let actions = group.lifecycle.evaluate(
                isActive: step.isActive, activeSince: step.since, now: step.now, policy: rule.policy,
                name: { Fingerprint.incidentName(ruleName: rule.name, fingerprint: fingerprint, startTime: $0) })
            apply(actions, to: &group, step: &step, into: &decisions)
        } else if step.isActive {
            holds[step.fingerprint] = nil
            let paged = rule.pagedAtOpen(
                labels: (step.content ?? group.content)?.labels ?? [:], directory: step.directory, now: step.now)
            decisions.append(IncidentDecision(
                namespace: rule.namespace, name: hold.name,
                change: .announce(paged: paged, message: hold.announcement)))
            group.lifecycle.announced(now: step.now)
        } else {
            // In its keepFiringFor gap: stay quiet until it holds again (then announce) or resolves (silently).
            holds[step.fingerprint]?.silence?.until = nil
        }
    }

    /// Turns the lifecycle's actions into Incident changes. An incident opened while silenced is created without
    /// pending deliveries and held; a held incident neither escalates nor repeats.
    mutating func apply(
        _ actions: [AlertGroupLifecycle.Action], to group: inout AlertGroup, step: inout GroupStep,
        into decisions: inout [IncidentDecision]
    ) {
        let fingerprint = step.fingerprint
        for action in actions {
            switch action {
            case .open(let name, let startTime):
                guard let content = step.content else { continue }
                var incident = rule.openedIncident(
                    name: name, fingerprint: fingerprint, groupLabels: group.groupLabels, content: content,
                    startTime: startTime, directory: step.directory, now: step.now)
                if let silence = step.silence {
                    incident.status?.silence(reason: silence.reason, now: step.now)
                    holds[fingerprint] = IncidentHold(name: name, isAnnounced: false, isAcknowledged: false, silence: silence)
                    group.lifecycle.freezeOpened(now: step.now)
                }
                decisions.append(IncidentDecision(namespace: rule.namespace, name: name, change: .open(incident)))
                group.content = content
                step.refreshed = true
            case .escalate(let name, let level):
                guard holds[fingerprint]?.name != name else { continue }
                let change = EscalationPlanner.change(
                    spec: rule.spec, fingerprint: fingerprint, labels: (step.content ?? group.content)?.labels ?? [:],
                    level: level, directory: step.directory, actor: IncidentStatus.engineActor, now: step.now)
                decisions.append(IncidentDecision(namespace: rule.namespace, name: name, change: change))
            case .renotify(let name):
                guard holds[fingerprint]?.name != name else { continue }
                decisions.append(IncidentDecision(namespace: rule.namespace, name: name, change: .renotify))
            case .resolve(let name):
                decisions.append(IncidentDecision(
                    namespace: rule.namespace, name: name,
                    change: .resolve(actor: IncidentStatus.engineActor, message: IncidentStatus.conditionClearedMessage)))
                group.content = nil
                if holds[fingerprint]?.name == name { holds[fingerprint] = nil }
            case .cleared(let name):
                decisions.append(IncidentDecision(namespace: rule.namespace, name: name, change: .conditionCleared))
            }
        }
    }
}
