import Foundation
import TocsinAPI
import TocsinControllers
import TocsinEngine
import TocsinNotifiers

/// The texts (Slack mrkdwn) of the `/tocsin` answers and of the ephemeral reports of Slack actions. Pure functions
/// of what was read, so they are tested without a server.
enum SlackCommandReplies {
    /// The most incidents `incidents` lists.
    static let maximumListedIncidents = 20

    /// `status`: how many incidents are open, by phase and by severity.
    static func status(openIncidents: [Incident]) -> String {
        guard !openIncidents.isEmpty else { return "*Tocsin status*: no open incidents :white_check_mark:" }
        let firing = openIncidents.count { $0.status?.phase == .firing }
        let acknowledged = openIncidents.count - firing
        let counts = Severity.allCases.sorted(by: >).map { severity in
            "\(severity.rawValue): \(openIncidents.count { $0.status?.severity == severity })"
        }
        let noun = openIncidents.count == 1 ? "incident" : "incidents"
        return "*Tocsin status*: \(openIncidents.count) open \(noun) (\(firing) firing, \(acknowledged) acknowledged)\n"
            + counts.joined(separator: " · ")
    }

    /// `incidents`: one line per open incident (at most ``maximumListedIncidents``), most urgent first.
    static func incidents(openIncidents: [Incident]) -> String {
        guard !openIncidents.isEmpty else { return "No open incidents :white_check_mark:" }
        var lines = openIncidents.prefix(maximumListedIncidents).map(line(for:))
        if openIncidents.count > maximumListedIncidents {
            lines.append("…and \(openIncidents.count - maximumListedIncidents) more")
        }
        return lines.joined(separator: "\n")
    }

    /// `• [critical] shop/web-down-1 — web is crash looping (Firing since <date>)`.
    static func line(for incident: Incident) -> String {
        let key = "\(incident.metadata.namespace ?? "")/\(incident.metadata.name ?? "")"
        let severity = incident.status?.severity.rawValue ?? "unknown"
        let summary = SlackText.escapedTruncated(incident.status?.summary ?? incident.status?.subject ?? "", limit: 150)
        let phase = incident.status?.phase.rawValue ?? "Unknown"
        let since = incident.status.map { " since \(date($0.startTime.date))" } ?? ""
        let text = summary.isEmpty ? "" : " — \(summary)"
        return "• [\(severity)] `\(SlackText.escaped(key))`\(text) (\(phase)\(since))"
    }

    /// `oncall [schedule]`: who is on call now in each schedule.
    static func onCall(schedules: [OnCallSchedule], named name: String?) -> String {
        let shown = name.map { wanted in schedules.filter { $0.metadata.name == wanted } } ?? schedules
        guard !shown.isEmpty else {
            if let name { return "No on-call schedule named `\(SlackText.escapedTruncated(name, limit: 100))`." }
            return "No on-call schedules."
        }
        return shown.prefix(maximumListedIncidents).map { schedule in
            let key = "\(schedule.metadata.namespace ?? "")/\(schedule.metadata.name ?? "")"
            guard let now = schedule.status?.onCallNow else {
                return "*\(SlackText.escaped(key))*: not computed yet"
            }
            guard !now.isEmpty else { return "*\(SlackText.escaped(key))*: nobody is on call" }
            let people = now.map { shift in
                let name = SlackText.escapedTruncated(shift.participant, limit: 100)
                guard let user = shift.slackUserID, isSlackID(user) else { return name }
                return "\(name) (<@\(user)>)"
            }
            return "*\(SlackText.escaped(key))*: " + people.joined(separator: ", ")
        }.joined(separator: "\n")
    }

    /// What is said when a job was queued: `Acknowledging `shop/web-down-1`…`.
    static func working(_ operation: IncidentOperations.Operation, incident: SlackIncidentKey) -> String {
        "\(verb(operation, tense: .progressive)) `\(SlackText.escaped(incident.value))`…"
    }

    /// What is said when a job succeeded: `Acknowledged `shop/web-down-1`.`.
    static func done(_ operation: IncidentOperations.Operation, incident: SlackIncidentKey) -> String {
        "\(verb(operation, tense: .past)) `\(SlackText.escaped(incident.value))`."
    }

    /// What is said when the Incident refused: `Could not acknowledge `shop/x`: the incident is already resolved.`.
    static func refused(
        _ operation: IncidentOperations.Operation, incident: SlackIncidentKey, failure: IncidentOperations.Failure
    ) -> String {
        let reason: String
        switch failure {
        case .notFound: reason = "there is no such incident"
        case .refused(let error): reason = SlackText.escaped(error.description)
        }
        return "Could not \(verb(operation, tense: .infinitive)) `\(SlackText.escaped(incident.value))`: \(reason)."
    }

    /// What is said when the operation failed for another reason (the API server was unreachable, …).
    static func failed(_ operation: IncidentOperations.Operation, incident: SlackIncidentKey) -> String {
        "Could not \(verb(operation, tense: .infinitive)) `\(SlackText.escaped(incident.value))`: the Kubernetes API "
            + "did not answer. Try again in a moment."
    }

    /// The answer when the queue is full.
    static let busy = "Tocsin is busy: try again in a moment."

    enum Tense { case infinitive, progressive, past }

    static func verb(_ operation: IncidentOperations.Operation, tense: Tense) -> String {
        let forms: (String, String, String) =
            switch operation {
            case .acknowledge: ("acknowledge", "Acknowledging", "Acknowledged")
            case .resolve: ("resolve", "Resolving", "Resolved")
            case .escalate: ("escalate", "Escalating", "Escalated")
            case .note: ("add a note to", "Adding a note to", "Added a note to")
            }
        switch tense {
        case .infinitive: return forms.0
        case .progressive: return forms.1
        case .past: return forms.2
        }
    }

    /// A Slack date token that readers see in their own time zone, with an ISO 8601 fallback.
    static func date(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let fallback = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false))
        return "<!date^\(seconds)^{date_short_pretty} {time}|\(fallback)>"
    }

    /// Whether `text` looks like a Slack user ID (`U…`/`W…`, letters and digits), safe inside `<@…>`.
    static func isSlackID(_ text: String) -> Bool {
        guard let first = text.first, first == "U" || first == "W", text.count <= 32 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }
}
