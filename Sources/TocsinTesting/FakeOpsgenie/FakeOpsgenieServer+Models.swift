import Foundation

extension FakeOpsgenieServer {
    /// One request as the fake received it.
    public struct RecordedRequest: Sendable, Hashable {
        /// The HTTP method, e.g. `POST`.
        public var method: String
        /// The path exactly as sent (percent-encoded), e.g. `/v2/alerts/a%2Fb/close`.
        public var path: String
        /// The query parameters, decoded.
        public var query: [String: String]
        /// The headers, by lower-cased name.
        public var headers: [String: String]
        /// The raw body.
        public var body: Data

        /// Creates a recorded request.
        public init(method: String, path: String, query: [String: String], headers: [String: String], body: Data) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// The body as JSON; `nil` when it is empty or not JSON.
        public var json: FakeJSON? { body.isEmpty ? nil : try? FakeJSON(jsonData: body) }

        /// The body decoded as `type`.
        ///
        /// - Throws: the decoding error.
        public func decodeBody<Value: Decodable>(as type: Value.Type) throws -> Value {
            try JSONDecoder().decode(type, from: body)
        }

        /// The path's segments, percent-decoded, e.g. `["v2", "alerts", "a/b", "close"]`.
        public var pathSegments: [String] {
            path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        }
    }

    /// A responder as the fake stores it.
    public struct Responder: Sendable, Hashable {
        /// `team`, `user`, `escalation` or `schedule`.
        public var type: String
        /// The responder's ID.
        public var id: String?
        /// The team, escalation or schedule name.
        public var name: String?
        /// The user's username.
        public var username: String?

        /// Creates a responder.
        public init(type: String, id: String? = nil, name: String? = nil, username: String? = nil) {
            self.type = type
            self.id = id
            self.name = name
            self.username = username
        }
    }

    /// A note on an alert.
    public struct Note: Sendable, Hashable {
        /// The note.
        public var text: String
        /// The request's `user`.
        public var user: String?
        /// The request's `source`.
        public var source: String?

        /// Creates a note.
        public init(text: String, user: String? = nil, source: String? = nil) {
            self.text = text
            self.user = user
            self.source = source
        }
    }

    /// An alert as the fake keeps it.
    public struct Alert: Sendable, Hashable {
        /// Open or closed.
        public enum Status: String, Sendable, Hashable {
            /// Open (acknowledged or not).
            case open
            /// Closed.
            case closed
        }

        /// The alert's ID.
        public var id: String
        /// The alert's short ID.
        public var tinyID: String
        /// The alias (the ID when none was given).
        public var alias: String
        /// The message.
        public var message: String
        /// The description.
        public var description: String?
        /// Open or closed.
        public var status: Status
        /// Whether someone acknowledged it.
        public var isAcknowledged: Bool
        /// How many times it was created (de-duplicated creations included).
        public var count: Int
        /// `P1`…`P5` (`P3` when none was given).
        public var priority: String
        /// The responders.
        public var responders: [Responder]
        /// Who sees it without being notified.
        public var visibleTo: [Responder]
        /// The tags.
        public var tags: [String]
        /// The details.
        public var details: [String: String]
        /// The entity.
        public var entity: String?
        /// The source (the caller's address when none was given).
        public var source: String
        /// The creating request's `user`.
        public var user: String?
        /// The custom actions.
        public var actions: [String]
        /// The notes, oldest first (from creation and every action that carried one).
        public var notes: [Note]
        /// The escalations it was escalated to, by name, oldest first.
        public var escalations: [String]
    }
}
