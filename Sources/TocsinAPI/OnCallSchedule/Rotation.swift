/// A layer of an ``OnCallSchedule``: participants take shifts of `shiftLength` in turn, handing off at
/// `handoffTime` in the schedule's time zone.
///
/// The first shift begins at the first handoff at or after ``start`` and goes to the first active participant.
/// Shift lengths that are whole days (`1d`, `1w`, `14d`) count calendar days, so a 09:00 handoff stays at 09:00
/// local time across DST changes and a shift that spans a change is an hour shorter or longer, never skipped or
/// doubled. Shorter shifts must divide a day (`1h`, `2h`, `3h`, `4h`, `6h`, `8h`, `12h`) and repeat from the
/// handoff time each day.
public struct Rotation: Codable, Sendable, Hashable {
    /// The rotation's name, unique in the schedule (a DNS label).
    public var name: String
    /// The participants, in rotation order.
    public var participants: [Participant]
    /// The length of one shift: whole hours dividing a day, or whole days.
    public var shiftLength: KubeDuration
    /// The handoff time, `HH:MM` in the schedule's time zone.
    public var handoffTime: String
    /// When the rotation takes effect (RFC 3339).
    public var start: Timestamp
    /// When set, participants are on call only inside these windows (in the schedule's time zone); outside them
    /// the rotation has nobody (a lower layer, if any, shows through).
    public var restrictions: [TimeWindow]?

    /// Creates a rotation.
    public init(
        name: String, participants: [Participant], shiftLength: KubeDuration, handoffTime: String, start: Timestamp,
        restrictions: [TimeWindow]? = nil
    ) {
        self.name = name
        self.participants = participants
        self.shiftLength = shiftLength
        self.handoffTime = handoffTime
        self.start = start
        self.restrictions = restrictions
    }
}

/// A person who can be on call.
public struct Participant: Codable, Sendable, Hashable {
    /// A name unique in the rotation, shown in Slack, status and incidents.
    public var name: String
    /// The Slack user ID (`U…`/`W…`), used to mention the person.
    public var slackUserID: String?
    /// The Opsgenie username (e-mail), used as a responder.
    public var opsgenieUser: String?
    /// The person's own IANA time zone, for display only (handoffs follow the schedule's zone).
    public var timeZone: String?
    /// The person joins the rotation at the first handoff at or after this time (RFC 3339), so adding someone
    /// does not reshuffle the current and next shifts.
    public var effectiveFrom: Timestamp?
    /// The person leaves the rotation at the first handoff at or after this time (RFC 3339).
    public var effectiveUntil: Timestamp?

    /// Creates a participant.
    public init(
        name: String, slackUserID: String? = nil, opsgenieUser: String? = nil, timeZone: String? = nil,
        effectiveFrom: Timestamp? = nil, effectiveUntil: Timestamp? = nil
    ) {
        self.name = name
        self.slackUserID = slackUserID
        self.opsgenieUser = opsgenieUser
        self.timeZone = timeZone
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
    }
}
