/// The body of Opsgenie's "Create Alert" request (`POST /v2/alerts`), field for field as the Alert API v2
/// names them. Unset fields are left out of the JSON.
///
/// Build one from an incident with ``init(incident:receiver:options:)``, which keeps every field within
/// ``OpsgenieLimits``.
public struct OpsgenieAlert: Codable, Sendable, Hashable {
    /// The alert's title (at most 130 characters). The only required field.
    public var message: String
    /// The client-defined identifier Opsgenie de-duplicates on: while an open alert has this alias, creating
    /// another only increments its count.
    public var alias: String?
    /// The detailed description (at most 15,000 characters).
    public var description: String?
    /// Teams, users, escalations and schedules to notify.
    public var responders: [Responder]?
    /// Teams and users that see the alert without being notified.
    public var visibleTo: [Responder]?
    /// Custom actions offered on the alert (at most 10 of at most 50 characters).
    public var actions: [String]?
    /// Tags (at most 20 of at most 50 characters).
    public var tags: [String]?
    /// Custom properties (at most 8,000 characters in total).
    public var details: [String: String]?
    /// The domain of the alert, e.g. the affected workload (at most 512 characters).
    public var entity: String?
    /// The alert's source (at most 100 characters); Tocsin sends `tocsin`.
    public var source: String?
    /// `P1` (critical) to `P5` (informational); Opsgenie's default is `P3`.
    public var priority: String?
    /// The display name of the request owner (at most 100 characters).
    public var user: String?
    /// A note added to the alert when it is created (at most 25,000 characters).
    public var note: String?

    /// Creates an alert body.
    public init(
        message: String, alias: String? = nil, description: String? = nil, responders: [Responder]? = nil,
        visibleTo: [Responder]? = nil, actions: [String]? = nil, tags: [String]? = nil,
        details: [String: String]? = nil, entity: String? = nil, source: String? = nil, priority: String? = nil,
        user: String? = nil, note: String? = nil
    ) {
        self.message = message
        self.alias = alias
        self.description = description
        self.responders = responders
        self.visibleTo = visibleTo
        self.actions = actions
        self.tags = tags
        self.details = details
        self.entity = entity
        self.source = source
        self.priority = priority
        self.user = user
        self.note = note
    }

    /// A responder (or `visibleTo` entry) of an alert: a team, escalation or schedule by `name` or `id`, or a
    /// user by `username` or `id`.
    public struct Responder: Codable, Sendable, Hashable {
        /// What kind of responder this is.
        public enum ResponderType: String, Codable, Sendable, Hashable, CaseIterable {
            /// A team.
            case team
            /// A user.
            case user
            /// An escalation policy.
            case escalation
            /// An on-call schedule.
            case schedule
        }

        /// What kind of responder this is.
        public var type: ResponderType
        /// The responder's Opsgenie ID.
        public var id: String?
        /// The team, escalation or schedule name.
        public var name: String?
        /// The user's username (their e-mail address).
        public var username: String?

        /// Creates a responder from its parts.
        public init(type: ResponderType, id: String? = nil, name: String? = nil, username: String? = nil) {
            self.type = type
            self.id = id
            self.name = name
            self.username = username
        }

        /// A team by name.
        public static func team(_ name: String) -> Responder { Responder(type: .team, name: name) }
        /// A user by username.
        public static func user(_ username: String) -> Responder { Responder(type: .user, username: username) }
        /// An escalation by name.
        public static func escalation(_ name: String) -> Responder { Responder(type: .escalation, name: name) }
        /// A schedule by name.
        public static func schedule(_ name: String) -> Responder { Responder(type: .schedule, name: name) }

        /// A key that is equal for two entries naming the same responder: usernames (e-mail addresses) are
        /// compared without case, names exactly.
        var identity: String {
            if let id, !id.isEmpty { return "\(type.rawValue)#id#\(id)" }
            if let username { return "\(type.rawValue)#username#\(username.lowercased())" }
            return "\(type.rawValue)#name#\(name ?? "")"
        }
    }
}
