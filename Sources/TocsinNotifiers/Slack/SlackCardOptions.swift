/// How ``SlackMessage/incidentCard(for:options:)`` renders a card.
public struct SlackCardOptions: Sendable, Hashable {
    /// The most affected objects a card lists (more are summed up as "and N more").
    public static let maximumAffectedObjects = 20
    /// The most links a card shows (a context block holds 10 elements; the first is the incident line).
    public static let maximumLinks = 9

    /// Links shown in the context line, e.g. the object in a dashboard or a trace search. At most
    /// ``maximumLinks`` are shown, in order.
    public var links: [SlackLink]
    /// Whether to show Acknowledge / Resolve / Escalate buttons. `false` for incoming webhooks, which have no
    /// interactivity.
    public var showsButtons: Bool
    /// How many affected objects to list (1 to ``maximumAffectedObjects``).
    public var affectedObjectLimit: Int

    /// Creates options.
    public init(links: [SlackLink] = [], showsButtons: Bool = true, affectedObjectLimit: Int = 10) {
        self.links = links
        self.showsButtons = showsButtons
        self.affectedObjectLimit = affectedObjectLimit
    }
}

/// A titled link in an incident card.
public struct SlackLink: Sendable, Hashable {
    /// The text shown, e.g. `Dashboard`.
    public var title: String
    /// The target, an `http(s)` URL.
    public var url: String

    /// Creates a link.
    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}
