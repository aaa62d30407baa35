/// The delivery state of an incident at one receiver, with its outbox of pending work.
///
/// Deliveries are idempotent across restarts: Slack by the recorded `ts` (never re-post a delivered message),
/// Opsgenie by the alias.
public struct ReceiverDelivery: Codable, Sendable, Hashable {
    /// A kind of receiver.
    public enum ReceiverType: String, APIEnum {
        /// Slack.
        case slack
        /// Opsgenie.
        case opsgenie
    }

    /// A stable key of the receiver in the incident, e.g. `slack:#alerts` or `opsgenie`.
    public var receiver: String
    /// The kind of receiver.
    public var type: ReceiverType
    /// Slack's identifiers of the incident's message.
    public var slack: SlackMessageReference?
    /// Opsgenie's identifiers of the incident's alert.
    public var opsgenie: OpsgenieAlertReference?
    /// Attempts made for the current outbox head (reset on success).
    public var attempts: Int?
    /// When the last attempt was made.
    public var lastAttemptTime: Timestamp?
    /// When the last attempt succeeded.
    public var lastSuccessTime: Timestamp?
    /// Why the last attempt failed (never contains credentials).
    public var lastError: String?
    /// Work not yet delivered, oldest first (at most ``Incident/maxPendingDeliveries``).
    public var pending: [OutboxEntry]?

    /// Creates a delivery state.
    public init(
        receiver: String, type: ReceiverType, slack: SlackMessageReference? = nil, opsgenie: OpsgenieAlertReference? = nil,
        attempts: Int? = nil, lastAttemptTime: Timestamp? = nil, lastSuccessTime: Timestamp? = nil,
        lastError: String? = nil, pending: [OutboxEntry]? = nil
    ) {
        self.receiver = receiver
        self.type = type
        self.slack = slack
        self.opsgenie = opsgenie
        self.attempts = attempts
        self.lastAttemptTime = lastAttemptTime
        self.lastSuccessTime = lastSuccessTime
        self.lastError = lastError
        self.pending = pending
    }
}

/// The Slack message that follows an incident.
public struct SlackMessageReference: Codable, Sendable, Hashable {
    /// The channel as configured (`#alerts`).
    public var channel: String
    /// The channel ID Slack answered with (needed by `chat.update`).
    public var channelID: String?
    /// The message timestamp `ts`, once posted.
    public var ts: String?

    /// Creates a reference.
    public init(channel: String, channelID: String? = nil, ts: String? = nil) {
        self.channel = channel
        self.channelID = channelID
        self.ts = ts
    }
}

/// The Opsgenie alert of an incident.
public struct OpsgenieAlertReference: Codable, Sendable, Hashable {
    /// The alert alias (Opsgenie de-duplicates on it).
    public var alias: String
    /// The `requestId` of the last accepted request, to check its outcome.
    public var requestID: String?

    /// Creates a reference.
    public init(alias: String, requestID: String? = nil) {
        self.alias = alias
        self.requestID = requestID
    }
}

/// A delivery not yet done.
public struct OutboxEntry: Codable, Sendable, Hashable {
    /// What to deliver.
    public enum Action: String, APIEnum {
        /// Post the message / create the alert.
        case create = "Create"
        /// Update the message in place (Slack) after a change.
        case update = "Update"
        /// Acknowledge (Opsgenie) / show acknowledged (Slack).
        case acknowledge = "Acknowledge"
        /// Escalate.
        case escalate = "Escalate"
        /// Add a note / thread reply.
        case note = "Note"
        /// Close / show resolved.
        case resolve = "Resolve"
    }

    /// A unique key of the entry in the incident, for idempotency.
    public var id: String
    /// What to deliver.
    public var action: Action
    /// When the entry was queued.
    public var enqueuedTime: Timestamp
    /// Not before this time (backoff, `Retry-After`).
    public var notBefore: Timestamp?
    /// The text of a note.
    public var message: String?

    /// Creates an entry.
    public init(id: String, action: Action, enqueuedTime: Timestamp, notBefore: Timestamp? = nil, message: String? = nil) {
        self.id = id
        self.action = action
        self.enqueuedTime = enqueuedTime
        self.notBefore = notBefore
        self.message = message
    }
}
