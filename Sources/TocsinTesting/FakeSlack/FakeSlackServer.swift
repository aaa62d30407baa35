import Foundation
import Hummingbird
import Logging
import NIOCore

/// An in-process fake of Slack's Web API (`chat.postMessage`, `chat.update`) and incoming webhooks, speaking HTTP on
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
    /// The running application: owned by the server, cancelled and awaited by ``shutdown()``.
    private let serverTask: Task<Void, any Error>

    private init(baseURL: URL, store: FakeSlackStore, serverTask: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.store = store
        self.serverTask = serverTask
    }

    /// The Web API base URL to give the client: `http://127.0.0.1:<port>/api`.
    public var apiBaseURL: String { baseURL.absoluteString + "/api" }

    /// The URL of an incoming webhook: `http://127.0.0.1:<port>/services/<path>`.
    public func webhookURL(path: String = FakeSlackServer.defaultWebhookPath) -> String {
        baseURL.absoluteString + "/services/" + path
    }

    /// Starts a server for the workspace `configuration`.
    ///
    /// - Throws: an error when the server could not listen on 127.0.0.1.
    public static func start(
        configuration: Configuration = Configuration(), logger: Logger = FakeSlackServer.quietLogger
    ) async throws -> FakeSlackServer {
        let store = FakeSlackStore(configuration: configuration)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: FakeSlackResponder(store: store),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let serverTask = Task {
            defer { portContinuation.finish() }
            try await application.run()
        }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        guard port > 0, let url = URL(string: "http://127.0.0.1:\(port)") else {
            serverTask.cancel()
            let outcome = await serverTask.result
            throw FakeSlackStartError(message: "the fake Slack server did not start listening on 127.0.0.1: \(outcome)")
        }
        return FakeSlackServer(baseURL: url, store: store, serverTask: serverTask)
    }

    /// The default logger: only critical messages.
    public static var quietLogger: Logger {
        var logger = Logger(label: "tocsin.fake-slack")
        logger.logLevel = .critical
        return logger
    }

    /// Stops the server and waits until it has stopped.
    public func shutdown() async {
        serverTask.cancel()
        _ = try? await serverTask.value
    }
}

/// The fake Slack server could not start.
public struct FakeSlackStartError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public var message: String
    /// ``message``.
    public var description: String { message }
}
