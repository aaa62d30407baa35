import AsyncHTTPClient
import Foundation
import Logging

/// Sends messages to Slack: the Web API with a bot token (`chat.postMessage`, `chat.update`) or an incoming webhook.
///
/// One request per call, never retried here: every failure is a ``DeliveryError`` whose
/// ``DeliveryError/isRetryable`` and ``DeliveryError/retryAfter`` tell the caller's outbox what to do. Tokens and
/// webhook URLs are secrets: they never appear in an error, a log line or a description.
///
/// Slack's answers map to ``DeliveryError/Code``: HTTP 429 (with `Retry-After`, capped at 300 s) and `ok:false`
/// `ratelimited`/`rate_limited` → `rateLimited`; HTTP 5xx and `internal_error`, `fatal_error`,
/// `service_unavailable`, … → `serverError`; `invalid_auth`, `not_authed`, `account_inactive`, `token_revoked`,
/// `token_expired`, `missing_scope` → `unauthorized`; `channel_not_found`, `not_in_channel`, `is_archived`,
/// `message_not_found`, `cant_update_message` → `notFound`; any other `ok:false` error (`invalid_blocks`,
/// `msg_too_long`, `invalid_arguments`, unknown ones) → `rejected`; a 2xx body that is not Slack's JSON →
/// `serverError`; no answer → `transport`; an empty token or unusable webhook URL → `misconfigured`.
public struct SlackClient: Sendable {
    /// The most bytes of an answer read: 1 MiB.
    public static let maximumResponseBytes = 1 << 20
    /// The longest `Retry-After` honoured: 300 seconds.
    public static let maximumRetryAfter: Duration = .seconds(300)

    let httpClient: HTTPClient
    let apiBaseURL: String
    let logger: Logger
    let timeout: Duration

    /// Creates a client.
    /// - Parameters:
    ///   - httpClient: the transport, owned (and shut down) by the caller.
    ///   - apiBaseURL: the Web API's base URL; tests point it at a fake server.
    ///   - logger: receives debug lines about requests (never a credential).
    ///   - timeout: the longest a request may take, connecting included.
    public init(
        httpClient: HTTPClient, apiBaseURL: String = "https://slack.com/api", logger: Logger,
        timeout: Duration = .seconds(10)
    ) {
        self.httpClient = httpClient
        var base = apiBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.apiBaseURL = base
        self.logger = logger
        self.timeout = timeout
    }

    /// Posts `message` to `channel` (a name such as `#alerts` or an ID), or as a reply in the thread of `threadTS`.
    ///
    /// - Returns: the channel ID and `ts` Slack gave the message: store them to update it later.
    /// - Throws: ``DeliveryError`` (see ``SlackClient`` for the mapping of Slack's answers).
    public func postMessage(
        _ message: SlackMessage, channel: String, threadTS: String? = nil, token: String
    ) async throws(DeliveryError) -> SlackPostedMessage {
        let operation = SlackOperation(
            method: "chat.postMessage", channel: channel,
            target: threadTS.map { "to \(channel) (thread \($0))" } ?? "to \(channel)")
        let body = SlackPostMessageBody(
            channel: channel, text: message.text, blocks: message.blocks, threadTS: threadTS, unfurlLinks: false,
            unfurlMedia: false)
        let posted = try await callWebAPI(operation, body: body, token: token)
        logger.debug(
            "Posted Slack message",
            metadata: ["slack.channel": "\(posted.channelID)", "slack.ts": "\(posted.ts)", "slack.thread": "\(threadTS ?? "")"])
        return posted
    }

    /// Replaces the message `ts` in `channelID` (the ID Slack answered when it was posted) with `message`.
    ///
    /// - Throws: ``DeliveryError``; `message_not_found` (the message was deleted) is ``DeliveryError/Code/notFound``.
    public func updateMessage(
        _ message: SlackMessage, channelID: String, ts: String, token: String
    ) async throws(DeliveryError) -> SlackPostedMessage {
        let operation = SlackOperation(method: "chat.update", channel: channelID, target: "of \(ts) in \(channelID)")
        let body = SlackUpdateMessageBody(channel: channelID, ts: ts, text: message.text, blocks: message.blocks)
        let updated = try await callWebAPI(operation, body: body, token: token)
        logger.debug("Updated Slack message", metadata: ["slack.channel": "\(updated.channelID)", "slack.ts": "\(updated.ts)"])
        return updated
    }

    /// Posts `message` through an incoming webhook (a fixed channel; the message cannot be updated later).
    ///
    /// - Parameter url: the webhook URL, a secret (it is never shown in errors).
    /// - Throws: ``DeliveryError`` from the webhook's status and plain-text error (`invalid_payload`,
    ///   `channel_not_found`, `no_service`, …); ``DeliveryError/Code/misconfigured`` when `url` is not an http(s) URL.
    public func postWebhook(_ message: SlackMessage, url: String) async throws(DeliveryError) {
        let operation = SlackOperation(method: "incoming webhook", channel: nil, target: "")
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let parsed = URL(string: trimmed), let scheme = parsed.scheme?.lowercased(),
            scheme == "https" || scheme == "http", parsed.host?.isEmpty == false
        else {
            throw operation.error(
                .misconfigured,
                "the incoming-webhook URL in the Secret referenced by webhookSecretRef is not an http(s) URL")
        }
        let answer = try await send(
            operation, url: trimmed, body: SlackWebhookBody(text: message.text, blocks: message.blocks),
            authorization: nil, secrets: [trimmed, parsed.path])
        do {
            try Self.checkWebhookAnswer(answer, operation: operation)
        } catch {
            throw Self.redacted(error, secrets: [trimmed, parsed.path])
        }
        logger.debug("Posted Slack message through an incoming webhook")
    }

    private func callWebAPI(
        _ operation: SlackOperation, body: some Encodable, token: String
    ) async throws(DeliveryError) -> SlackPostedMessage {
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw operation.error(.misconfigured, "the bot token is empty: set it in the Secret referenced by tokenSecretRef")
        }
        guard !token.contains(where: { $0.isWhitespace || $0.isNewline || ($0.asciiValue ?? 32) < 32 }) else {
            throw operation.error(
                .misconfigured, "the bot token contains whitespace: check the Secret referenced by tokenSecretRef")
        }
        let answer = try await send(
            operation, url: "\(apiBaseURL)/\(operation.method)", body: body, authorization: "Bearer \(token)",
            secrets: [token])
        do {
            return try Self.postedMessage(from: answer, operation: operation)
        } catch {
            throw Self.redacted(error, secrets: [token])
        }
    }
}

/// The JSON body of `chat.postMessage`.
struct SlackPostMessageBody: Encodable {
    var channel: String
    var text: String
    var blocks: [SlackBlock]?
    var threadTS: String?
    var unfurlLinks: Bool
    var unfurlMedia: Bool

    enum CodingKeys: String, CodingKey {
        case channel, text, blocks
        case threadTS = "thread_ts"
        case unfurlLinks = "unfurl_links"
        case unfurlMedia = "unfurl_media"
    }
}

/// The JSON body of `chat.update`.
struct SlackUpdateMessageBody: Encodable {
    var channel: String
    var ts: String
    var text: String
    var blocks: [SlackBlock]?
}

/// The JSON body of an incoming webhook.
struct SlackWebhookBody: Encodable {
    var text: String
    var blocks: [SlackBlock]?
}
