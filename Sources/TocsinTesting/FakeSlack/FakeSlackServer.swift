import Foundation
import Hummingbird
import Logging
import NIOCore

/// An in-process fake of Slack's Web API (`chat.postMessage`, `chat.update`, `usergroups.users.update`,
/// `apps.connections.open`), incoming webhooks and Socket Mode (a WebSocket at `/link/?ticket=…`), speaking HTTP on
/// 127.0.0.1 with an ephemeral port.
///
/// It answers as Slack does: `ok:false` errors with HTTP 200 (`not_authed`, `invalid_auth`, `channel_not_found`,
/// `not_in_channel`, `is_archived`, `message_not_found`, `no_text`, `msg_too_long`, `invalid_blocks` with Slack's
/// `errors` and `response_metadata.messages`), plain-text webhook errors with 4xx (`no_service`, `invalid_payload`,
/// `channel_not_found`, `channel_is_archived`), strictly increasing `ts`. It checks Block Kit limits (50 blocks,
/// header 150, section text 3,000, 10 fields of 2,000, button text 75, `action_id` 255 and unique, `value` 2,000;
/// lengths in UTF-16 code units, the strictest reading). Only JSON bodies are simulated (a form-encoded call gets
/// `invalid_post_type`); only the header, section, context, actions and divider blocks and button elements are
/// known (others get `invalid_blocks`). Tests read what it received (``requests``, ``messages``) and steer it with
/// ``answerNext(_:with:pathPrefix:)`` and ``configuration``.
public final class FakeSlackServer: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    let store: FakeSlackStore
    private let server: LoopbackHTTPServer

    private init(store: FakeSlackStore, server: LoopbackHTTPServer) {
        self.baseURL = server.baseURL
        self.store = store
        self.server = server
    }

    /// The Web API base URL to give the client: `http://127.0.0.1:<port>/api`.
    public var apiBaseURL: String { baseURL.absoluteString + "/api" }

    /// The URL of an incoming webhook: `http://127.0.0.1:<port>/services/<path>`.
    public func webhookURL(path: String = FakeSlackServer.defaultWebhookPath) -> String {
        baseURL.absoluteString + "/services/" + path
    }

    /// Starts a server for the workspace `configuration`.
    ///
    /// - Throws: ``LoopbackServerStartError`` when the server could not listen on 127.0.0.1.
    public static func start(
        configuration: Configuration = Configuration(), logger: Logger = FakeSlackServer.quietLogger
    ) async throws -> FakeSlackServer {
        let store = FakeSlackStore(configuration: configuration)
        let server = try await LoopbackHTTPServer.start(
            responder: FakeSlackResponder(store: store), server: FakeSlackSocketEndpoint(store: store).serverBuilder,
            name: "the fake Slack server", logger: logger)
        store.withState { $0.baseURL = server.baseURL }
        return FakeSlackServer(store: store, server: server)
    }

    /// The default logger: only critical messages.
    public static var quietLogger: Logger {
        var logger = Logger(label: "tocsin.fake-slack")
        logger.logLevel = .critical
        return logger
    }

    /// Stops the server and waits until it has stopped.
    public func shutdown() async {
        store.withState { $0.socketMode.finishAll() }
        await server.shutdown()
    }
}
