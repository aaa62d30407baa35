import Foundation
import TocsinAPI

/// The alert engine: AlertRules evaluated against the objects it is told about, one lifecycle per group, and the
/// Incident changes that follow.
///
/// Pure: objects, Incidents and time go in through ``observe(_:now:)``, ``restore(_:)``, ``observeIncident(_:)``
/// and ``evaluate(now:)``; ``IncidentDecision``s come out, and the caller writes them. It keeps per rule only the
/// findings of the objects that matter (matches and share members), and per object the small histories that
/// windows need, so an event costs one evaluation per rule that covers it, never a scan of the cache.
public struct AlertEngine: Sendable {
    struct RuleKey: Sendable, Hashable {
        var namespace: String
        var name: String
    }

    struct FindingEntry: Sendable {
        var finding: Finding
        var fingerprint: String
        var change: ObservedChange
    }

    struct RuleState: Sendable {
        var rule: CompiledRule
        var scope: RuleScope
        var findings: [ObservedObjectID: FindingEntry] = [:]
        var expiries = ExpiryQueue()
        var groups: [String: AlertGroup] = [:]
        var dirty: Set<String> = []
        /// The open incidents silenced now (mute window, inhibition), by fingerprint.
        var holds: [String: IncidentHold] = [:]
        /// The probes of the rule's Monitor that the condition reads and whose result cannot be judged yet (not
        /// checked since the start, or failing fewer times than the threshold): restored groups wait for them.
        var inconclusiveProbes: Set<String> = []
    }

    var rules: [RuleKey: RuleState] = [:]
    var podHistories: [ObservedObjectID: PodHistory] = [:]
    var eventHistories: [ObservedObjectID: EventHistory] = [:]
    /// Open incidents read before their rule was set, adopted by ``setRule(_:scope:)``.
    var orphans: [RuleKey: [Incident]] = [:]
    var directories: [String: OnCallDirectory] = [:]
    /// Schedules to evaluate again at the next ``evaluate(now:)`` (their directory or an onCallGap rule changed).
    var changedSchedules: Set<ObservedObjectID> = []
    /// The labels of the watched namespaces, for ownership by namespace label.
    var namespaceLabels: [String: [String: String]] = [:]

    /// An engine with no rules.
    public init() {}

    /// The number of rules.
    public var ruleCount: Int { rules.count }

    /// Adds or replaces a rule. A replaced rule keeps the lifecycles of its groups (an open incident stays open)
    /// but forgets its findings: feed it the objects in its scope again (``observe(_:now:)``) before the next
    /// ``evaluate(now:)``.
    public mutating func setRule(_ rule: CompiledRule, scope: RuleScope) {
        let key = RuleKey(namespace: rule.namespace, name: rule.name)
        var state = RuleState(rule: rule, scope: scope)
        state.inconclusiveProbes = Set(scope.probeIntervals.keys.filter { rule.condition.readsProbe(named: $0) })
        if let previous = rules[key] {
            for (fingerprint, var group) in previous.groups where !group.isIdle {
                group.members = []
                state.groups[fingerprint] = group
                state.holds[fingerprint] = previous.holds[fingerprint]
                state.dirty.insert(fingerprint)
            }
        }
        rules[key] = state
        if rule.condition.evaluatesSchedules {
            markSchedulesChanged(directories[rule.namespace]?.scheduleNames ?? [], namespace: rule.namespace)
        }
        if let incidents = orphans.removeValue(forKey: key) { restore(incidents) }
    }

    /// Forgets a rule and its groups (its open Incidents are resolved by the AlertRule finalizer).
    public mutating func removeRule(namespace: String, name: String) {
        rules[RuleKey(namespace: namespace, name: name)] = nil
        orphans[RuleKey(namespace: namespace, name: name)] = nil
    }

    /// Whether the engine has the rule.
    public func hasRule(namespace: String, name: String) -> Bool {
        rules[RuleKey(namespace: namespace, name: name)] != nil
    }

    /// Replaces the OnCallSchedules of `namespace` (rules page the schedules of their own namespace). The
    /// onCallGap rules of `namespace` evaluate its schedules again at the next ``evaluate(now:)``.
    public mutating func setDirectory(_ directory: OnCallDirectory, namespace: String) {
        let previous = directories[namespace]?.scheduleNames ?? []
        directories[namespace] = directory
        markSchedulesChanged(previous + directory.scheduleNames, namespace: namespace)
    }

    /// Rebuilds the memory of incidents from Incident objects (after a restart or a leader change), so that nothing
    /// is opened or sent twice:
    /// - each open Incident becomes its group's firing incident;
    /// - the newest Incident of a group, when a person resolved it and the engine has not recorded since that its
    ///   condition stopped holding (``IncidentStatus/hasConditionClearedSinceResolve``), keeps the group from
    ///   opening again until the condition has cleared once (``AlertGroupLifecycle/State/resolvedWhileActive(name:)``);
    /// - other resolved ones are ignored.
    ///
    /// Until the condition's inputs are known again, a restored group is judged as still holding (its timers run,
    /// it does not resolve or clear): the probes it reads must have reported a conclusive result
    /// (``CompiledCondition/isConclusive(_:)``; at most their interval times `consecutiveFailures` + 2 after the
    /// first evaluation), and pod and event histories must cover the condition's window
    /// (``CompiledCondition/historyWindow``) — unless the condition is seen to hold first.
    ///
    /// Incidents of rules not yet set are kept until the rule arrives. An Incident that opened silenced and was never
    /// announced (``IncidentStatus/isSilenced``) stays silent until the next ``evaluate(now:)`` decides whether its
    /// silence still holds; one announced after a silence escalates from its announcement.
    public mutating func restore(_ incidents: [Incident]) {
        var newest: [RuleKey: [String: Incident]] = [:]
        for incident in incidents {
            guard let status = incident.status, let namespace = incident.metadata.namespace else { continue }
            let key = RuleKey(namespace: namespace, name: incident.spec.alertRuleRef.name)
            let fingerprint = incident.spec.fingerprint
            if let other = newest[key]?[fingerprint]?.status, other.startTime.date >= status.startTime.date { continue }
            newest[key, default: [:]][fingerprint] = incident
        }
        for incident in incidents {
            guard let status = incident.status, status.isOpen, let name = incident.metadata.name,
                let namespace = incident.metadata.namespace
            else { continue }
            let key = RuleKey(namespace: namespace, name: incident.spec.alertRuleRef.name)
            guard var state = rules[key] else {
                orphans[key, default: []].append(incident)
                continue
            }
            let fingerprint = incident.spec.fingerprint
            if let existing = state.groups[fingerprint]?.lifecycle.firingIncident, existing.name != name,
                existing.startTime <= status.startTime.date
            {
                continue  // keep the older of two open incidents of one group
            }
            var group = state.groups[fingerprint] ?? AlertGroup(groupLabels: incident.spec.groupLabels ?? [:])
            let clockStart = max(status.startTime.date, status.announcedTime ?? .distantPast)
            group.lifecycle = AlertGroupLifecycle(restoring: FiringIncident(
                name: name, startTime: clockStart, isAcknowledged: status.phase == .acknowledged,
                escalationLevel: status.escalationLevel ?? 0,
                lastNotifiedAt: status.lastNotifiedTime?.date ?? status.startTime.date))
            group.content = IncidentContent(
                subject: status.subject ?? "", summary: status.summary ?? "", description: status.description,
                labels: status.labels ?? [:], value: status.value ?? "", affectedObjects: status.affectedObjects ?? [],
                affectedObjectCount: status.affectedObjectCount ?? 0)
            group.isAwaitingInputs = true
            group.awaitingSince = nil
            state.holds[fingerprint] = nil
            if status.isSilenced {
                state.holds[fingerprint] = IncidentHold(
                    name: name, isAnnounced: false, isAcknowledged: status.phase == .acknowledged, silence: nil)
                group.lifecycle.freeze()
            }
            state.groups[fingerprint] = group
            state.dirty.insert(fingerprint)
            rules[key] = state
        }
        for (key, groups) in newest {
            for (fingerprint, incident) in groups {
                guard let status = incident.status, status.isResolvedByPerson, !status.hasConditionClearedSinceResolve,
                    let name = incident.metadata.name
                else { continue }
                guard var state = rules[key] else {
                    orphans[key, default: []].append(incident)
                    continue
                }
                guard (state.groups[fingerprint]?.lifecycle.state ?? .inactive) == .inactive else { continue }
                var group = state.groups[fingerprint] ?? AlertGroup(groupLabels: incident.spec.groupLabels ?? [:])
                group.lifecycle = AlertGroupLifecycle(restoringResolvedWhileActive: name)
                group.isAwaitingInputs = true
                group.awaitingSince = nil
                state.groups[fingerprint] = group
                state.dirty.insert(fingerprint)
                rules[key] = state
            }
        }
    }

    /// Takes in an Incident that changed (acknowledged, resolved or escalated by a person, or by another writer).
    public mutating func observeIncident(_ incident: Incident) {
        guard let status = incident.status, let name = incident.metadata.name,
            let namespace = incident.metadata.namespace
        else { return }
        let key = RuleKey(namespace: namespace, name: incident.spec.alertRuleRef.name)
        guard var state = rules[key] else { return }
        let fingerprint = incident.spec.fingerprint
        guard var group = state.groups[fingerprint] else {
            if status.isOpen { restore([incident]) }
            return
        }
        if status.isOpen, group.lifecycle.firingIncident == nil {
            rules[key] = state
            restore([incident])
            return
        }
        group.lifecycle.observe(IncidentObservation(
            name: name, isAcknowledged: status.phase == .acknowledged, isResolved: status.phase == .resolved,
            escalationLevel: status.escalationLevel ?? 0, lastNotifiedTime: status.lastNotifiedTime?.date))
        if var hold = state.holds[fingerprint], hold.name == name {
            if group.lifecycle.firingIncident?.name == name {
                // Keep the timers paused; remember what people did for when the silence ends.
                hold.isAcknowledged = status.phase == .acknowledged
                hold.isAnnounced = hold.isAnnounced || !status.isSilenced
                state.holds[fingerprint] = hold
                group.lifecycle.freeze()
            } else {
                state.holds[fingerprint] = nil
            }
        }
        state.groups[fingerprint] = group
        state.dirty.insert(fingerprint)
        rules[key] = state
    }
}
