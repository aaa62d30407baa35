import Foundation

/// The request never produced an answer from the API server: the connection failed, TLS failed,
/// the deadline passed, or the credentials could not be obtained.
///
/// Distinct from ``KubeAPIError`` (the server answered with a non-2xx status) so callers can tell
/// "the cluster said no" from "we could not reach the cluster".
public struct KubeTransportError: Error, Sendable, CustomStringConvertible {
    /// The HTTP method of the failed request.
    public var method: String
    /// The request path, without the server's base URL.
    public var path: String
    /// A description of the underlying failure.
    public var reason: String

    /// Creates a transport error for `method path` with the underlying failure's description.
    public init(method: String, path: String, reason: String) {
        self.method = method
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "\(method) \(path): could not reach the API server: \(reason)"
    }
}
