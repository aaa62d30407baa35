/// The Block Kit blocks Tocsin sends: a small, typed subset of Slack's layout blocks.
public enum SlackBlock: Codable, Sendable, Hashable {
    /// Large bold `plain_text` (at most 150 characters).
    case header(SlackTextObject)
    /// A text (at most 3,000 characters) and/or up to 10 fields (each at most 2,000 characters) shown in two columns.
    case section(text: SlackTextObject?, fields: [SlackTextObject]?)
    /// A line of small text elements (at most 10).
    case context([SlackTextObject])
    /// Interactive buttons (at most 25).
    case actions([SlackButton])
    /// A horizontal rule.
    case divider

    /// The most blocks in one message.
    public static let maximumBlocksPerMessage = 50
    /// The most characters of a section's text.
    public static let maximumSectionTextLength = 3_000
    /// The most characters of a header's text.
    public static let maximumHeaderTextLength = 150
    /// The most fields of a section.
    public static let maximumFieldsPerSection = 10
    /// The most characters of one field.
    public static let maximumFieldLength = 2_000
    /// The most characters of a button's label.
    public static let maximumButtonTextLength = 75
    /// The most elements of a context block.
    public static let maximumContextElements = 10

    enum CodingKeys: String, CodingKey {
        case type, text, fields, elements
    }

    /// The block's `type` as Slack names it.
    public var type: String {
        switch self {
        case .header: "header"
        case .section: "section"
        case .context: "context"
        case .actions: "actions"
        case .divider: "divider"
        }
    }

    /// Decodes one of the supported block types.
    ///
    /// - Throws: `DecodingError` for another block type or a missing field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "header":
            self = .header(try container.decode(SlackTextObject.self, forKey: .text))
        case "section":
            self = .section(
                text: try container.decodeIfPresent(SlackTextObject.self, forKey: .text),
                fields: try container.decodeIfPresent([SlackTextObject].self, forKey: .fields))
        case "context":
            self = .context(try container.decode([SlackTextObject].self, forKey: .elements))
        case "actions":
            self = .actions(try container.decode([SlackButton].self, forKey: .elements))
        case "divider":
            self = .divider
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "unsupported block type \"\(type.prefix(40))\": supported are header, section, "
                    + "context, actions, divider")
        }
    }

    /// Encodes the block with its `type`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .header(let text):
            try container.encode(text, forKey: .text)
        case .section(let text, let fields):
            try container.encodeIfPresent(text, forKey: .text)
            try container.encodeIfPresent(fields, forKey: .fields)
        case .context(let elements):
            try container.encode(elements, forKey: .elements)
        case .actions(let elements):
            try container.encode(elements, forKey: .elements)
        case .divider:
            break
        }
    }
}
