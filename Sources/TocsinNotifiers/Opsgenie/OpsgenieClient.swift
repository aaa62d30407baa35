import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// A client of Opsgenie's Alert API v2 (and of Jira Service Management's compatible alert API).
///
/// Each call sends exactly one request and maps the answer onto ``DeliveryError``; it never retries (the delivery
/// outbox retries using ``DeliveryError/isRetryable`` and ``DeliveryError/retryAfter``). Writes answer
/// `202 Accepted` with a request ID: Opsgenie processes them later, and ``requestStatus(requestID:baseURL:apiKey:)``
/// tells whether they succeeded. Alerts are addressed by alias (`identifierType=alias`).
///
/// The base URL is `https://api.opsgenie.com`, `https://api.eu.opsgenie.com` or a custom one
/// (``TocsinAPI/OpsgenieReceiver/effectiveBaseURL``); plain `http` is accepted for loopback hosts only. The API key
/// is sent as `Authorization: GenieKey <key>` and never appears in an error, a log line or a description.
public struct OpsgenieClient: Sendable {
    /// The largest answer body read; a longer one is a ``DeliveryError/Code/serverError``.
    public static let maximumBodySize = 1024 * 1024
    /// The longest wait taken from `Retry-After` or `X-RateLimit-Period-In-Sec`.
    public static let maximumRetryAfter = Duration.seconds(300)

    let httpClient: HTTPClient
    let logger: Logger
    let timeout: Duration

    /// Creates a client that sends through `httpClient` (owned by the caller) and gives up on a request after
    /// `timeout`.
    public init(httpClient: HTTPClient, logger: Logger, timeout: Duration = .seconds(15)) {
        self.httpClient = httpClient
        self.logger = logger
        self.timeout = timeout
    }

    /// Creates an alert (`POST /v2/alerts`). While an open alert has the same alias, Opsgenie increments its
    /// count instead of creating another.
    ///
    /// - Throws: ``DeliveryError`` (rate limited, server error, transport, unauthorized, rejected, misconfigured).
    public func createAlert(
        _ alert: OpsgenieAlert, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAccepted {
        let operation = OpsgenieOperation(
            name: "create alert", alias: alert.alias, method: .POST, path: "/v2/alerts", body: try encode(alert))
        return try await accepted(operation, baseURL: baseURL, apiKey: apiKey)
    }

    /// Acknowledges the open alert with `alias` (`POST /v2/alerts/{alias}/acknowledge?identifierType=alias`).
    ///
    /// - Throws: ``DeliveryError``; ``DeliveryError/Code/notFound`` when Opsgenie answers 404.
    public func acknowledge(
        alias: String, user: String? = OpsgenieAlertOptions.defaultUser, note: String? = nil,
        source: String? = OpsgenieAlertOptions.defaultSource, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAccepted {
        let body = OpsgenieActionBody(user: user, source: source, note: note)
        return try await aliasAction("acknowledge", alias: alias, body: body, baseURL: baseURL, apiKey: apiKey)
    }

    /// Adds a note to the alert with `alias` (`POST /v2/alerts/{alias}/notes?identifierType=alias`).
    ///
    /// - Throws: ``DeliveryError``; ``DeliveryError/Code/notFound`` when Opsgenie answers 404.
    public func addNote(
        alias: String, note: String, user: String? = OpsgenieAlertOptions.defaultUser,
        source: String? = OpsgenieAlertOptions.defaultSource, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAccepted {
        let body = OpsgenieActionBody(user: user, source: source, note: note)
        return try await aliasAction("notes", alias: alias, body: body, baseURL: baseURL, apiKey: apiKey)
    }

    /// Escalates the alert with `alias` to the escalation policy named `escalation`
    /// (`POST /v2/alerts/{alias}/escalate?identifierType=alias`).
    ///
    /// - Throws: ``DeliveryError``; ``DeliveryError/Code/notFound`` when Opsgenie answers 404.
    public func escalate(
        alias: String, escalation: String, note: String? = nil, user: String? = OpsgenieAlertOptions.defaultUser,
        source: String? = OpsgenieAlertOptions.defaultSource, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAccepted {
        let body = OpsgenieActionBody(
            user: user, source: source, note: note, escalation: OpsgenieActionBody.Escalation(name: escalation))
        return try await aliasAction("escalate", alias: alias, body: body, baseURL: baseURL, apiKey: apiKey)
    }

    /// Closes the alert with `alias` (`POST /v2/alerts/{alias}/close?identifierType=alias`).
    ///
    /// - Throws: ``DeliveryError``; ``DeliveryError/Code/notFound`` when Opsgenie answers 404.
    public func close(
        alias: String, user: String? = OpsgenieAlertOptions.defaultUser, note: String? = nil,
        source: String? = OpsgenieAlertOptions.defaultSource, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAccepted {
        let body = OpsgenieActionBody(user: user, source: source, note: note)
        return try await aliasAction("close", alias: alias, body: body, baseURL: baseURL, apiKey: apiKey)
    }

    /// Asks whether an accepted request was processed and succeeded (`GET /v2/alerts/requests/{requestId}`).
    ///
    /// - Returns: ``OpsgenieRequestStatus/notProcessed`` while Opsgenie answers 404 `RequestNotProcessed`.
    /// - Throws: ``DeliveryError``; ``DeliveryError/Code/notFound`` for another 404 (an unknown request ID).
    public func requestStatus(
        requestID: String, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieRequestStatus {
        let operation = OpsgenieOperation(
            name: "request status", alias: nil, method: .GET,
            path: "/v2/alerts/requests/\(Self.percentEncodedPathSegment(requestID))", body: nil,
            notFoundHint: "Opsgenie does not know request \(OpsgenieLimits.truncate(requestID, to: 80))")
        let answer = try await send(operation, baseURL: baseURL, apiKey: apiKey)
        if answer.status == 404, answer.isRequestNotProcessed { return .notProcessed }
        guard (200..<300).contains(answer.status) else { throw error(for: answer, operation, apiKey: apiKey) }
        return .processed(try processedRequest(from: answer, operation))
    }

    private func aliasAction(
        _ action: String, alias: String, body: OpsgenieActionBody, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAccepted {
        let operation = OpsgenieOperation(
            name: action == "notes" ? "add note" : action, alias: alias, method: .POST,
            path: "/v2/alerts/\(Self.percentEncodedPathSegment(alias))/\(action)", query: "identifierType=alias",
            body: try encode(body), notFoundHint: "no alert has this alias")
        return try await accepted(operation, baseURL: baseURL, apiKey: apiKey)
    }

    private func accepted(
        _ operation: OpsgenieOperation, baseURL: String, apiKey: String
    ) async throws(DeliveryError) -> OpsgenieAccepted {
        let answer = try await send(operation, baseURL: baseURL, apiKey: apiKey)
        guard (200..<300).contains(answer.status) else { throw error(for: answer, operation, apiKey: apiKey) }
        return try acceptedAnswer(from: answer, operation)
    }
}

/// One request the client sends.
struct OpsgenieOperation: Sendable {
    /// Words for messages, e.g. `create alert`.
    var name: String
    /// The alert's alias, for messages.
    var alias: String?
    var method: HTTPMethod
    /// The path below the base URL, already percent-encoded.
    var path: String
    var query: String? = nil
    var body: Data?
    /// What a 404 means for this request; `nil`: the path is wrong, so the base URL must be.
    var notFoundHint: String? = nil
}

/// The body of an action on an alert (acknowledge, add note, escalate, close).
struct OpsgenieActionBody: Encodable, Sendable {
    struct Escalation: Encodable, Sendable {
        var name: String
    }

    var user: String?
    var source: String?
    var note: String?
    var escalation: Escalation? = nil

    init(user: String?, source: String?, note: String?, escalation: Escalation? = nil) {
        self.user = OpsgenieAlert.nonEmpty(user).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.user) }
        self.source = OpsgenieAlert.nonEmpty(source).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.source) }
        self.note = OpsgenieAlert.nonEmpty(note).map { OpsgenieLimits.truncate($0, to: OpsgenieLimits.note) }
        self.escalation = escalation
    }
}
