import TocsinAPI

extension RuleTestRunner {
    /// The differences between the expected and the open incidents: missing ones in expectation order, wrong
    /// fields of matched ones, then unexpected ones sorted by rule and labels.
    static func differences(expected: [ExpectedIncident], open: [Incident]) -> [String] {
        var remaining = open.sorted { description(of: $0) < description(of: $1) }
        var lines: [String] = []
        for expectation in expected {
            guard let index = remaining.firstIndex(where: expectation.group.matches) else {
                lines.append("missing incident \(expectation.group)")
                continue
            }
            let incident = remaining.remove(at: index)
            lines += fieldDifferences(expectation, incident.status).map { "incident \(expectation.group): \($0)" }
        }
        lines += remaining.map { "unexpected incident \(description(of: $0))" }
        return lines
    }

    /// `crash {namespace=shop, workload=Deployment/api}` for an actual incident.
    static func description(of incident: Incident) -> String {
        IncidentGroupReference(rule: incident.spec.alertRuleRef.name, groupLabels: incident.spec.groupLabels ?? [:])
            .description
    }

    /// `severity: expected critical, got high` for each checked field that differs.
    static func fieldDifferences(_ expected: ExpectedIncident, _ status: IncidentStatus?) -> [String] {
        var lines: [String] = []
        func check(_ field: String, _ want: String?, _ got: String?) {
            guard let want, want != got else { return }
            lines.append("\(field): expected \(want), got \(got ?? "nothing")")
        }
        func quoted(_ text: String?) -> String? { text.map { "\"\($0)\"" } }
        check("phase", expected.phase?.rawValue, status?.phase.rawValue)
        check("severity", expected.severity?.rawValue, status?.severity.rawValue)
        check("summary", quoted(expected.summary), quoted(status?.summary))
        check("subject", quoted(expected.subject), quoted(status?.subject))
        check("value", quoted(expected.value), quoted(status?.value))
        check("affectedObjectCount", expected.affectedObjectCount.map(String.init), String(status?.affectedObjectCount ?? 0))
        check("escalationLevel", expected.escalationLevel.map(String.init), String(status?.escalationLevel ?? 0))
        check(
            "paged", expected.paged.map { "[\($0.joined(separator: ", "))]" },
            "[\((status?.paged ?? []).map(\.name).joined(separator: ", "))]")
        for (key, value) in (expected.labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            check("labels.\(key)", quoted(value), quoted(status?.labels?[key]))
        }
        return lines
    }
}
