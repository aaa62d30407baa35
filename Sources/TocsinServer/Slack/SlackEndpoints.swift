import Foundation
import Hummingbird
import Logging
import TocsinControllers
import TocsinNotifiers

/// Slack's requests to Tocsin: `POST /slack/interactivity` (the incident card's buttons) and `POST /slack/commands`
/// (`/tocsin …`).
///
/// Every request is verified (`X-Slack-Signature`, `X-Slack-Request-Timestamp` within 5 minutes) on the raw body,
/// at most ``maximumBodySize`` bytes, before anything is parsed; a failure answers 401 with no detail. Buttons are
/// queued on the ``SlackActionQueue`` and answered 200 at once; slash commands are answered with an ephemeral
/// message within Slack's 3 seconds (operations are queued and report on the `response_url`).
///
/// ```swift
/// let slack = SlackEndpoints(verifier: { verifier }, actions: queue, directory: directory, logger: logger)
/// let server = OperationsServer(..., routes: { router in slack.register(on: router) })
/// ```
public struct SlackEndpoints: Sendable {
    /// The largest body read: Slack's interaction payloads are a few KiB.
    public static let maximumBodySize = 64 * 1024
    /// The interactivity path (the Slack app's Interactivity Request URL).
    public static let interactivityPath = "/slack/interactivity"
    /// The slash-command path (the Request URL of `/tocsin`).
    public static let commandsPath = "/slack/commands"

    let verifier: @Sendable () -> SlackRequestVerifier
    let actions: SlackActionQueue
    let directory: IncidentDirectory
    let now: @Sendable () -> Date
    let logger: Logger

    /// Creates the endpoints.
    /// - Parameters:
    ///   - verifier: the verifier with the current signing secret (read on every request, so a rotated Secret
    ///     takes effect at once).
    ///   - actions: where button clicks and `ack`/`resolve`/`escalate` commands are queued.
    ///   - directory: which Incidents and schedules commands may show.
    ///   - now: the wall clock, for the timestamp check.
    ///   - logger: the endpoints' logger (never logs secrets, signatures or response URLs).
    public init(
        verifier: @escaping @Sendable () -> SlackRequestVerifier, actions: SlackActionQueue,
        directory: IncidentDirectory, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        self.verifier = verifier
        self.actions = actions
        self.directory = directory
        self.now = now
        self.logger = logger
    }

    /// Adds `POST /slack/interactivity` and `POST /slack/commands` to `router`.
    public func register(on router: Router<BasicRequestContext>) {
        router.post(RouterPath(stringLiteral: Self.interactivityPath)) { request, _ in
            await interactivity(request)
        }
        router.post(RouterPath(stringLiteral: Self.commandsPath)) { request, _ in
            await command(request)
        }
    }

    /// Reads and verifies a request: its body when it is signed by Slack, else the response to give.
    func verifiedBody(_ request: Request) async -> Result<ByteBuffer, SlackRejection> {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maximumBodySize)
        } catch {
            return .failure(SlackRejection(status: .contentTooLarge, text: "request body too large"))
        }
        do {
            try verifier().verify(
                body: body, timestamp: request.headers.value(named: "x-slack-request-timestamp"),
                signature: request.headers.value(named: "x-slack-signature"), now: now())
        } catch {
            logger.warning(
                "Refused a Slack request that failed verification",
                metadata: ["slack.verification": "\(error.code.rawValue)", "http.path": "\(request.uri.path)"])
            return .failure(SlackRejection(status: .unauthorized, text: "invalid request signature"))
        }
        return .success(body)
    }

    /// `POST /slack/interactivity`.
    func interactivity(_ request: Request) async -> Response {
        let body: ByteBuffer
        switch await verifiedBody(request) {
        case .success(let verified): body = verified
        case .failure(let rejection): return rejection.response
        }
        let interaction: SlackInteraction
        do {
            interaction = try SlackInteraction(form: SlackForm(decoding: body.readableBytesView))
        } catch {
            logger.warning("Refused a Slack interaction that could not be read", metadata: ["error": "\(error.message)"])
            return SlackRejection(status: .badRequest, text: "malformed interaction payload").response
        }
        guard accept(interaction) != .busy else {
            return SlackRejection(status: .serviceUnavailable, text: SlackCommandReplies.busy).response
        }
        return Self.emptyOK
    }

    /// What became of an interaction.
    enum InteractionOutcome: Equatable {
        /// A card button's operation was queued.
        case queued
        /// Nothing to do (another kind of interaction, another app's button, a button without an incident).
        case ignored
        /// The queue is full: Slack should send it again.
        case busy
    }

    /// Queues the operation of a card button click; the HTTP endpoint and Socket Mode both answer through this.
    func accept(_ interaction: SlackInteraction) -> InteractionOutcome {
        guard case .blockActions(let click) = interaction, let cardAction = click.action.cardAction else { return .ignored }
        guard let key = click.action.incidentKey else {
            logger.warning("Ignored a Slack button without an incident", metadata: ["slack.action": "\(cardAction.rawValue)"])
            return .ignored
        }
        let job = SlackActionQueue.Job(
            operation: Self.operation(of: cardAction), incident: key, actor: click.actor, responseURL: click.responseURL,
            reportsSuccess: false)
        return actions.enqueue(job) ? .queued : .busy
    }

    /// The operation of a card button.
    static func operation(of action: SlackCardAction) -> IncidentOperations.Operation {
        switch action {
        case .acknowledge: .acknowledge
        case .resolve: .resolve
        case .escalate: .escalate
        }
    }

    /// 200 with an empty body: what Slack expects for a handled interaction.
    static var emptyOK: Response { Response(status: .ok) }

    /// An ephemeral slash-command answer: `{"response_type":"ephemeral","text":…}`.
    static func ephemeral(_ text: String) -> Response {
        let message = SlackResponseURLClient.EphemeralMessage(responseType: "ephemeral", text: text)
        let data = (try? EndpointJSON.encoder.encode(message)) ?? Data()
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A refused Slack request: a status and a short plain-text body that helps nobody forge one.
struct SlackRejection: Error {
    var status: HTTPResponse.Status
    var text: String

    var response: Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

extension HTTPFields {
    /// The value of the header `name` (case-insensitive); several values are joined with `, `.
    func value(named name: String) -> String? {
        let values = filter { $0.name.canonicalName == name.lowercased() }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }
}
