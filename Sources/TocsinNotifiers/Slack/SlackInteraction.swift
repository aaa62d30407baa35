import Foundation

/// An interaction request from Slack (the `payload` field of the form Slack posts to the interactivity URL).
public enum SlackInteraction: Sendable, Hashable {
    /// A click on a Block Kit element, e.g. an incident card's button.
    case blockActions(SlackBlockActions)
    /// Another kind of interaction (`view_submission`, `shortcut`, `message_action`, …), named by its `type`.
    case unsupported(type: String)

    /// Reads the `payload` field of a verified interactivity request.
    ///
    /// - Throws: ``SlackPayloadError`` when there is no payload, it is not JSON, or a `block_actions` payload lacks
    ///   the user or the action.
    public init(form: SlackForm) throws(SlackPayloadError) {
        guard let payload = form["payload"], !payload.isEmpty else {
            throw SlackPayloadError(
                code: .missingPayload, field: "payload",
                message: "the Slack interaction request has no payload field: it is not an interactivity request")
        }
        try self.init(payload: payload)
    }

    /// Reads an interaction payload (JSON).
    ///
    /// - Throws: ``SlackPayloadError`` when it is not a JSON object with a `type`, or a `block_actions` payload
    ///   lacks the user or the action.
    public init(payload: String) throws(SlackPayloadError) {
        let data = Data(payload.utf8)
        let envelope: SlackInteractionEnvelope
        do {
            envelope = try JSONDecoder().decode(SlackInteractionEnvelope.self, from: data)
        } catch {
            throw SlackPayloadError(
                code: .malformedJSON, field: "payload",
                message: "the Slack interaction payload is not a JSON object with a type (\(data.count) bytes)")
        }
        guard envelope.type == "block_actions" else {
            self = .unsupported(type: String(envelope.type.prefix(64)))
            return
        }
        let wire: SlackBlockActionsPayload
        do {
            wire = try JSONDecoder().decode(SlackBlockActionsPayload.self, from: data)
        } catch {
            throw SlackPayloadError(
                code: .malformedJSON, field: Self.path(of: error),
                message: "the Slack block_actions payload has an unexpected shape at \(Self.path(of: error) ?? "the top level")")
        }
        self = .blockActions(try SlackBlockActions(wire))
    }

    /// The dotted coding path of a decoding error, e.g. `actions.0.action_id`.
    static func path(of error: any Error) -> String? {
        let context: DecodingError.Context? =
            switch error as? DecodingError {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                context
            case .keyNotFound(let key, let context):
                DecodingError.Context(codingPath: context.codingPath + [key], debugDescription: "")
            default:
                nil
            }
        guard let context, !context.codingPath.isEmpty else { return nil }
        return context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

/// A `block_actions` interaction: who clicked what, on which message.
public struct SlackBlockActions: Sendable, Hashable {
    /// The Slack user ID of who clicked (`U…`).
    public var userID: String
    /// Their user name, when Slack sent one.
    public var userName: String?
    /// The workspace ID (`T…`).
    public var teamID: String?
    /// The element clicked (Slack sends one per click; further ones are ignored).
    public var action: SlackAction
    /// Where to send up to 5 responses within 30 minutes (replace or add to the message, ephemeral answers).
    public var responseURL: String?
    /// The channel of the message.
    public var channelID: String?
    /// The `ts` of the message holding the button.
    public var messageTS: String?
    /// Opens a modal within 3 seconds.
    public var triggerID: String?

    /// Creates an interaction.
    public init(
        userID: String, userName: String? = nil, teamID: String? = nil, action: SlackAction, responseURL: String? = nil,
        channelID: String? = nil, messageTS: String? = nil, triggerID: String? = nil
    ) {
        self.userID = userID
        self.userName = userName
        self.teamID = teamID
        self.action = action
        self.responseURL = responseURL
        self.channelID = channelID
        self.messageTS = messageTS
        self.triggerID = triggerID
    }

    /// `slack:U0123456789 (alice)`, the form Incident status uses for `acknowledgedBy` and `resolvedBy`.
    public var actor: String {
        userName.map { "slack:\(userID) (\($0))" } ?? "slack:\(userID)"
    }
}

/// One element of a `block_actions` interaction.
public struct SlackAction: Sendable, Hashable {
    /// The element's `action_id`.
    public var actionID: String
    /// The block holding the element.
    public var blockID: String?
    /// The element's `value`.
    public var value: String?
    /// When the click happened (Slack's `action_ts`).
    public var actionTS: String?

    /// Creates an action.
    public init(actionID: String, blockID: String? = nil, value: String? = nil, actionTS: String? = nil) {
        self.actionID = actionID
        self.blockID = blockID
        self.value = value
        self.actionTS = actionTS
    }

    /// The incident card button clicked, when it is one of Tocsin's.
    public var cardAction: SlackCardAction? { SlackCardAction(rawValue: actionID) }

    /// The Incident the button names, when ``value`` is `"<namespace>/<name>"`.
    public var incidentKey: SlackIncidentKey? { value.flatMap(SlackIncidentKey.init(value:)) }
}
