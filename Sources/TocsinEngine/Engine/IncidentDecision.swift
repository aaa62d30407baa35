import Foundation
import KubeCore
import TocsinAPI

/// A change to one Incident that the engine (or a person, through the same operations) decided on; the caller
/// writes it.
public struct IncidentDecision: Sendable, Hashable {
    /// The Incident's namespace (its rule's).
    public var namespace: String
    /// The Incident's name.
    public var name: String
    /// What to do.
    public var change: IncidentChange

    /// Creates a decision.
    public init(namespace: String, name: String, change: IncidentChange) {
        self.namespace = namespace
        self.name = name
        self.change = change
    }
}

/// What happens to an Incident.
public enum IncidentChange: Sendable, Hashable {
    /// Create this Incident (spec, status and owner reference filled in).
    case open(Incident)
    /// The group's content changed while firing (objects, value, texts): replace it and queue an update.
    case refresh(IncidentContent)
    /// Escalate to `level`, with the severity, the people paged and the receivers of that level.
    case escalate(level: Int, severity: Severity, paged: [PagedParticipant], receivers: [ReceiverDelivery], actor: String)
    /// Announce the incident again (repeat interval).
    case renotify
    /// Announce an incident that opened silenced (mute window, inhibition) now that the silence ended: page
    /// `paged`, queue a `Create` for every receiver, and record `message` in the timeline.
    case announce(paged: [PagedParticipant], message: String)
    /// Resolve it.
    case resolve(actor: String, message: String)
    /// The condition of this incident, resolved by a person while it still held, no longer holds: record it (a
    /// timeline note, nothing delivered), so that a restart lets the group open a new incident again.
    case conditionCleared
}

extension IncidentStatus {
    /// The message of a resolve because the condition stopped holding (also the note recorded on an incident
    /// resolved by a person once its condition stops holding, see ``IncidentChange/conditionCleared``).
    public static let conditionClearedMessage = "Condition no longer holds"

    /// Whether a person (not the operator) resolved the incident: `resolvedBy` is set and is not the engine's
    /// actor (`tocsin`, or `tocsin (<reason>)`).
    public var isResolvedByPerson: Bool {
        guard phase == .resolved, let actor = resolvedBy, !actor.isEmpty else { return false }
        return actor != Self.engineActor && !actor.hasPrefix(Self.engineActor + " (")
    }

    /// Whether the engine recorded, after the incident was resolved, that its condition no longer holds.
    public var hasConditionClearedSinceResolve: Bool {
        let resolved = resolvedTime?.date ?? .distantPast
        return (timeline ?? []).contains {
            $0.type == .note && $0.actor == Self.engineActor && $0.message == Self.conditionClearedMessage
                && $0.time.date >= resolved
        }
    }

    /// Applies `change` (other than ``IncidentChange/open(_:)``, which is a whole object) at `now`.
    public mutating func apply(_ change: IncidentChange, now: Date) {
        switch change {
        case .open(let incident):
            if let status = incident.status { self = status }
        case .refresh(let content):
            refresh(content, now: now)
        case .escalate(let level, let severity, let paged, let receivers, let actor):
            guard isOpen else { return }
            escalate(to: level, severity: severity, paged: paged, receivers: receivers, actor: actor, now: now)
        case .renotify:
            guard isOpen else { return }
            renotify(now: now)
        case .announce(let paged, let message):
            announce(paged: paged, message: message, now: now)
        case .resolve(let actor, let message):
            resolve(by: actor, message: message, now: now)
        case .conditionCleared:
            guard !isOpen, !hasConditionClearedSinceResolve else { return }
            record(.note, actor: Self.engineActor, message: Self.conditionClearedMessage, at: now)
        }
    }
}

/// How an incident escalates: the same for the engine's timed steps and a person's "Escalate".
public enum EscalationPlanner {
    /// The change that raises an incident of `rule` to `level`: the severity of that level, the route it then
    /// takes (which may add receivers), and who is on call on the level's schedule at `now`.
    public static func change(
        spec: AlertRuleSpec, fingerprint: String, labels: [String: String], level: Int, directory: OnCallDirectory?,
        actor: String, now: Date
    ) -> IncidentChange {
        let severity = spec.severity(atLevel: level, current: spec.severity)
        let route = spec.route(for: severity, labels: labels)
        let paged = spec.schedule(atLevel: level, route: route).map {
            directory?.page(schedule: $0, at: now, level: level) ?? []
        } ?? []
        return .escalate(
            level: level, severity: severity, paged: paged, receivers: route?.receivers(fingerprint: fingerprint) ?? [],
            actor: actor)
    }
}

extension CompiledRule {
    /// The label Incidents carry with their rule's name (when it fits a label value).
    public static let ruleLabel = "tocsin.dev/alertrule"
    /// The label Incidents carry with their fingerprint.
    public static let fingerprintLabel = "tocsin.dev/fingerprint"

    /// Who is on call at `now` on the schedule of the route that an incident with `labels` takes at level 0.
    func pagedAtOpen(labels: [String: String], directory: OnCallDirectory?, now: Date) -> [PagedParticipant] {
        let route = spec.route(for: spec.severity, labels: labels)
        return spec.schedule(atLevel: 0, route: route).map {
            directory?.page(schedule: $0, at: now, level: 0) ?? []
        } ?? []
    }

    /// The Incident that group `fingerprint` opens at `now`: named after its start, owned by the rule, addressed
    /// through the first matching route to whoever is on call on its schedule.
    func openedIncident(
        name: String, fingerprint: String, groupLabels: [String: String], content: IncidentContent, startTime: Date,
        directory: OnCallDirectory?, now: Date
    ) -> Incident {
        let route = spec.route(for: spec.severity, labels: content.labels)
        let paged = pagedAtOpen(labels: content.labels, directory: directory, now: now)
        var labels = [Self.fingerprintLabel: fingerprint]
        if self.name.count <= 63 { labels[Self.ruleLabel] = self.name }
        let owner = uid.map {
            OwnerReference(
                apiVersion: ResourceType.alertRules.apiVersion, kind: "AlertRule", name: self.name, uid: $0,
                controller: true)
        }
        return Incident(
            metadata: ObjectMeta(
                name: name, namespace: namespace, labels: labels, ownerReferences: owner.map { [$0] }),
            spec: IncidentSpec(
                alertRuleRef: LocalObjectReference(name: self.name), fingerprint: fingerprint,
                groupLabels: groupLabels.isEmpty ? nil : groupLabels),
            status: .opened(
                content: content, severity: spec.severity, startTime: startTime, paged: paged,
                receivers: route?.receivers(fingerprint: fingerprint) ?? [], now: now))
    }
}
