/// A slash-command request (`/tocsin ack shop/crashloop-7f3a`), form-encoded by Slack.
public struct SlackSlashCommand: Sendable, Hashable {
    /// The command typed, e.g. `/tocsin`.
    public var command: String
    /// What follows the command, as typed.
    public var text: String
    /// The Slack user ID of who typed it (`U…`).
    public var userID: String
    /// Their user name, when Slack sent one.
    public var userName: String?
    /// The channel it was typed in.
    public var channelID: String?
    /// The workspace ID (`T…`).
    public var teamID: String?
    /// Where to send delayed answers (up to 5 within 30 minutes).
    public var responseURL: String?
    /// Opens a modal within 3 seconds.
    public var triggerID: String?

    /// Creates a command.
    public init(
        command: String, text: String, userID: String, userName: String? = nil, channelID: String? = nil,
        teamID: String? = nil, responseURL: String? = nil, triggerID: String? = nil
    ) {
        self.command = command
        self.text = text
        self.userID = userID
        self.userName = userName
        self.channelID = channelID
        self.teamID = teamID
        self.responseURL = responseURL
        self.triggerID = triggerID
    }

    /// Reads a verified slash-command request (fields `command`, `text`, `user_id`, `user_name`, `channel_id`,
    /// `team_id`, `response_url`, `trigger_id`; the deprecated `token` is ignored).
    ///
    /// - Throws: ``SlackPayloadError`` when `command` or `user_id` is missing.
    public init(form: SlackForm) throws(SlackPayloadError) {
        guard let command = SlackBlockActions.nonEmpty(form["command"]) else {
            throw SlackPayloadError.missing("command", in: "slash command request")
        }
        guard let userID = SlackBlockActions.nonEmpty(form["user_id"]) else {
            throw SlackPayloadError.missing("user_id", in: "slash command request")
        }
        self.init(
            command: command, text: form["text"] ?? "", userID: userID,
            userName: SlackBlockActions.nonEmpty(form["user_name"]),
            channelID: SlackBlockActions.nonEmpty(form["channel_id"]), teamID: SlackBlockActions.nonEmpty(form["team_id"]),
            responseURL: SlackBlockActions.nonEmpty(form["response_url"]),
            triggerID: SlackBlockActions.nonEmpty(form["trigger_id"]))
    }

    /// What the user asked for.
    public var request: SlackCommandRequest { SlackCommandRequest(text: text) }

    /// `slack:U0123456789 (alice)`, the form Incident status uses for `acknowledgedBy` and `resolvedBy`.
    public var actor: String {
        userName.map { "slack:\(userID) (\($0))" } ?? "slack:\(userID)"
    }
}
