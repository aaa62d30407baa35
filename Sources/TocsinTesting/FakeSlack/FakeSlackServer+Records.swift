import Foundation

extension FakeSlackServer {
    /// A request the fake received.
    public struct RecordedRequest: Sendable, Hashable {
        /// The HTTP method, e.g. `POST`.
        public var httpMethod: String
        /// The path, e.g. `/api/chat.postMessage` or `/services/T0000/B0000/XXXX`.
        public var path: String
        /// The Web API method (`chat.postMessage`), or `nil` for webhooks and other paths.
        public var apiMethod: String?
        /// The headers, names lower-cased (a repeated header keeps its last value).
        public var headers: [String: String]
        /// The body decoded as JSON, when it is JSON.
        public var body: FakeJSON?
        /// The raw body.
        public var rawBody: Data
        /// When the request arrived (its head, before the body was read), by the wall clock.
        public var receivedAt: Date
    }

    /// A message in a channel, with every version of its content and its thread replies.
    public struct Message: Sendable, Hashable {
        /// The channel ID.
        public var channelID: String
        /// The message's `ts`.
        public var ts: String
        /// The parent's `ts` when this is a thread reply.
        public var threadTS: String?
        /// Whether it came through an incoming webhook (such messages cannot be updated).
        public var isFromWebhook: Bool
        /// `{"text": …, "blocks": […]}` as posted, then after each `chat.update`, oldest first.
        public var versions: [FakeJSON]
        /// The thread replies, oldest first.
        public var replies: [Message]

        /// The current content.
        public var content: FakeJSON { versions.last ?? .null }
        /// The current `text`.
        public var text: String? { content["text"]?.stringValue }
        /// The current `blocks`.
        public var blocks: [FakeJSON]? { content["blocks"]?.arrayValue }
        /// How many times it was updated.
        public var updateCount: Int { max(versions.count - 1, 0) }
    }

    /// Every request received so far, oldest first (at most the last 10,000).
    public var requests: [RecordedRequest] { store.withState { $0.requests } }

    /// The requests to one Web API method, e.g. `chat.update`.
    public func requests(apiMethod: String) -> [RecordedRequest] {
        store.withState { $0.requests.filter { $0.apiMethod == apiMethod } }
    }

    /// Every top-level message (replies are inside their parent), oldest first.
    public var messages: [Message] { store.withState { $0.messages } }

    /// The top-level messages of a channel given by ID or name (`#alerts` or `alerts`).
    public func messages(in channel: String) -> [Message] {
        store.withState { state in
            guard let id = state.channel(named: channel)?.id else { return [] }
            return state.messages.filter { $0.channelID == id }
        }
    }

    /// The top-level message `ts` of a channel.
    public func message(channelID: String, ts: String) -> Message? {
        store.withState { state in state.messages.first { $0.channelID == channelID && $0.ts == ts } }
    }

    /// Deletes a top-level message, as a user could: later `chat.update` calls get `message_not_found`.
    public func deleteMessage(channelID: String, ts: String) {
        store.withState { state in state.messages.removeAll { $0.channelID == channelID && $0.ts == ts } }
    }

    /// The workspace; change it at any time (e.g. invite the bot, archive a channel).
    public var configuration: Configuration {
        get { store.withState { $0.configuration } }
        set { store.withState { $0.configuration = newValue } }
    }
}
