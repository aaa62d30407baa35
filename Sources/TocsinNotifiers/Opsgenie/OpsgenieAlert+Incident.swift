import Foundation
import TocsinAPI

extension OpsgenieAlert {
    /// The alert for an incident at a receiver: a pure function of its arguments, within ``OpsgenieLimits``.
    ///
    /// - `alias`: the incident's fingerprint, so Opsgenie de-duplicates repeats of the same group.
    /// - `message`: the summary on one line (at most 130 characters); without one, `<AlertRule>: <subject>`.
    /// - `description`: summary, description, affected objects, facts and ``OpsgenieAlertOptions/links``
    ///   (at most 15,000 characters; the free-text description is shortened first so the list and links stay).
    /// - `priority`: the incident's *current* severity (after escalation), critical → `P1` … info → `P5`.
    /// - `responders`: the receiver's responders, then every user paged on the incident, without repeats.
    /// - `tags`: the receiver's tags, then `severity:<severity>` and `namespace:<namespace>` (at most 20 of at
    ///   most 50 characters; the receiver's are dropped first).
    /// - `details`: the incident's labels and `incident: <namespace>/<name>` (at most 8,000 characters in
    ///   total; the labels with the longest values are dropped first, ties by key).
    /// - `entity`: the subject; `source` and `user`: from `options`.
    public init(incident: Incident, receiver: OpsgenieReceiver, options: OpsgenieAlertOptions = OpsgenieAlertOptions())
    {
        let status = incident.status
        self.init(message: Self.message(for: incident))
        alias = OpsgenieLimits.truncate(incident.spec.fingerprint, to: OpsgenieLimits.alias)
        description = Self.description(for: incident, links: options.links)
        responders = Self.responders(configured: receiver.responders ?? [], paged: status?.paged ?? [])
        visibleTo = options.visibleTo.isEmpty ? nil : Self.uniqueResponders(options.visibleTo)
        actions = Self.actions(options.actions)
        tags = Self.tags(
            configured: receiver.tags ?? [], severity: status?.severity, namespace: incident.metadata.namespace)
        details = Self.details(labels: status?.labels ?? [:], incident: Self.reference(of: incident))
        entity = Self.nonEmpty(status?.subject).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.entity) }
        source = OpsgenieLimits.truncate(options.source, to: OpsgenieLimits.source)
        priority = status?.severity.opsgeniePriority
        user = Self.nonEmpty(options.user).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.user) }
        note = Self.nonEmpty(options.note).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.note) }
    }

    /// `<namespace>/<name>` of the incident (its fingerprint when it has no name yet).
    static func reference(of incident: Incident) -> String {
        let parts = [incident.metadata.namespace, incident.metadata.name].compactMap { nonEmpty($0) }
        return parts.isEmpty ? incident.spec.fingerprint : parts.joined(separator: "/")
    }

    static func message(for incident: Incident) -> String {
        let text: String
        if let summary = nonEmpty(incident.status?.summary) {
            text = summary
        } else if let subject = nonEmpty(incident.status?.subject) {
            text = "\(incident.spec.alertRuleRef.name): \(subject)"
        } else {
            text = incident.spec.alertRuleRef.name
        }
        return OpsgenieLimits.truncate(singleLine(text), to: OpsgenieLimits.message)
    }

    static func responders(configured: [OpsgenieResponder], paged: [PagedParticipant]) -> [Responder]? {
        var all = configured.compactMap { responder -> Responder? in
            guard let name = nonEmpty(responder.name) else { return nil }
            switch responder.type {
            case .user: return .user(name)
            case .team: return .team(name)
            case .escalation: return .escalation(name)
            case .schedule: return .schedule(name)
            }
        }
        all += paged.compactMap { nonEmpty($0.opsgenieUser).map { Responder.user($0) } }
        let unique = uniqueResponders(all)
        return unique.isEmpty ? nil : unique
    }

    static func uniqueResponders(_ responders: [Responder]) -> [Responder] {
        var seen = Set<String>()
        return responders.filter { seen.insert($0.identity).inserted }
    }

    static func actions(_ actions: [String]) -> [String]? {
        var seen = Set<String>()
        let kept = actions.compactMap { nonEmpty($0).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.action) } }
            .filter { seen.insert($0).inserted }
            .prefix(OpsgenieLimits.actionCount)
        return kept.isEmpty ? nil : Array(kept)
    }

    static func tags(configured: [String], severity: Severity?, namespace: String?) -> [String]? {
        var own: [String] = []
        if let severity { own.append("severity:\(severity.rawValue)") }
        if let namespace = nonEmpty(namespace) { own.append("namespace:\(namespace)") }
        own = own.map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.tag) }
        var seen = Set(own)
        let kept = configured.compactMap { nonEmpty($0).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.tag) } }
            .filter { seen.insert($0).inserted }
            .prefix(OpsgenieLimits.tagCount - own.count)
        let tags = Array(kept) + own
        return tags.isEmpty ? nil : tags
    }

    /// The labels and the incident reference, within ``OpsgenieLimits/detailsTotal``: while the map is too
    /// long, the label with the longest value goes (ties: the greatest key), so the outcome is deterministic.
    static func details(labels: [String: String], incident: String) -> [String: String] {
        var details = labels
        details["incident"] = incident
        guard OpsgenieLimits.length(ofDetails: details) > OpsgenieLimits.detailsTotal else { return details }
        let dropOrder = labels.keys.filter { $0 != "incident" }.sorted { lhs, rhs in
            let (left, right) = (
                OpsgenieLimits.length(of: labels[lhs] ?? ""), OpsgenieLimits.length(of: labels[rhs] ?? "")
            )
            return left != right ? left > right : lhs > rhs
        }
        var total = OpsgenieLimits.length(ofDetails: details)
        for key in dropOrder where total > OpsgenieLimits.detailsTotal {
            total -= OpsgenieLimits.length(of: key) + OpsgenieLimits.length(of: details[key] ?? "")
            details[key] = nil
        }
        if total > OpsgenieLimits.detailsTotal {
            details["incident"] = OpsgenieLimits.truncate(incident, to: OpsgenieLimits.detailsTotal - 8)
        }
        return details
    }

    /// `text` without surrounding whitespace; `nil` when nothing is left.
    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// `text` with every run of whitespace and line breaks replaced by one space.
    static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }
}
