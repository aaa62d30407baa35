/// Why an inbound Opsgenie webhook request was refused. Messages never contain the secret or the header value.
public struct OpsgenieWebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal.
    public enum Code: String, Sendable, Hashable {
        /// The request did not carry the secret header (answer 401).
        case missingSecret
        /// The header carried another value than the configured secret (answer 401).
        case wrongSecret
        /// The body is not an Opsgenie webhook payload (answer 400).
        case malformedPayload
        /// The verifier is not usable: empty secret or invalid header name (answer 500, fix the configuration).
        case misconfigured
    }

    /// The kind of refusal.
    public var code: Code
    /// What was refused and what to do, e.g. `Opsgenie webhook refused: header X-Tocsin-Webhook-Secret is
    /// missing (add it as a custom header of the Opsgenie Webhook integration)`.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status to answer with: 401 for a missing or wrong secret, 400 for a bad payload, 500 otherwise.
    public var httpStatus: Int {
        switch code {
        case .missingSecret, .wrongSecret: 401
        case .malformedPayload: 400
        case .misconfigured: 500
        }
    }

    /// ``message``.
    public var description: String { message }
}
