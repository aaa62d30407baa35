/// A Block Kit text object: `plain_text` or `mrkdwn`.
public struct SlackTextObject: Codable, Sendable, Hashable {
    /// How Slack renders the text.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// Shown as written (emoji shortcodes converted when ``SlackTextObject/emoji`` is set).
        case plainText = "plain_text"
        /// Slack's markup: `*bold*`, `<@U…>` mentions, `<url|links>`, `<!date^…>` tokens.
        case markdown = "mrkdwn"
    }

    /// How Slack renders the text.
    public var type: Kind
    /// The text, already escaped where it came from users (see ``SlackText/escaped(_:)``).
    public var text: String
    /// For `plain_text` only: whether emoji shortcodes such as `:rotating_light:` are converted.
    public var emoji: Bool?

    /// Creates a text object.
    public init(type: Kind, text: String, emoji: Bool? = nil) {
        self.type = type
        self.text = text
        self.emoji = emoji
    }

    /// A `plain_text` object with emoji shortcodes converted.
    public static func plainText(_ text: String) -> SlackTextObject {
        SlackTextObject(type: .plainText, text: text, emoji: true)
    }

    /// A `mrkdwn` object.
    public static func markdown(_ text: String) -> SlackTextObject {
        SlackTextObject(type: .markdown, text: text)
    }
}

/// A Block Kit button element.
public struct SlackButton: Codable, Sendable, Hashable {
    /// A button's colour.
    public enum Style: String, Codable, Sendable, Hashable {
        /// Green: the expected action.
        case primary
        /// Red: a destructive or alarming action.
        case danger
    }

    /// The label: `plain_text`, at most 75 characters.
    public var text: SlackTextObject
    /// Identifies the action in the interaction payload (at most 255 characters, unique in the message).
    public var actionID: String
    /// Sent back in the interaction payload (at most 2,000 characters).
    public var value: String?
    /// The colour; unset is the default grey.
    public var style: Style?

    /// Creates a button.
    public init(text: SlackTextObject, actionID: String, value: String? = nil, style: Style? = nil) {
        self.text = text
        self.actionID = actionID
        self.value = value
        self.style = style
    }

    enum CodingKeys: String, CodingKey {
        case type, text
        case actionID = "action_id"
        case value, style
    }

    /// Decodes a `button` element.
    ///
    /// - Throws: `DecodingError` when a field is missing or the element is not a button.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        guard type == "button" else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unsupported element type \"\(type.prefix(40))\"")
        }
        text = try container.decode(SlackTextObject.self, forKey: .text)
        actionID = try container.decode(String.self, forKey: .actionID)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        style = try container.decodeIfPresent(Style.self, forKey: .style)
    }

    /// Encodes the element with `"type": "button"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("button", forKey: .type)
        try container.encode(text, forKey: .text)
        try container.encode(actionID, forKey: .actionID)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(style, forKey: .style)
    }
}
