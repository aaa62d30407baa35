import Crypto
import Foundation
import NIOCore
import NIOFoundationCompat

/// Checks that a request really comes from Slack: its `X-Slack-Signature` is the v0 HMAC-SHA256 of
/// `v0:{X-Slack-Request-Timestamp}:{raw body}` under the app's signing secret, and the timestamp is within five
/// minutes of now (either direction), which bounds replays.
///
/// Verify before parsing anything, on the raw bytes as received. The comparison takes constant time.
public struct SlackRequestVerifier: Sendable {
    /// How far the timestamp may be from now: 5 minutes, as Slack recommends.
    public static let defaultTolerance: Duration = .seconds(300)

    private let key: SymmetricKey
    private let isSecretEmpty: Bool
    /// How far the timestamp may be from now.
    public let tolerance: Duration

    /// Creates a verifier for the app's signing secret (Slack app settings → Basic Information → Signing Secret).
    public init(signingSecret: String, tolerance: Duration = SlackRequestVerifier.defaultTolerance) {
        let secret = signingSecret.trimmingCharacters(in: .whitespacesAndNewlines)
        key = SymmetricKey(data: Data(secret.utf8))
        isSecretEmpty = secret.isEmpty
        self.tolerance = tolerance
    }

    /// Verifies a request.
    /// - Parameters:
    ///   - body: the raw body, exactly as received.
    ///   - timestamp: the `X-Slack-Request-Timestamp` header (seconds since 1970).
    ///   - signature: the `X-Slack-Signature` header (`v0=` and 64 hex digits).
    ///   - now: the current time.
    /// - Throws: ``SlackVerificationError`` saying which check failed.
    public func verify(
        body: some DataProtocol, timestamp: String?, signature: String?, now: Date
    ) throws(SlackVerificationError) {
        guard !isSecretEmpty else { throw SlackVerificationError(.signingSecretMissing) }
        guard let timestamp, !timestamp.isEmpty else { throw SlackVerificationError(.missingTimestamp) }
        guard let signature, !signature.isEmpty else { throw SlackVerificationError(.missingSignature) }
        guard timestamp.utf8.count <= 12, timestamp.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let seconds = Int64(timestamp)
        else {
            throw SlackVerificationError(.malformedTimestamp)
        }
        let skew = now.timeIntervalSince1970 - Double(seconds)
        let limit = Double(tolerance.components.seconds)
        if abs(skew) > limit {
            throw SlackVerificationError.outOfWindow(skewSeconds: Int64(skew.rounded()), toleranceSeconds: Int64(limit))
        }
        guard let provided = Self.signatureBytes(signature) else { throw SlackVerificationError(.malformedSignature) }
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("v0:\(timestamp):".utf8))
        hmac.update(data: body)
        let expected = hmac.finalize()
        // `==` between an authentication code and bytes compares in constant time.
        guard expected == provided else { throw SlackVerificationError(.signatureMismatch) }
    }

    /// Verifies a request whose body is in a `ByteBuffer`.
    ///
    /// - Throws: ``SlackVerificationError`` saying which check failed.
    public func verify(
        body: ByteBuffer, timestamp: String?, signature: String?, now: Date
    ) throws(SlackVerificationError) {
        try verify(body: body.readableBytesView, timestamp: timestamp, signature: signature, now: now)
    }

    /// The 32 bytes of `v0=<64 hex digits>`, or `nil` when the header has another form.
    static func signatureBytes(_ header: String) -> [UInt8]? {
        let utf8 = Array(header.utf8)
        guard utf8.count == 67, utf8.starts(with: Array("v0=".utf8)) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 3
        while index < utf8.count {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }
}
