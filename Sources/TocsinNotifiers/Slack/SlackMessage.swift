/// A Slack message: the `text` fallback (notifications, screen readers, clients without Block Kit) and its blocks.
///
/// Build one with ``incidentCard(for:options:)`` or ``timelineReply(_:)``; send it with ``SlackClient``.
public struct SlackMessage: Codable, Sendable, Hashable {
    /// The most characters Tocsin puts in ``text`` (Slack truncates messages longer than 40,000 and advises 4,000).
    public static let maximumTextLength = 4_000

    /// The fallback text, always set.
    public var text: String
    /// The Block Kit layout; `nil` for a text-only message.
    public var blocks: [SlackBlock]?

    /// Creates a message.
    public init(text: String, blocks: [SlackBlock]? = nil) {
        self.text = text
        self.blocks = blocks
    }
}

/// The identifiers of a message Slack accepted.
public struct SlackPostedMessage: Sendable, Hashable {
    /// The channel ID (`C…`), needed by `chat.update` even when the message was posted to a channel name.
    public var channelID: String
    /// The message timestamp, Slack's identifier of the message within its channel.
    public var ts: String

    /// Creates the identifiers.
    public init(channelID: String, ts: String) {
        self.channelID = channelID
        self.ts = ts
    }
}
