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

/// Slack handoff notifications: at each change of who is on call (unless ``onChange`` is `false`) and at the
/// ``postAt`` times, one message to ``channel``; when ``userGroupID`` is set, the user group's members replaced by
/// the Slack users on call at each change (`usergroups.users.update`).
public struct HandoffSlackNotification: Codable, Sendable, Hashable {
    /// The channel: a name such as `#sre` or an ID such as `C0123456789`.
    public var channel: String
    /// The Secret key holding the bot token (`xoxb-…`; scopes `chat:write`, and `usergroups:write` for
    /// ``userGroupID``).
    public var tokenSecretRef: SecretKeySelector
    /// The Slack user group (`S…`) whose members are kept equal to whoever is on call.
    public var userGroupID: String?
    /// Whether each change of who is on call is posted. Default `true`.
    public var onChange: Bool?
    /// Set times at which who is on call now and next is posted, whether or not it changed.
    public var postAt: HandoffPostTimes?

    /// Creates the Slack notification.
    public init(
        channel: String, tokenSecretRef: SecretKeySelector, userGroupID: String? = nil, onChange: Bool? = nil,
        postAt: HandoffPostTimes? = nil
    ) {
        self.channel = channel
        self.tokenSecretRef = tokenSecretRef
        self.userGroupID = userGroupID
        self.onChange = onChange
        self.postAt = postAt
    }

    /// Whether each change is posted (``onChange``, default `true`).
    public var postsOnChange: Bool { onChange ?? true }
}

/// Wall-clock times, in the schedule's `timeZone`, at which the on-call summary is posted (e.g. every weekday at
/// 09:00). A time that does not exist on a day (a spring-forward gap) posts at the end of the gap; a time that
/// happens twice (fall back) posts once, at its first occurrence.
public struct HandoffPostTimes: Codable, Sendable, Hashable {
    /// The times of day, `HH:MM` (at most 24).
    public var times: [String]
    /// The days to post on. Default: every day.
    public var daysOfWeek: [DayOfWeek]?

    /// Creates the times.
    public init(times: [String], daysOfWeek: [DayOfWeek]? = nil) {
        self.times = times
        self.daysOfWeek = daysOfWeek
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
        if let postAt = slack.postAt {
            let timesPath = slackPath.child("postAt").child("times")
            if postAt.times.isEmpty {
                validator.add(.required, at: timesPath, "must list at least one HH:MM time (or omit postAt)")
            } else if postAt.times.count > 24 {
                validator.add(.tooLong, at: timesPath, "must list at most 24 times, found \(postAt.times.count)")
            }
            var seen = Set<String>()
            for (index, time) in postAt.times.enumerated() {
                validator.checkTimeOfDay(time, at: timesPath.index(index))
                if Syntax.minutesOfDay(time) != nil, !seen.insert(time).inserted {
                    validator.add(.duplicate, at: timesPath.index(index), "duplicate value \"\(time)\"")
                }
            }
            if let days = postAt.daysOfWeek {
                let daysPath = slackPath.child("postAt").child("daysOfWeek")
                validator.requireNonEmpty(days, at: daysPath)
                var seenDays: Set<DayOfWeek> = []
                for (index, day) in days.enumerated() where !seenDays.insert(day).inserted {
                    validator.add(.duplicate, at: daysPath.index(index), "duplicate value \"\(day.rawValue)\"")
                }
            }
        }
        if slack.onChange == false, slack.postAt == nil, slack.userGroupID == nil {
            validator.add(
                .invalid, at: slackPath.child("onChange"),
                "is false and neither postAt nor userGroupID is set: nothing would be announced")
        }
    }
}
