import Foundation

extension SlackClient {
    /// Asks Slack for a Socket Mode WebSocket URL (`apps.connections.open`) with the app-level token.
    ///
    /// The URL carries a single-use ticket: connect to it at once, and never log it.
    /// - Parameter appToken: the app-level token (`xapp-…`, scope `connections:write`); a bot token is refused
    ///   here, before any request.
    /// - Returns: the `wss://` (or, against a local fake, `ws://`) URL to connect to.
    /// - Throws: ``DeliveryError``: ``DeliveryError/Code/misconfigured`` for an empty, malformed or non-app token;
    ///   `invalid_auth`, `not_authed`, `not_allowed_token_type`, `missing_scope` → ``DeliveryError/Code/unauthorized``;
    ///   429 with `Retry-After` → ``DeliveryError/Code/rateLimited``; 5xx → ``DeliveryError/Code/serverError``;
    ///   an answer without a WebSocket URL → ``DeliveryError/Code/serverError``.
    public func openSocketModeConnection(appToken: String) async throws(DeliveryError) -> String {
        let operation = SlackOperation(method: "apps.connections.open", channel: nil, target: "")
        let token = appToken.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw operation.error(.misconfigured, "the app-level token is empty: set it in --slack-app-token-file")
        }
        guard token.hasPrefix("xapp-"), !token.contains(where: { $0.isWhitespace || ($0.asciiValue ?? 32) < 32 }) else {
            throw operation.error(
                .misconfigured,
                "Socket Mode needs an app-level token (xapp-…, scope connections:write, under Basic Information → "
                    + "App-Level Tokens), not a bot or user token")
        }
        let answer = try await send(
            operation, url: "\(apiBaseURL)/\(operation.method)", body: SlackEmptyBody(), authorization: "Bearer \(token)",
            secrets: [token])
        let decoded: SlackAPIAnswerBody
        do {
            decoded = try Self.checkedAnswer(answer, operation: operation)
        } catch {
            throw Self.redacted(error, secrets: [token])
        }
        guard let url = decoded.url, let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "wss" || scheme == "ws", parsed.host?.isEmpty == false
        else {
            throw operation.error(.serverError, "Slack answered ok without a WebSocket URL", httpStatus: answer.status)
        }
        return url
    }

    /// The decoded answer of a Web API call when it is `ok:true`; else the ``DeliveryError`` it means: HTTP 429 →
    /// rate limited with `Retry-After`; 5xx → server error; `ok:false` → by its error string
    /// (``SlackErrorCatalog``); a 2xx body that is not Slack's JSON → server error; another status → by status.
    static func checkedAnswer(
        _ answer: SlackHTTPAnswer, operation: SlackOperation
    ) throws(DeliveryError) -> SlackAPIAnswerBody {
        let decoded = try? JSONDecoder().decode(SlackAPIAnswerBody.self, from: answer.body)
        if answer.status == 429 {
            let retryAfter = retryAfter(answer.retryAfterHeader)
            throw operation.error(
                .rateLimited,
                "rate limited (HTTP 429): " + (retryAfter.map { "retry after \($0.components.seconds) s" } ?? "retry later"),
                vendorError: decoded?.error ?? "ratelimited", httpStatus: 429, retryAfter: retryAfter)
        }
        if answer.status >= 500 {
            throw operation.error(
                .serverError, "HTTP \(answer.status) from Slack (an outage or a transient failure; retry later)",
                vendorError: decoded?.error, httpStatus: answer.status)
        }
        guard let decoded else {
            if (200..<300).contains(answer.status) {
                throw operation.error(
                    .serverError,
                    "HTTP \(answer.status) with a body that is not Slack's JSON answer (\(answer.body.count) bytes)",
                    httpStatus: answer.status)
            }
            throw statusError(answer.status, operation: operation)
        }
        guard decoded.ok else {
            throw apiError(decoded, status: answer.status, retryAfterHeader: answer.retryAfterHeader, operation: operation)
        }
        return decoded
    }
}

/// The empty JSON body of a Web API method without arguments.
struct SlackEmptyBody: Encodable {}
