import KubeCore
/// Who is on call now and next, as computed by the operator.
public struct OnCallScheduleStatus: Codable, Sendable, Hashable {
    /// The `metadata.generation` this status describes.
    public var observedGeneration: Int64?
    /// `Ready` (reasons such as `Invalid`, `NobodyOnCall`), with `observedGeneration`.
    public var conditions: [Condition]?
    /// Everyone on call now (one entry with precedence layering, unless nobody is).
    public var onCallNow: [OnCallShift]?
    /// The next instant at which who is on call changes.
    public var nextHandoff: Timestamp?
    /// The next shifts (at most 10).
    public var upcomingShifts: [OnCallShift]?
    /// Periods within the next 14 days with nobody on call (at most 20).
    public var gaps: [TimeRange]?
    /// What was last announced by ``OnCallScheduleSpec/notifications``.
    public var lastHandoff: HandoffRecord?
    /// The set time (``HandoffSlackNotification/postAt``) whose summary was last posted.
    public var lastScheduledPost: Timestamp?

    /// Creates a status.
    public init(
        observedGeneration: Int64? = nil, conditions: [Condition]? = nil, onCallNow: [OnCallShift]? = nil,
        nextHandoff: Timestamp? = nil, upcomingShifts: [OnCallShift]? = nil, gaps: [TimeRange]? = nil,
        lastHandoff: HandoffRecord? = nil, lastScheduledPost: Timestamp? = nil
    ) {
        self.lastHandoff = lastHandoff
        self.lastScheduledPost = lastScheduledPost
        self.observedGeneration = observedGeneration
        self.conditions = conditions
        self.onCallNow = onCallNow
        self.nextHandoff = nextHandoff
        self.upcomingShifts = upcomingShifts
        self.gaps = gaps
    }
}

/// One participant's time on call.
public struct OnCallShift: Codable, Sendable, Hashable {
    /// The participant's name.
    public var participant: String
    /// The participant's Slack user ID.
    public var slackUserID: String?
    /// The participant's Opsgenie username.
    public var opsgenieUser: String?
    /// The rotation the shift comes from; unset for an override.
    public var rotation: String?
    /// Whether the shift comes from an override (JSON `override`).
    public var isOverride: Bool?
    /// When the shift starts.
    public var start: Timestamp
    /// When the shift ends.
    public var end: Timestamp

    /// Creates a shift.
    public init(
        participant: String, slackUserID: String? = nil, opsgenieUser: String? = nil, rotation: String? = nil,
        isOverride: Bool? = nil, start: Timestamp, end: Timestamp
    ) {
        self.participant = participant
        self.slackUserID = slackUserID
        self.opsgenieUser = opsgenieUser
        self.rotation = rotation
        self.isOverride = isOverride
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey {
        case participant, slackUserID, opsgenieUser, rotation
        case isOverride = "override"
        case start, end
    }
}

/// A period of time, `start` inclusive, `end` exclusive.
public struct TimeRange: Codable, Sendable, Hashable {
    /// The start.
    public var start: Timestamp
    /// The end.
    public var end: Timestamp

    /// Creates a range.
    public init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = end
    }
}
