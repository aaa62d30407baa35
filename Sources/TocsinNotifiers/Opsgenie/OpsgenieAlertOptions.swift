/// What the operator adds to every alert it builds from an incident, beyond the incident and the receiver.
public struct OpsgenieAlertOptions: Sendable, Hashable {
    /// The `source` Tocsin puts on alerts and actions: `tocsin`. The webhook recognises its own actions by it.
    public static let defaultSource = "tocsin"
    /// The `user` (request owner) Tocsin puts on alerts and actions: `Tocsin`.
    public static let defaultUser = "Tocsin"

    /// A link listed at the end of the description, e.g. a dashboard or the incident in the HTTP API.
    public struct Link: Sendable, Hashable {
        /// The link's title, e.g. `Dashboard`.
        public var title: String
        /// The URL.
        public var url: String

        /// Creates a link.
        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    /// The alert's `source`. Default: ``defaultSource``.
    public var source: String
    /// The alert's `user`. Default: ``defaultUser``.
    public var user: String?
    /// A note added at creation.
    public var note: String?
    /// Links appended to the description, in order.
    public var links: [Link]
    /// Custom actions offered on the alert (at most 10 of at most 50 characters are sent).
    public var actions: [String]
    /// Teams and users that see the alert without being notified.
    public var visibleTo: [OpsgenieAlert.Responder]

    /// Creates options.
    public init(
        source: String = OpsgenieAlertOptions.defaultSource, user: String? = OpsgenieAlertOptions.defaultUser,
        note: String? = nil, links: [Link] = [], actions: [String] = [], visibleTo: [OpsgenieAlert.Responder] = []
    ) {
        self.source = source
        self.user = user
        self.note = note
        self.links = links
        self.actions = actions
        self.visibleTo = visibleTo
    }
}
