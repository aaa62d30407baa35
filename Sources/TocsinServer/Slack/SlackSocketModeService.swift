import Foundation
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization
import TocsinNotifiers
import WSClient

/// Slack Socket Mode: button clicks and `/tocsin` commands arrive over a WebSocket the operator opens, so clusters
/// that cannot expose an HTTPS endpoint to Slack still get working buttons and commands.
///
/// The service asks `apps.connections.open` for a URL with the app-level token (`xapp-…`, read on every attempt so
/// a rotated Secret takes effect), connects, and acknowledges every envelope by its `envelope_id`: a click once its
/// operation is queued (a full queue leaves it unacknowledged, so Slack sends it again), a slash command with its
/// ephemeral reply as the acknowledgement's payload. On Slack's `disconnect` message (`refresh_requested`,
/// `warning`) it opens a new connection at once; on a dropped connection, a failed `apps.connections.open` or a
/// `link_disabled` it retries with exponential backoff (1 s doubling to 60 s, at least Slack's `Retry-After`).
/// Run it only on the leader, so one replica holds the connection (Slack spreads envelopes over every open
/// connection of an app, and a follower's queue would act without the engine); it returns on graceful shutdown and
/// on cancellation.
public struct SlackSocketModeService: Service {
    /// How the connection is kept.
    public struct Configuration: Sendable {
        /// The app-level token, read before each connection; `nil` or empty waits and tries again.
        public var appToken: @Sendable () -> String?
        /// The delay before attempt `n` after `n` consecutive failures.
        public var backoff = ExponentialBackoff(base: .seconds(1), factor: 2, cap: .seconds(60))
        /// How often a ping checks the connection (Slack drops a silent link; a missing pong closes it here).
        public var pingInterval: Duration = .seconds(30)
        /// The largest message read (Slack's envelopes are a few KiB).
        public var maximumMessageSize = 1 << 20

        /// A configuration reading the token with `appToken`.
        public init(appToken: @escaping @Sendable () -> String?) {
            self.appToken = appToken
        }
    }

    /// How one connection ended.
    enum ConnectionEnd: Equatable {
        /// Slack asked for a new connection (`disconnect` with `refresh_requested`, `warning`, …).
        case refreshRequested
        /// The connection was up (`hello` seen) and closed without notice.
        case dropped
        /// No usable connection: the attempt failed, or Slack disabled Socket Mode for the app.
        case failed(retryAfter: Duration?)
    }

    let configuration: Configuration
    let slack: SlackClient
    let endpoints: SlackEndpoints
    let sleep: @Sendable (Duration) async throws -> Void
    let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - configuration: the token and the pacing.
    ///   - slack: the Web API client (`apps.connections.open`).
    ///   - endpoints: what handles clicks and commands (the same as the HTTP endpoints').
    ///   - logger: the service's logger (never logs the token or the connection URL, which carries a ticket).
    public init(configuration: Configuration, slack: SlackClient, endpoints: SlackEndpoints, logger: Logger) {
        self.init(
            configuration: configuration, slack: slack, endpoints: endpoints,
            sleep: { try await Task.sleep(for: $0) }, logger: logger)
    }

    /// Creates the service with its own way to wait between attempts (tests).
    init(
        configuration: Configuration, slack: SlackClient, endpoints: SlackEndpoints,
        sleep: @escaping @Sendable (Duration) async throws -> Void, logger: Logger
    ) {
        self.configuration = configuration
        self.slack = slack
        self.endpoints = endpoints
        self.sleep = sleep
        self.logger = logger
    }

    /// Keeps a connection open until graceful shutdown or cancellation.
    public func run() async {
        await cancelWhenGracefulShutdown { await self.keepConnected() }
    }

    /// Connects, and reconnects as each connection ends.
    func keepConnected() async {
        var failures = 0
        while !Task.isCancelled {
            let delay: Duration
            switch await connectOnce() {
            case .refreshRequested:
                failures = 0
                continue
            case .dropped:
                failures = 1
                delay = configuration.backoff.delay(afterFailures: failures)
            case .failed(let retryAfter):
                failures += 1
                delay = max(configuration.backoff.delay(afterFailures: failures), retryAfter ?? .zero)
            }
            guard !Task.isCancelled else { return }
            logger.info(
                "Reconnecting to Slack Socket Mode after a delay",
                metadata: ["slack.socket.delaySeconds": "\(delay.components.seconds)", "slack.socket.failures": "\(failures)"])
            do {
                try await sleep(delay)
            } catch {
                return
            }
        }
    }

    /// Opens one connection and serves it until it ends.
    func connectOnce() async -> ConnectionEnd {
        guard let token = configuration.appToken()?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            logger.error("Slack Socket Mode has no app-level token: put the xapp-… token in the file --slack-app-token-file names")
            return .failed(retryAfter: nil)
        }
        let url: String
        do {
            url = try await slack.openSocketModeConnection(appToken: token)
        } catch {
            logger.error(
                "Could not open a Slack Socket Mode connection",
                metadata: ["error": "\(error.message)", "error.code": "\(error.code.rawValue)"])
            return .failed(retryAfter: error.retryAfter)
        }
        let session = SlackSocketSession(endpoints: endpoints, logger: logger)
        // The WebSocket library's debug lines may name the URL, whose ticket is a credential.
        var connectionLogger = logger
        if connectionLogger.logLevel < .notice { connectionLogger.logLevel = .notice }
        do {
            try await WebSocketClient.connect(
                url: url,
                configuration: WebSocketClientConfiguration(
                    maxFrameSize: configuration.maximumMessageSize, closeTimeout: .seconds(5),
                    autoPing: .enabled(timePeriod: configuration.pingInterval), validateUTF8: true),
                logger: connectionLogger
            ) { inbound, outbound, _ in
                try await session.serve(
                    messages: inbound.messages(maxSize: configuration.maximumMessageSize),
                    send: { try await outbound.write(.text($0)) })
            }
        } catch {
            // The error of a failed upgrade or connect may quote the URL: only its kind is logged.
            if !Task.isCancelled {
                logger.warning(
                    "The Slack Socket Mode connection failed", metadata: ["error.type": "\(type(of: error))"])
            }
            return session.wasConnected ? .dropped : .failed(retryAfter: nil)
        }
        return session.end
    }
}

/// One Socket Mode connection: reads Slack's messages, hands clicks and commands to the endpoints, acknowledges.
final class SlackSocketSession: Sendable {
    let endpoints: SlackEndpoints
    let logger: Logger
    private let state = Mutex<(connected: Bool, end: SlackSocketModeService.ConnectionEnd?)>((false, nil))

    init(endpoints: SlackEndpoints, logger: Logger) {
        self.endpoints = endpoints
        self.logger = logger
    }

    /// Whether Slack said `hello` on this connection.
    var wasConnected: Bool { state.withLock { $0.connected } }

    /// How the connection ended: as Slack asked, or dropped once it was up, or failed before `hello`.
    var end: SlackSocketModeService.ConnectionEnd {
        state.withLock { $0.end ?? ($0.connected ? .dropped : .failed(retryAfter: nil)) }
    }

    /// Serves the connection until Slack asks to disconnect or the stream ends; slash commands are answered
    /// concurrently (they may read the Kubernetes API), clicks in order.
    func serve<Messages: AsyncSequence>(
        messages: Messages, send: @escaping @Sendable (String) async throws -> Void
    ) async throws where Messages.Element == WebSocketMessage {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for try await message in messages {
                guard case .text(let text) = message else { continue }
                let parsed: SlackSocketMessage
                do {
                    parsed = try SlackSocketMessage(text: text)
                } catch {
                    logger.warning(
                        "Ignored a Slack Socket Mode message that could not be read", metadata: ["error": "\(error)"])
                    continue
                }
                if try await handle(parsed, send: send, group: &group) == false { break }
            }
            try await group.waitForAll()
        }
    }

    /// Handles one message; `false` when the connection should end.
    func handle(
        _ message: SlackSocketMessage, send: @escaping @Sendable (String) async throws -> Void,
        group: inout ThrowingTaskGroup<Void, any Error>
    ) async throws -> Bool {
        switch message {
        case .hello(let appID, let connections):
            state.withLock { $0.connected = true }
            logger.info(
                "Connected to Slack Socket Mode",
                metadata: ["slack.appID": "\(appID ?? "")", "slack.socket.connections": "\(connections.map(String.init) ?? "")"])
        case .disconnect(let reason):
            logger.info("Slack asked to reconnect Socket Mode", metadata: ["slack.socket.reason": "\(reason)"])
            if reason == "link_disabled" {
                logger.error("Socket Mode is turned off for this Slack app: turn it on under Settings → Socket Mode")
                state.withLock { $0.end = .failed(retryAfter: nil) }
            } else {
                state.withLock { $0.end = .refreshRequested }
            }
            return false
        case .interactive(let envelopeID, let payload):
            let interaction: SlackInteraction
            do {
                interaction = try SlackInteraction(payload: payload)
            } catch {
                logger.warning("Refused a Slack interaction that could not be read", metadata: ["error": "\(error.message)"])
                try await send(SlackSocketAcknowledgement(envelopeID: envelopeID).jsonText)
                return true
            }
            guard endpoints.accept(interaction) != .busy else {
                // Unacknowledged: Slack sends the envelope again a few seconds later.
                return true
            }
            try await send(SlackSocketAcknowledgement(envelopeID: envelopeID).jsonText)
        case .slashCommand(let envelopeID, let command):
            let endpoints = endpoints
            group.addTask {
                let reply = await endpoints.reply(to: command)
                try await send(SlackSocketAcknowledgement(envelopeID: envelopeID, ephemeralReply: reply).jsonText)
            }
        case .other(_, let envelopeID):
            if let envelopeID { try await send(SlackSocketAcknowledgement(envelopeID: envelopeID).jsonText) }
        }
        return true
    }
}
