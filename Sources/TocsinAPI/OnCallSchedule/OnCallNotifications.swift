import KubeCore

/// Where an ``OnCallSchedule`` announces each change of who is on call.
public struct OnCallNotifications: Codable, Sendable, Hashable {
    /// A Slack channel to post to, and optionally a user group to keep in sync.
    public var slack: HandoffSlackNotification?

    /// Creates the notifications.
    public init(slack: HandoffSlackNotification? = nil) {
        self.slack = slack
    }
}

/// Slack handoff notifications: at each change of who is on call, one message to ``channel`` and, when
/// ``userGroupID`` is set, the user group's members replaced by the Slack users on call
/// (`usergroups.users.update`).
public struct HandoffSlackNotification: Codable, Sendable, Hashable {
    /// The channel: a name such as `#sre` or an ID such as `C0123456789`.
    public var channel: String
    /// The Secret key holding the bot token (`xoxb-…`; scopes `chat:write`, and `usergroups:write` for
    /// ``userGroupID``).
    public var tokenSecretRef: SecretKeySelector
    /// The Slack user group (`S…`) whose members are kept equal to whoever is on call.
    public var userGroupID: String?

    /// Creates the Slack notification.
    public init(channel: String, tokenSecretRef: SecretKeySelector, userGroupID: String? = nil) {
        self.channel = channel
        self.tokenSecretRef = tokenSecretRef
        self.userGroupID = userGroupID
    }
}

/// What the operator last announced about who is on call (`status.lastHandoff`): it compares this record before
/// sending, so each change is announced once.
public struct HandoffRecord: Codable, Sendable, Hashable {
    /// When the announced stretch of on-call began.
    public var time: Timestamp
    /// Who is on call in it, in order (empty during a gap).
    public var participants: [String]
    /// When the message was posted; unset until it was.
    public var notifiedTime: Timestamp?
    /// Whether the Slack user group holds the people on call; unset without a user group.
    public var userGroupSynced: Bool?
    /// Why the last attempt failed or what was skipped (never a credential).
    public var error: String?

    /// Creates a record.
    public init(
        time: Timestamp, participants: [String], notifiedTime: Timestamp? = nil, userGroupSynced: Bool? = nil,
        error: String? = nil
    ) {
        self.time = time
        self.participants = participants
        self.notifiedTime = notifiedTime
        self.userGroupSynced = userGroupSynced
        self.error = error
    }
}

extension Syntax {
    /// Whether `value` is a Slack user group ID: `S` and at least one of `[A-Z0-9]` (`^S[A-Z0-9]+$`).
    public static func isSlackUserGroupID(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, bytes.count <= 32, bytes[0] == UInt8(ascii: "S") else { return false }
        return bytes.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }
}

extension OnCallNotifications {
    /// Adds every problem of the notifications to `validator`.
    func validate(at path: FieldPath, into validator: inout Validator) {
        guard let slack else {
            validator.add(.required, at: path, "must set slack (or omit notifications)")
            return
        }
        let slackPath = path.child("slack")
        if validator.requireNonEmpty(slack.channel, at: slackPath.child("channel")), !Syntax.isSlackChannel(slack.channel) {
            validator.add(.invalid, at: slackPath.child("channel"), "must be a channel name such as #sre or a channel ID such as C0123456789")
        }
        validator.checkSecret(slack.tokenSecretRef, at: slackPath.child("tokenSecretRef"))
        if let id = slack.userGroupID, !Syntax.isSlackUserGroupID(id) {
            validator.add(.invalid, at: slackPath.child("userGroupID"), "must be a Slack user group ID such as S0123ABCD")
        }
    }
}
