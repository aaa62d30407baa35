/// Why a request was refused as not coming from Slack. Messages never contain the signing secret or the signature.
public struct SlackVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which check failed.
    public enum Code: String, Sendable, Hashable {
        /// The verifier has no signing secret: a configuration error, every request is refused.
        case signingSecretMissing
        /// No `X-Slack-Request-Timestamp` header.
        case missingTimestamp
        /// No `X-Slack-Signature` header.
        case missingSignature
        /// The timestamp is not a whole number of seconds.
        case malformedTimestamp
        /// The timestamp is more than the tolerance away from now: a replay, or a clock out of sync.
        case timestampOutOfWindow
        /// The signature is not `v0=` followed by 64 hex digits.
        case malformedSignature
        /// The signature does not match the body: forged, tampered with, or signed with another secret.
        case signatureMismatch
    }

    /// Which check failed.
    public var code: Code
    /// What failed and what to do.
    public var message: String

    /// Creates an error with the standard message of `code`.
    public init(_ code: Code) {
        self.code = code
        switch code {
        case .signingSecretMissing:
            message = "the Slack signing secret is empty: set it in the Secret the operator reads; every Slack request "
                + "is refused until then"
        case .missingTimestamp:
            message = "the request has no X-Slack-Request-Timestamp header: it does not come from Slack"
        case .missingSignature:
            message = "the request has no X-Slack-Signature header: it does not come from Slack"
        case .malformedTimestamp:
            message = "X-Slack-Request-Timestamp is not a number of seconds: the request does not come from Slack"
        case .timestampOutOfWindow:
            message = "X-Slack-Request-Timestamp is too far from now: refused as a possible replay; check the clock"
        case .malformedSignature:
            message = "X-Slack-Signature is not of the form v0=<64 hex digits>: the request does not come from Slack"
        case .signatureMismatch:
            message = "X-Slack-Signature does not match the request body: the request was forged or altered, or the "
                + "signing secret is not this Slack app's (check the Secret against the app's Basic Information page)"
        }
    }

    /// A timestamp `skewSeconds` away from now (positive: in the past).
    static func outOfWindow(skewSeconds: Int64, toleranceSeconds: Int64) -> SlackVerificationError {
        var error = SlackVerificationError(.timestampOutOfWindow)
        let distance = skewSeconds >= 0 ? "\(skewSeconds) s old" : "\(-skewSeconds) s in the future"
        error.message = "X-Slack-Request-Timestamp is \(distance), more than \(toleranceSeconds) s from now: refused as "
            + "a possible replay; if requests from Slack are refused, check this machine's clock (NTP)"
        return error
    }

    /// ``message``.
    public var description: String { message }
}
