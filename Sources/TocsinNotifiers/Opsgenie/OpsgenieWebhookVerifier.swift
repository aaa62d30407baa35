import Crypto
import Foundation

/// Authenticates Opsgenie's outgoing webhook requests, which carry no signature: the Webhook integration is
/// configured with a custom header holding a shared secret, and every request must carry exactly that value.
///
/// The comparison takes the same time whatever the value (both sides are hashed with SHA-256 and the digests
/// compared without an early exit), so the secret cannot be guessed byte by byte.
public struct OpsgenieWebhookVerifier: Sendable {
    /// The header used unless another is configured: `X-Tocsin-Webhook-Secret`.
    public static let defaultHeaderName = "X-Tocsin-Webhook-Secret"

    /// The header carrying the secret, as configured (matched without case).
    public let headerName: String
    private let secretDigest: SHA256.Digest

    /// Creates a verifier for `secret` (surrounding whitespace and line breaks, as Secrets often carry, are
    /// ignored) in the header `headerName`.
    ///
    /// - Throws: ``OpsgenieWebhookError`` `misconfigured` when the secret is empty or the header name is not an
    ///   HTTP token.
    public init(secret: String, headerName: String = OpsgenieWebhookVerifier.defaultHeaderName)
        throws(OpsgenieWebhookError)
    {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw OpsgenieWebhookError(
                code: .misconfigured, message: "Opsgenie webhook secret is empty: set a non-empty value in its Secret")
        }
        let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard !headerName.isEmpty, headerName.allSatisfy(tokenCharacters.contains) else {
            throw OpsgenieWebhookError(
                code: .misconfigured,
                message: "Opsgenie webhook header name \"\(headerName.prefix(64))\" is not a valid HTTP header name")
        }
        self.headerName = headerName
        self.secretDigest = SHA256.hash(data: Data(trimmed.utf8))
    }

    /// Checks the value the request carried in ``headerName`` (`nil` when it had none).
    ///
    /// - Throws: ``OpsgenieWebhookError`` `missingSecret` or `wrongSecret`.
    public func verify(headerValue: String?) throws(OpsgenieWebhookError) {
        guard let value = headerValue?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw OpsgenieWebhookError(
                code: .missingSecret,
                message: "Opsgenie webhook refused: header \(headerName) is missing "
                    + "(add it as a custom header of the Opsgenie Webhook integration)")
        }
        let digest = SHA256.hash(data: Data(value.utf8))
        var difference: UInt8 = 0
        for (left, right) in zip(digest, secretDigest) { difference |= left ^ right }
        guard difference == 0 else {
            throw OpsgenieWebhookError(
                code: .wrongSecret,
                message: "Opsgenie webhook refused: header \(headerName) does not hold the configured secret "
                    + "(compare the integration's custom header with the webhook Secret)")
        }
    }

    /// Checks a request's headers, given as name/value pairs (names matched without case). A request carrying
    /// the header more than once is refused.
    ///
    /// - Throws: ``OpsgenieWebhookError`` `missingSecret` or `wrongSecret`.
    public func verify(headers: [(name: String, value: String)]) throws(OpsgenieWebhookError) {
        let values = headers.filter { $0.name.lowercased() == headerName.lowercased() }.map(\.value)
        guard values.count <= 1 else {
            throw OpsgenieWebhookError(
                code: .wrongSecret, message: "Opsgenie webhook refused: header \(headerName) is repeated")
        }
        try verify(headerValue: values.first)
    }
}
