import TocsinAPI

extension SlackMessage {
    /// The message that follows an incident in its channel: posted on firing, then updated in place.
    ///
    /// Blocks, in order: a header `"<emoji> [SEVERITY] summary"`; a section with the fields Namespace, Subject,
    /// Since, Status and On call; the description; the affected objects (bounded, "and N more"); a context line with
    /// the incident's key, its AlertRule and `options.links`; and, while the incident is open and
    /// `options.showsButtons` is set, the buttons Acknowledge (until acknowledged), Resolve and Escalate, whose
    /// `value` is `"<namespace>/<name>"` of the Incident. User text is escaped and every text is truncated to Slack's
    /// limits on character boundaries. The `text` fallback reads `"[CRITICAL] summary — subject"`.
    ///
    /// An Incident without a status renders as firing with severity `info` and no Since field.
    public static func incidentCard(for incident: Incident, options: SlackCardOptions = SlackCardOptions()) -> SlackMessage {
        let card = SlackIncidentCard(incident: incident, options: options)
        var blocks: [SlackBlock] = [card.header, card.fieldsSection]
        if let description = card.descriptionSection { blocks.append(description) }
        if let affected = card.affectedObjectsSection { blocks.append(affected) }
        blocks.append(card.context)
        if let actions = card.actions { blocks.append(actions) }
        return SlackMessage(text: card.fallbackText, blocks: Array(blocks.prefix(SlackBlock.maximumBlocksPerMessage)))
    }
}

/// Renders one incident card: the parts ``SlackMessage/incidentCard(for:options:)`` assembles.
struct SlackIncidentCard {
    let incident: Incident
    let options: SlackCardOptions
    let phase: IncidentPhase
    let severity: Severity

    init(incident: Incident, options: SlackCardOptions) {
        self.incident = incident
        self.options = options
        phase = incident.status?.phase ?? .firing
        severity = incident.status?.severity ?? .info
    }

    /// The emoji shortcode in the header: the severity's while firing, then the phase's.
    var emoji: String {
        switch phase {
        case .acknowledged: return ":eyes:"
        case .resolved: return ":white_check_mark:"
        case .firing:
            switch severity {
            case .critical: return ":rotating_light:"
            case .high: return ":red_circle:"
            case .moderate: return ":large_orange_circle:"
            case .low: return ":large_yellow_circle:"
            case .info: return ":large_blue_circle:"
            }
        }
    }

    /// `[CRITICAL]`.
    var severityLabel: String { "[\(severity.rawValue.uppercased())]" }

    /// The summary as written, or a sentence naming the AlertRule when the incident has none.
    var summary: String {
        if let summary = incident.status?.summary, !summary.isEmpty { return summary }
        return "AlertRule \(incident.spec.alertRuleRef.name) fired"
    }

    /// The incident's `namespace/name`, when both are known.
    var key: SlackIncidentKey? {
        guard let namespace = incident.metadata.namespace, let name = incident.metadata.name else { return nil }
        return SlackIncidentKey(namespace: namespace, name: name)
    }

    /// What is affected: the status's subject, else the incident's key.
    var subject: String {
        if let subject = incident.status?.subject, !subject.isEmpty { return subject }
        return key?.value ?? incident.metadata.name ?? "—"
    }

    var header: SlackBlock {
        let prefix = "\(emoji) \(severityLabel) "
        let room = SlackBlock.maximumHeaderTextLength - prefix.utf16.count
        return .header(.plainText(prefix + SlackText.escapedTruncated(summary, limit: room)))
    }

    /// `[CRITICAL] summary — subject`, with ` (Acknowledged)` or ` (Resolved)` once the incident is no longer firing.
    var fallbackText: String {
        var text = "\(severityLabel) \(summary) — \(subject)"
        if phase != .firing { text += " (\(phase.rawValue))" }
        return SlackText.escapedTruncated(text, limit: SlackMessage.maximumTextLength)
    }

    var actions: SlackBlock? {
        guard options.showsButtons, let key else { return nil }
        let shown: [SlackCardAction]
        switch phase {
        case .firing: shown = [.acknowledge, .resolve, .escalate]
        case .acknowledged: shown = [.resolve, .escalate]
        case .resolved: return nil
        }
        return .actions(
            shown.map { action in
                SlackButton(text: .plainText(action.title), actionID: action.rawValue, value: key.value, style: action.style)
            })
    }
}
