/// The `type` of any interaction payload.
struct SlackInteractionEnvelope: Decodable {
    var type: String
}

/// The fields of a `block_actions` payload Tocsin reads (Slack sends many more).
struct SlackBlockActionsPayload: Decodable {
    struct User: Decodable {
        var id: String?
        var username: String?
        var name: String?
        var teamID: String?

        enum CodingKeys: String, CodingKey {
            case id, username, name
            case teamID = "team_id"
        }
    }

    struct Identified: Decodable {
        var id: String?
    }

    struct Container: Decodable {
        var messageTS: String?
        var channelID: String?

        enum CodingKeys: String, CodingKey {
            case messageTS = "message_ts"
            case channelID = "channel_id"
        }
    }

    struct Message: Decodable {
        var ts: String?
    }

    struct Action: Decodable {
        var actionID: String?
        var blockID: String?
        var value: String?
        var actionTS: String?

        enum CodingKeys: String, CodingKey {
            case actionID = "action_id"
            case blockID = "block_id"
            case value
            case actionTS = "action_ts"
        }
    }

    var user: User?
    var team: Identified?
    var channel: Identified?
    var container: Container?
    var message: Message?
    var actions: [Action]?
    var responseURL: String?
    var triggerID: String?

    enum CodingKeys: String, CodingKey {
        case user, team, channel, container, message, actions
        case responseURL = "response_url"
        case triggerID = "trigger_id"
    }
}

extension SlackBlockActions {
    /// Reads the fields Tocsin needs from the wire payload.
    ///
    /// - Throws: ``SlackPayloadError`` when `user.id` or `actions[0].action_id` is missing.
    init(_ wire: SlackBlockActionsPayload) throws(SlackPayloadError) {
        guard let userID = wire.user?.id, !userID.isEmpty else {
            throw SlackPayloadError.missing("user.id", in: "block_actions payload")
        }
        guard let first = wire.actions?.first, let actionID = first.actionID, !actionID.isEmpty else {
            throw SlackPayloadError.missing("actions[0].action_id", in: "block_actions payload")
        }
        self.init(
            userID: userID,
            userName: Self.nonEmpty(wire.user?.username) ?? Self.nonEmpty(wire.user?.name),
            teamID: Self.nonEmpty(wire.team?.id) ?? Self.nonEmpty(wire.user?.teamID),
            action: SlackAction(actionID: actionID, blockID: first.blockID, value: first.value, actionTS: first.actionTS),
            responseURL: Self.nonEmpty(wire.responseURL),
            channelID: Self.nonEmpty(wire.container?.channelID) ?? Self.nonEmpty(wire.channel?.id),
            messageTS: Self.nonEmpty(wire.container?.messageTS) ?? Self.nonEmpty(wire.message?.ts),
            triggerID: Self.nonEmpty(wire.triggerID))
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
