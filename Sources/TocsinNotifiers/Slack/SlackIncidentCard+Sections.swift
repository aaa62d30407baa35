import TocsinAPI

extension SlackIncidentCard {
    /// The most characters of one affected-object line.
    static let affectedObjectLineLength = 140
    /// The most on-call participants named before "and N more".
    static let maximumOnCallShown = 10
    /// The most characters of a link's title.
    static let linkTitleLength = 100

    var fieldsSection: SlackBlock {
        var fields = [
            Self.field("Namespace", SlackText.escapedTruncated(incident.metadata.namespace ?? "—", limit: 200)),
            Self.field("Subject", SlackText.escapedTruncated(subject, limit: 1_900)),
        ]
        if let start = incident.status?.startTime {
            fields.append(Self.field("Since", Self.dateToken(start)))
        }
        fields.append(Self.field("Status", status))
        if let onCall { fields.append(Self.field("On call", onCall)) }
        return .section(text: nil, fields: fields)
    }

    /// `Firing`, `Firing (escalation level 2)`, `Acknowledged by <@U…>`, `Resolved` or `Resolved by alice`.
    var status: String {
        let status = incident.status
        switch phase {
        case .firing:
            if let level = status?.escalationLevel, level > 0 { return "Firing (escalation level \(level))" }
            return "Firing"
        case .acknowledged:
            return status?.acknowledgedBy.map { "Acknowledged by \(Self.actor($0))" } ?? "Acknowledged"
        case .resolved:
            return status?.resolvedBy.map { "Resolved by \(Self.actor($0))" } ?? "Resolved"
        }
    }

    /// Everyone paged, once each, in order: `<@U…>` mentions where the Slack user ID is known, else names.
    var onCall: String? {
        var seen = Set<String>()
        var names: [String] = []
        for participant in incident.status?.paged ?? [] {
            let mention =
                participant.slackUserID.flatMap { Self.isSlackUserID($0) ? "<@\($0)>" : nil }
                ?? SlackText.escapedTruncated(participant.name, limit: 100)
            if seen.insert(mention).inserted { names.append(mention) }
        }
        guard !names.isEmpty else { return nil }
        var text = names.prefix(Self.maximumOnCallShown).joined(separator: ", ")
        if names.count > Self.maximumOnCallShown { text += " and \(names.count - Self.maximumOnCallShown) more" }
        return text
    }

    var descriptionSection: SlackBlock? {
        guard let description = incident.status?.description, !description.isEmpty else { return nil }
        return .section(
            text: .markdown(SlackText.escapedTruncated(description, limit: SlackBlock.maximumSectionTextLength)),
            fields: nil)
    }

    var affectedObjectsSection: SlackBlock? {
        let objects = incident.status?.affectedObjects ?? []
        let total = max(incident.status?.affectedObjectCount ?? 0, objects.count)
        guard total > 0 else { return nil }
        let limit = min(max(options.affectedObjectLimit, 1), SlackCardOptions.maximumAffectedObjects)
        var lines = ["*Affected objects (\(total))*"]
        for object in objects.prefix(limit) {
            var line = object.kind + " " + (object.namespace.map { "\($0)/\(object.name)" } ?? object.name)
            if let detail = object.detail, !detail.isEmpty { line += " — \(detail)" }
            lines.append("• " + SlackText.escapedTruncated(line, limit: Self.affectedObjectLineLength))
        }
        let shown = min(objects.count, limit)
        if total > shown { lines.append("and \(total - shown) more") }
        return .section(text: .markdown(lines.joined(separator: "\n")), fields: nil)
    }

    /// `Incident `ns/name` · AlertRule `rule``, then one element per link.
    var context: SlackBlock {
        var line = "AlertRule `\(SlackText.escaped(incident.spec.alertRuleRef.name))`"
        if let key { line = "Incident `\(SlackText.escaped(key.value))` · " + line }
        var elements = [SlackTextObject.markdown(line)]
        for link in options.links where Self.isWebURL(link.url) {
            guard elements.count <= SlackCardOptions.maximumLinks else { break }
            let text = SlackText.link(url: link.url, title: SlackText.truncated(link.title, limit: Self.linkTitleLength))
            if text.utf16.count <= SlackBlock.maximumSectionTextLength { elements.append(.markdown(text)) }
        }
        return .context(elements)
    }

    /// `*Label*\nvalue`; `value` is already escaped and bounded, the truncation is a last safeguard.
    static func field(_ label: String, _ value: String) -> SlackTextObject {
        .markdown(SlackText.truncated("*\(label)*\n\(value)", limit: SlackBlock.maximumFieldLength))
    }

    /// `<!date^1763632800^{date_short_pretty} {time}|2025-11-20T10:00:00Z>`: shown in the reader's time zone.
    static func dateToken(_ time: Timestamp) -> String {
        let epoch = Int64(time.date.timeIntervalSince1970.rounded(.down))
        return "<!date^\(epoch)^{date_short_pretty} {time}|\(SlackText.escaped(Timestamp(time.date).description))>"
    }

    /// `slack:U0123456789 (alice)` becomes the mention `<@U0123456789>`; anything else is shown escaped.
    static func actor(_ actor: String) -> String {
        if actor.hasPrefix("slack:") {
            let id = actor.dropFirst("slack:".count).prefix { !$0.isWhitespace }
            if isSlackUserID(id) { return "<@\(id)>" }
        }
        return SlackText.escapedTruncated(actor, limit: 200)
    }

    /// Whether `text` looks like a Slack user ID: `U` or `W` then 2 to 20 upper-case letters or digits.
    static func isSlackUserID(_ text: some StringProtocol) -> Bool {
        guard let first = text.first, first == "U" || first == "W", (3...21).contains(text.count) else { return false }
        return text.dropFirst().allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    static func isWebURL(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return (lowered.hasPrefix("https://") || lowered.hasPrefix("http://")) && !url.contains(where: \.isWhitespace)
    }
}
