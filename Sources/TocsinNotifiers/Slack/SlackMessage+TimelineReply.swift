import TocsinAPI

extension SlackMessage {
    /// A thread reply under the incident's card for one timeline entry, e.g. `:eyes: Acknowledged by <@U…>` or
    /// `:memo: Note from alice: rolled back to v41`. Text only; at most ``maximumTextLength`` characters.
    public static func timelineReply(_ entry: TimelineEntry) -> SlackMessage {
        let (emoji, label, actorWord): (String, String, String) =
            switch entry.type {
            case .fired: (":rotating_light:", "Fired", "by")
            case .acknowledged: (":eyes:", "Acknowledged", "by")
            case .escalated: (":arrow_double_up:", "Escalated", "by")
            case .resolved: (":white_check_mark:", "Resolved", "by")
            case .notified: (":bell:", "Notified again", "by")
            case .deliveryFailed: (":warning:", "Delivery failed", "for")
            case .note: (":memo:", "Note", "from")
            }
        var text = "\(emoji) \(label)"
        if let actor = entry.actor, !actor.isEmpty { text += " \(actorWord) \(SlackIncidentCard.actor(actor))" }
        if let message = entry.message, !message.isEmpty {
            let room = maximumTextLength - text.utf16.count - 2
            text += ": " + SlackText.escapedTruncated(message, limit: room)
        }
        return SlackMessage(text: text)
    }
}
