import Foundation
import Hummingbird
import Logging
import NIOFoundationCompat
import TocsinAPI
import TocsinControllers
import TocsinNotifiers

/// `POST /opsgenie/webhook`: applies what people do in Opsgenie to the Incident — Acknowledge → acknowledge,
/// Close → resolve, AddNote → a note — with origin `.opsgenie`, so the change is not sent back to Opsgenie while
/// Slack still gets its update.
///
/// The shared-secret header is checked before the body is parsed. The alert is found by its alias, which is the
/// Incident's fingerprint (label `tocsin.dev/fingerprint`); the open Incident of that group is preferred. Actions
/// Tocsin itself took through the Alert API, actions on unknown alerts and actions the Incident refuses (already
/// resolved, already acknowledged) are ignored, so Opsgenie's retries and echoes are harmless.
///
/// Answers: 200 `{"result":"applied"|"ignored","reason":…}`, 401 for a missing or wrong secret, 400 for a body
/// that is not an Opsgenie alert action, 413 above 1 MiB, 503 when the webhook has no secret configured or the
/// Kubernetes API failed (Opsgenie retries).
public struct OpsgenieWebhookEndpoint: Sendable {
    /// The webhook path (the Opsgenie Webhook integration's URL).
    public static let path = "/opsgenie/webhook"

    let verifier: @Sendable () -> OpsgenieWebhookVerifier?
    let operations: IncidentOperations
    let directory: IncidentDirectory
    let ownSource: String
    let ownUser: String?
    let logger: Logger

    /// Creates the endpoint.
    /// - Parameters:
    ///   - verifier: the verifier with the current secret; `nil` while none is configured (every request gets 503).
    ///   - operations: the one place Incidents are changed.
    ///   - directory: where Incidents are looked up by fingerprint.
    ///   - ownSource: the `source` Tocsin's Alert API requests carry (their webhook echoes are ignored).
    ///   - ownUser: the `user` Tocsin's Alert API requests carry.
    ///   - logger: the endpoint's logger (never logs the secret).
    public init(
        verifier: @escaping @Sendable () -> OpsgenieWebhookVerifier?, operations: IncidentOperations,
        directory: IncidentDirectory, ownSource: String = OpsgenieAlertOptions.defaultSource,
        ownUser: String? = OpsgenieAlertOptions.defaultUser, logger: Logger
    ) {
        self.verifier = verifier
        self.operations = operations
        self.directory = directory
        self.ownSource = ownSource
        self.ownUser = ownUser
        self.logger = logger
    }

    /// Adds `POST /opsgenie/webhook` to `router`.
    public func register(on router: Router<BasicRequestContext>) {
        router.post(RouterPath(stringLiteral: Self.path)) { request, _ in
            await handle(request)
        }
    }

    /// What the endpoint did with a request, as its JSON body says.
    struct Outcome: Codable, Equatable {
        var result: String
        var reason: String?

        static func applied(_ reason: String) -> Outcome { Outcome(result: "applied", reason: reason) }
        static func ignored(_ reason: String) -> Outcome { Outcome(result: "ignored", reason: reason) }
    }

    /// Handles one request.
    func handle(_ request: Request) async -> Response {
        guard let verifier = verifier() else {
            logger.error("Refused an Opsgenie webhook: no webhook secret is configured")
            return Self.response(.serviceUnavailable, Outcome(result: "error", reason: "webhook not configured"))
        }
        do {
            try verifier.verify(headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) })
        } catch {
            logger.warning("Refused an Opsgenie webhook", metadata: ["opsgenie.refusal": "\(error.code.rawValue)"])
            return Self.response(.unauthorized, Outcome(result: "error", reason: "unauthorized"))
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: OpsgenieWebhookEvent.maximumPayloadSize)
        } catch {
            return Self.response(.contentTooLarge, Outcome(result: "error", reason: "payload too large"))
        }
        let event: OpsgenieWebhookEvent
        do {
            event = try OpsgenieWebhookEvent(jsonData: Data(buffer: body))
        } catch {
            return Self.response(.badRequest, Outcome(result: "error", reason: error.message))
        }
        do {
            return Self.response(.ok, try await apply(event))
        } catch {
            logger.error("Could not apply an Opsgenie action", metadata: ["error": "\(error)"])
            return Self.response(.serviceUnavailable, Outcome(result: "error", reason: "the Kubernetes API failed"))
        }
    }

    /// Applies a verified event to its Incident.
    /// - Throws: the client's errors when the Incident cannot be read or written.
    func apply(_ event: OpsgenieWebhookEvent) async throws -> Outcome {
        let operation: IncidentOperations.Operation
        switch event.action {
        case .acknowledge: operation = .acknowledge
        case .close: operation = .resolve
        case .addNote:
            guard let note = event.note, !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .ignored("the note is empty")
            }
            operation = .note(note)
        case .unsupported(let name):
            return .ignored("action \(name.prefix(64)) is not applied")
        }
        if event.isOriginatedByTocsin(source: ownSource, user: ownUser) {
            return .ignored("the action was taken by Tocsin")
        }
        guard let alias = event.alias, !alias.isEmpty else { return .ignored("the alert has no alias") }
        guard let incident = try await directory.incidents(fingerprint: alias).first,
            let namespace = incident.metadata.namespace, let name = incident.metadata.name
        else { return .ignored("no incident has this alias") }
        do {
            try await operations.perform(operation, namespace: namespace, name: name, by: event.actor, origin: .opsgenie)
        } catch let failure as IncidentOperations.Failure {
            return .ignored("\(namespace)/\(name): \(failure)")
        }
        logger.info(
            "Applied an Opsgenie action to an Incident",
            metadata: ["incident.namespace": "\(namespace)", "incident.name": "\(name)", "opsgenie.actor": "\(event.actor)"])
        return .applied("\(namespace)/\(name)")
    }

    static func response(_ status: HTTPResponse.Status, _ outcome: Outcome) -> Response {
        let data = (try? EndpointJSON.encoder.encode(outcome)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
