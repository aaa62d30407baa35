import Foundation

/// One alert action Opsgenie's Webhook integration posted, e.g. someone acknowledged an alert in Opsgenie.
///
/// The payload is `{"action": "...", "alert": {...}, "source": {"name": "...", "type": "..."},
/// "integrationId": "...", "integrationName": "..."}`; the alert carries a subset of its fields (`alertId`,
/// `alias`, `tinyId`, `message`, `username`, `userId`, `entity`, `tags`, and `note` for notes).
public struct OpsgenieWebhookEvent: Sendable, Hashable {
    /// The largest payload parsed.
    public static let maximumPayloadSize = 1024 * 1024

    /// The alert action Tocsin applies to its incident, or another one it ignores.
    public enum Action: Sendable, Hashable {
        /// `Acknowledge`: acknowledge the incident.
        case acknowledge
        /// `Close`: resolve the incident.
        case close
        /// `AddNote`: add the note to the incident's timeline.
        case addNote
        /// Any other action (`Create`, `UnAcknowledge`, `Escalate`, `AssignOwnership`, …), by its name.
        case unsupported(String)

        /// Parses Opsgenie's action name.
        public init(_ name: String) {
            switch name {
            case "Acknowledge": self = .acknowledge
            case "Close": self = .close
            case "AddNote": self = .addNote
            default: self = .unsupported(name)
            }
        }
    }

    /// Where an action was taken, as Opsgenie reports it (`source`), e.g. `{"name": "", "type": "web"}` for the
    /// web app, or the request's `source` field and `API` for the Alert API.
    public struct Source: Sendable, Hashable {
        /// The source's name.
        public var name: String?
        /// The source's type, e.g. `web`, `mobile`, `API`, `email`.
        public var type: String?

        /// Creates a source.
        public init(name: String? = nil, type: String? = nil) {
            self.name = name
            self.type = type
        }
    }

    /// The action.
    public var action: Action
    /// The alert's alias (Tocsin's incident fingerprint for alerts it created).
    public var alias: String?
    /// The alert's ID.
    public var alertID: String?
    /// The alert's short ID.
    public var tinyID: String?
    /// The alert's message.
    public var message: String?
    /// Who took the action (`alert.username`), e.g. `alice@example.com`.
    public var username: String?
    /// The Opsgenie ID of who took the action (`alert.userId`).
    public var userID: String?
    /// The note of an `AddNote` (or one added with another action).
    public var note: String?
    /// Where the action was taken.
    public var source: Source?
    /// The ID of the integration that sent the webhook.
    public var integrationID: String?
    /// The name of the integration that sent the webhook.
    public var integrationName: String?

    /// Creates an event.
    public init(
        action: Action, alias: String? = nil, alertID: String? = nil, tinyID: String? = nil, message: String? = nil,
        username: String? = nil, userID: String? = nil, note: String? = nil, source: Source? = nil,
        integrationID: String? = nil, integrationName: String? = nil
    ) {
        self.action = action
        self.alias = alias
        self.alertID = alertID
        self.tinyID = tinyID
        self.message = message
        self.username = username
        self.userID = userID
        self.note = note
        self.source = source
        self.integrationID = integrationID
        self.integrationName = integrationName
    }

    /// Who took the action, in the form Incidents record actors: `opsgenie:<username>` (or the user ID, or
    /// `opsgenie:unknown`).
    public var actor: String {
        "opsgenie:\(OpsgenieAlert.nonEmpty(username) ?? OpsgenieAlert.nonEmpty(userID) ?? "unknown")"
    }

    /// Whether Tocsin itself took this action through the Alert API, so that applying it back to the incident
    /// would only echo what Tocsin already did: the action's `source.name` is `source` or its `username` is
    /// `user` (both compared without case and surrounding whitespace).
    ///
    /// The alert's own `source` field is not consulted: every alert Tocsin created says `tocsin` there, whoever
    /// acts on it later.
    public func isOriginatedByTocsin(
        source ownSource: String = OpsgenieAlertOptions.defaultSource,
        user ownUser: String? = OpsgenieAlertOptions.defaultUser
    ) -> Bool {
        func same(_ left: String?, _ right: String?) -> Bool {
            guard let left = OpsgenieAlert.nonEmpty(left), let right = OpsgenieAlert.nonEmpty(right) else {
                return false
            }
            return left.lowercased() == right.lowercased()
        }
        return same(source?.name, ownSource) || same(username, ownUser)
    }
}
