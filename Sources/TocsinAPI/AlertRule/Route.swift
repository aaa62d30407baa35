/// Where incidents go: Slack and/or Opsgenie, optionally addressed to whoever is on call.
public struct Route: Codable, Sendable, Hashable {
    /// Which incidents take this route; unset matches every incident.
    public var match: RouteMatch?
    /// Post to a Slack channel.
    public var slack: SlackReceiver?
    /// Create an Opsgenie alert.
    public var opsgenie: OpsgenieReceiver?
    /// Mention (Slack) and add as responder (Opsgenie) whoever is on call in this OnCallSchedule (same namespace).
    public var onCallScheduleRef: LocalObjectReference?

    /// Creates a route.
    public init(
        match: RouteMatch? = nil, slack: SlackReceiver? = nil, opsgenie: OpsgenieReceiver? = nil,
        onCallScheduleRef: LocalObjectReference? = nil
    ) {
        self.match = match
        self.slack = slack
        self.opsgenie = opsgenie
        self.onCallScheduleRef = onCallScheduleRef
    }
}

/// Which incidents a ``Route`` takes. Every set field must match.
public struct RouteMatch: Codable, Sendable, Hashable {
    /// The incident's current severity (after escalation) is one of these.
    public var severities: [Severity]?
    /// The incident has these labels with these values (e.g. `team: payments` for routing by ownership).
    public var labels: [String: String]?

    /// Creates a match.
    public init(severities: [Severity]? = nil, labels: [String: String]? = nil) {
        self.severities = severities
        self.labels = labels
    }

    /// Whether an incident with `severity` and `labels` matches.
    public func matches(severity: Severity, labels incidentLabels: [String: String]) -> Bool {
        if let severities, !severities.contains(severity) { return false }
        return (labels ?? [:]).allSatisfy { incidentLabels[$0.key] == $0.value }
    }
}

/// A Slack channel, reached with a bot token (one message per incident, updated in place, buttons) or an
/// incoming webhook (a new message per change, no buttons). Exactly one of the two Secrets is set.
public struct SlackReceiver: Codable, Sendable, Hashable {
    /// The channel: a name such as `#alerts` or an ID such as `C0123456789`. Ignored by webhooks (fixed channel).
    public var channel: String
    /// The Secret key holding the bot token (`xoxb-…`, scopes `chat:write`, `chat:write.public`).
    public var tokenSecretRef: SecretKeySelector?
    /// The Secret key holding an incoming-webhook URL.
    public var webhookSecretRef: SecretKeySelector?

    /// Creates a Slack receiver.
    public init(channel: String, tokenSecretRef: SecretKeySelector? = nil, webhookSecretRef: SecretKeySelector? = nil) {
        self.channel = channel
        self.tokenSecretRef = tokenSecretRef
        self.webhookSecretRef = webhookSecretRef
    }
}

/// Opsgenie's Alert API v2 (or Jira Service Management's compatible API through ``baseURL``).
public struct OpsgenieReceiver: Codable, Sendable, Hashable {
    /// An Opsgenie region.
    public enum Region: String, APIEnum {
        /// `https://api.opsgenie.com`.
        case us
        /// `https://api.eu.opsgenie.com`.
        case eu
    }

    /// The Secret key holding the API key (sent as `Authorization: GenieKey …`).
    public var apiKeySecretRef: SecretKeySelector
    /// The region. Default: `us`. Not set together with ``baseURL``.
    public var region: Region?
    /// An `https` base URL replacing the region's, e.g. for Jira Service Management.
    public var baseURL: String?
    /// Responders added to every alert (the on-call participant is added too when the route has a schedule).
    public var responders: [OpsgenieResponder]?
    /// Tags added to every alert (at most 20 of at most 50 characters).
    public var tags: [String]?

    /// Creates an Opsgenie receiver.
    public init(
        apiKeySecretRef: SecretKeySelector, region: Region? = nil, baseURL: String? = nil,
        responders: [OpsgenieResponder]? = nil, tags: [String]? = nil
    ) {
        self.apiKeySecretRef = apiKeySecretRef
        self.region = region
        self.baseURL = baseURL
        self.responders = responders
        self.tags = tags
    }

    /// The API base URL: ``baseURL`` when set, else the region's.
    public var effectiveBaseURL: String {
        if let baseURL { return baseURL }
        return region == .eu ? "https://api.eu.opsgenie.com" : "https://api.opsgenie.com"
    }
}

/// An Opsgenie responder.
public struct OpsgenieResponder: Codable, Sendable, Hashable {
    /// The kind of responder, as Opsgenie spells it.
    public enum ResponderType: String, APIEnum {
        /// A team, by name.
        case team
        /// A user, by username (e-mail).
        case user
        /// An escalation, by name.
        case escalation
        /// A schedule, by name.
        case schedule
    }

    /// The kind of responder.
    public var type: ResponderType
    /// The team, escalation or schedule name, or the user's username.
    public var name: String

    /// Creates a responder.
    public init(type: ResponderType, name: String) {
        self.type = type
        self.name = name
    }
}
