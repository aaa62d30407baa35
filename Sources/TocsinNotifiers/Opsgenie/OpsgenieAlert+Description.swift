import TocsinAPI

extension OpsgenieAlert {
    /// At most this many affected objects are listed in a description.
    static let maximumListedObjects = 50
    /// Each listed object, fact and link is at most this long.
    static let maximumLineLength = 512

    /// The description of an incident: summary, free-text description, affected objects, facts, links.
    ///
    /// When the whole is longer than ``OpsgenieLimits/description``, the free-text description is shortened
    /// first so that the affected objects and the links survive; the result is then cut to the limit anyway.
    static func description(for incident: Incident, links: [OpsgenieAlertOptions.Link]) -> String? {
        let status = incident.status
        let summary = nonEmpty(status?.summary).map { OpsgenieLimits.truncate($0, to: 1_000) }
        let freeText = nonEmpty(status?.description)
        let structured = [affectedSection(status), factsSection(incident), linksSection(links)].compactMap { $0 }
        let separator = "\n\n"
        let fixed = ([summary].compactMap { $0 } + structured)
        let fixedLength =
            fixed.reduce(0) { $0 + OpsgenieLimits.length(of: $1) }
            + OpsgenieLimits.length(of: separator) * fixed.count
        var sections: [String] = summary.map { [$0] } ?? []
        if let freeText {
            let budget = OpsgenieLimits.description - fixedLength
            if budget > 0 { sections.append(OpsgenieLimits.truncate(freeText, to: budget)) }
        }
        sections += structured
        guard !sections.isEmpty else { return nil }
        return OpsgenieLimits.truncate(sections.joined(separator: separator), to: OpsgenieLimits.description)
    }

    private static func affectedSection(_ status: IncidentStatus?) -> String? {
        let objects = status?.affectedObjects ?? []
        guard !objects.isEmpty else { return nil }
        let total = max(status?.affectedObjectCount ?? objects.count, objects.count)
        let listed = objects.prefix(maximumListedObjects)
        var lines = [
            total > listed.count ? "Affected objects (\(listed.count) of \(total)):" : "Affected objects (\(total)):"
        ]
        for object in listed {
            var line = "• \(object.kind) "
            line += object.namespace.map { "\($0)/\(object.name)" } ?? object.name
            if let detail = nonEmpty(object.detail) { line += ": \(singleLine(detail))" }
            lines.append(OpsgenieLimits.truncate(line, to: maximumLineLength))
        }
        if total > listed.count { lines.append("… and \(total - listed.count) more") }
        return lines.joined(separator: "\n")
    }

    private static func factsSection(_ incident: Incident) -> String {
        var lines: [String] = []
        if let status = incident.status {
            var severity = "Severity: \(status.severity.rawValue) (\(status.severity.opsgeniePriority))"
            if let level = status.escalationLevel, level > 0 { severity += ", escalation level \(level)" }
            lines.append(severity)
            if let value = nonEmpty(status.value) { lines.append("Value: \(singleLine(value))") }
            lines.append("Started: \(status.startTime)")
        }
        lines.append("Incident: \(reference(of: incident))")
        let rule = [incident.metadata.namespace, incident.spec.alertRuleRef.name].compactMap { nonEmpty($0) }
        lines.append("AlertRule: \(rule.joined(separator: "/"))")
        return lines.map { OpsgenieLimits.truncate($0, to: maximumLineLength) }.joined(separator: "\n")
    }

    private static func linksSection(_ links: [OpsgenieAlertOptions.Link]) -> String? {
        let lines = links.compactMap { link -> String? in
            guard let url = nonEmpty(link.url) else { return nil }
            let title = nonEmpty(link.title).map(singleLine) ?? url
            return OpsgenieLimits.truncate("• \(title): \(url)", to: maximumLineLength * 4)
        }
        return lines.isEmpty ? nil : (["Links:"] + lines).joined(separator: "\n")
    }
}
