/// The lifecycle and delivery state of an ``Incident``: the operator's memory across restarts.
public struct IncidentStatus: Codable, Sendable, Hashable {
    /// The phase.
    public var phase: IncidentPhase
    /// The current severity (the rule's, or higher after escalation).
    public var severity: Severity
    /// How many escalation steps were taken (0 at firing).
    public var escalationLevel: Int?
    /// A short description of what is affected, e.g. `Deployment shop/api`.
    public var subject: String?
    /// The rendered summary.
    public var summary: String?
    /// The rendered description.
    public var description: String?
    /// Every label of the incident (group labels, Monitor and rule labels, team).
    public var labels: [String: String]?
    /// The value that made the condition hold, as text (e.g. `7` restarts), for templates.
    public var value: String?
    /// The affected objects (at most ``Incident/maxAffectedObjects``; see ``affectedObjectCount``).
    public var affectedObjects: [AffectedObject]?
    /// How many objects are affected in total.
    public var affectedObjectCount: Int?
    /// When the incident fired.
    public var startTime: Timestamp
    /// When it was acknowledged.
    public var acknowledgedTime: Timestamp?
    /// Who acknowledged it, e.g. `slack:U0123456789 (alice)` or `kubectl:alice@example.com`.
    public var acknowledgedBy: String?
    /// When it resolved.
    public var resolvedTime: Timestamp?
    /// Who resolved it by hand; unset when the condition cleared.
    public var resolvedBy: String?
    /// When receivers were last notified (drives `repeatInterval`).
    public var lastNotifiedTime: Timestamp?
    /// Everyone paged, at firing and at each escalation.
    public var paged: [PagedParticipant]?
    /// The delivery state per receiver.
    public var deliveries: [ReceiverDelivery]?
    /// What happened, oldest first (at most ``Incident/maxTimelineEntries``; the oldest are dropped).
    public var timeline: [TimelineEntry]?

    /// Creates a status.
    public init(
        phase: IncidentPhase, severity: Severity, escalationLevel: Int? = nil, subject: String? = nil,
        summary: String? = nil, description: String? = nil, labels: [String: String]? = nil, value: String? = nil,
        affectedObjects: [AffectedObject]? = nil, affectedObjectCount: Int? = nil, startTime: Timestamp,
        acknowledgedTime: Timestamp? = nil, acknowledgedBy: String? = nil, resolvedTime: Timestamp? = nil,
        resolvedBy: String? = nil, lastNotifiedTime: Timestamp? = nil, paged: [PagedParticipant]? = nil,
        deliveries: [ReceiverDelivery]? = nil, timeline: [TimelineEntry]? = nil
    ) {
        self.phase = phase
        self.severity = severity
        self.escalationLevel = escalationLevel
        self.subject = subject
        self.summary = summary
        self.description = description
        self.labels = labels
        self.value = value
        self.affectedObjects = affectedObjects
        self.affectedObjectCount = affectedObjectCount
        self.startTime = startTime
        self.acknowledgedTime = acknowledgedTime
        self.acknowledgedBy = acknowledgedBy
        self.resolvedTime = resolvedTime
        self.resolvedBy = resolvedBy
        self.lastNotifiedTime = lastNotifiedTime
        self.paged = paged
        self.deliveries = deliveries
        self.timeline = timeline
    }
}

/// One entry of an incident's timeline.
public struct TimelineEntry: Codable, Sendable, Hashable {
    /// What happened.
    public enum EventType: String, APIEnum {
        /// The incident fired.
        case fired = "Fired"
        /// Someone acknowledged it.
        case acknowledged = "Acknowledged"
        /// An escalation step was taken.
        case escalated = "Escalated"
        /// It resolved.
        case resolved = "Resolved"
        /// Receivers were notified again (repeat).
        case notified = "Notified"
        /// A delivery failed without further retries.
        case deliveryFailed = "DeliveryFailed"
        /// Someone added a note.
        case note = "Note"
    }

    /// When it happened.
    public var time: Timestamp
    /// What happened.
    public var type: EventType
    /// Who did it, when a person did.
    public var actor: String?
    /// Details (at most 1,024 characters).
    public var message: String?

    /// Creates an entry.
    public init(time: Timestamp, type: EventType, actor: String? = nil, message: String? = nil) {
        self.time = time
        self.type = type
        self.actor = actor
        self.message = message
    }
}
