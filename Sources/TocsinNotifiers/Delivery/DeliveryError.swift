import TocsinAPI

/// Why a request to a receiver (Slack, Opsgenie) failed, and whether sending it again can help.
///
/// Every notifier maps its vendor's answers onto this one error, so the delivery outbox can decide what to do
/// without knowing the vendor: retry after ``retryAfter`` (or its own backoff) when ``isRetryable``, otherwise
/// record ``message`` on the Incident and the AlertRule and stop.
public struct DeliveryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// The vendor asked us to slow down (HTTP 429, Slack `ratelimited`/`rate_limited`).
        case rateLimited
        /// The vendor failed (HTTP 5xx) or answered something we could not read.
        case serverError
        /// The request did not reach the vendor or no answer came back (connection refused, timeout, TLS).
        case transport
        /// The credentials were refused (Slack `invalid_auth`, `not_authed`, `token_revoked`; HTTP 401/403).
        case unauthorized
        /// The destination does not exist or the bot may not post there (`channel_not_found`, `not_in_channel`,
        /// HTTP 404 for an alert).
        case notFound
        /// The vendor refused the request as malformed (HTTP 400/422, Slack `invalid_blocks`, …).
        case rejected
        /// The receiver is not usable as configured (missing Secret key, unsupported operation such as updating a
        /// message sent through an incoming webhook).
        case misconfigured
    }

    /// The kind of failure.
    public var code: Code
    /// The receiver type that failed.
    public var receiver: ReceiverDelivery.ReceiverType
    /// What failed, in words fit for an Incident's status and an Event (never a credential): e.g.
    /// `Slack chat.postMessage to #alerts failed: not_in_channel (invite the bot or grant chat:write.public)`.
    public var message: String
    /// The vendor's own error string, when it sent one (`not_in_channel`, `RequestNotProcessed`).
    public var vendorError: String?
    /// The HTTP status code, when a response arrived.
    public var httpStatus: Int?
    /// How long the vendor asked us to wait before the next attempt (`Retry-After`).
    public var retryAfter: Duration?

    /// Creates an error.
    public init(
        code: Code, receiver: ReceiverDelivery.ReceiverType, message: String, vendorError: String? = nil,
        httpStatus: Int? = nil, retryAfter: Duration? = nil
    ) {
        self.code = code
        self.receiver = receiver
        self.message = message
        self.vendorError = vendorError
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    /// Whether sending the same request again may succeed: rate limits, vendor failures and transport errors.
    public var isRetryable: Bool {
        switch code {
        case .rateLimited, .serverError, .transport: true
        case .unauthorized, .notFound, .rejected, .misconfigured: false
        }
    }

    /// ``message``.
    public var description: String { message }
}
