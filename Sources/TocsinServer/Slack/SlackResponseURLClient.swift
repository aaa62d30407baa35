import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Sends ephemeral answers to a Slack `response_url` (`{"response_type": "ephemeral", "text": …}`), only to hosts on
/// an allowlist: the URL comes from the request body, so without the allowlist a signed-but-replayed or
/// misconfigured request could make the operator post anywhere.
///
/// The URL is a capability (anyone holding it can post to the channel for 30 minutes): it is never logged.
public struct SlackResponseURLClient: Sendable {
    /// `hooks.slack.com`, where Slack's response URLs point.
    public static let defaultAllowedHosts: Set<String> = ["hooks.slack.com"]

    let httpClient: HTTPClient
    /// Hosts (lower-case) a response may be sent to.
    public let allowedHosts: Set<String>
    /// Whether `http://` URLs are accepted (tests on loopback only); otherwise only `https://`.
    public let allowsPlainHTTP: Bool
    let timeout: Duration
    let logger: Logger

    /// Creates a client.
    /// - Parameters:
    ///   - httpClient: the HTTP client (shared, owned by the caller).
    ///   - allowedHosts: the hosts responses may go to; `hooks.slack.com` by default.
    ///   - allowsPlainHTTP: accept `http://` URLs (for tests against a loopback server).
    ///   - timeout: the deadline of one post.
    ///   - logger: where failures are logged (without the URL).
    public init(
        httpClient: HTTPClient, allowedHosts: Set<String> = SlackResponseURLClient.defaultAllowedHosts,
        allowsPlainHTTP: Bool = false, timeout: Duration = .seconds(10), logger: Logger
    ) {
        self.httpClient = httpClient
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.allowsPlainHTTP = allowsPlainHTTP
        self.timeout = timeout
        self.logger = logger
    }

    /// `url` when it may receive responses: `https` (or `http` when allowed), an allowlisted host, no user info.
    public func allowedURL(_ url: String) -> URL? {
        guard url.utf8.count <= 2048, let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(),
            components.user == nil, components.password == nil,
            scheme == "https" || (allowsPlainHTTP && scheme == "http"),
            allowedHosts.contains(host)
        else { return nil }
        return components.url
    }

    /// Posts `text` as an ephemeral message (seen only by the user who acted) to `url`.
    ///
    /// Never throws: a refused URL, a transport error or a non-2xx answer is logged, since there is nobody else to
    /// tell. - Returns: whether Slack accepted the message.
    @discardableResult
    public func postEphemeral(_ text: String, to url: String) async -> Bool {
        guard let target = allowedURL(url) else {
            logger.warning("Refused to answer on a Slack response_url outside the allowed hosts")
            return false
        }
        var request = HTTPClientRequest(url: target.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let message = EphemeralMessage(responseType: "ephemeral", text: text)
        guard let body = try? EndpointJSON.encoder.encode(message) else { return false }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(response.status.code) else {
                logger.warning(
                    "Slack refused an ephemeral answer",
                    metadata: ["http.status": "\(response.status.code)", "url.host": "\(target.host ?? "")"])
                return false
            }
            return true
        } catch {
            logger.warning(
                "Could not send an ephemeral answer to Slack",
                metadata: ["error": "\(type(of: error))", "url.host": "\(target.host ?? "")"])
            return false
        }
    }

    /// The body of a response_url post.
    struct EphemeralMessage: Encodable {
        var responseType: String
        var text: String

        enum CodingKeys: String, CodingKey {
            case responseType = "response_type"
            case text
        }
    }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
