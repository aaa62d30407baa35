import Crypto
import Foundation

/// A form-encoded request signed as Slack signs what it sends to an app (interactivity, slash commands): the
/// body, the `X-Slack-Request-Timestamp` and the `v0=` HMAC-SHA256 `X-Slack-Signature` over `v0:<timestamp>:<body>`.
public struct SlackSignedForm: Sendable, Hashable {
    /// The `application/x-www-form-urlencoded` body.
    public var body: String
    /// The headers to send with it: content type, timestamp and signature.
    public var headers: [String: String]

    /// Signs `payload` (a button click's JSON) as the form field `payload` with `signingSecret` at `timestamp`.
    public init(payload: Data, signingSecret: String, timestamp: Date = Date()) {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let json = String(decoding: payload, as: UTF8.self)
        self.init(body: "payload=" + (json.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""),
                  signingSecret: signingSecret, timestamp: timestamp)
    }

    /// Signs a form `body` with `signingSecret` at `timestamp`.
    public init(body: String, signingSecret: String, timestamp: Date = Date()) {
        let seconds = String(Int(timestamp.timeIntervalSince1970))
        let signature = HMAC<SHA256>.authenticationCode(
            for: Data("v0:\(seconds):\(body)".utf8), using: SymmetricKey(data: Data(signingSecret.utf8)))
        self.body = body
        self.headers = [
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": seconds,
            "X-Slack-Signature": "v0=" + signature.map { String(format: "%02x", $0) }.joined(),
        ]
    }
}
