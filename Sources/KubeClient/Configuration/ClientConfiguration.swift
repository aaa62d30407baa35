import Foundation

/// Everything the HTTP client needs to talk to one API server: where, how to trust it, and who we are.
///
/// Built by ``KubeConfigLoader`` from a kubeconfig context or from the in-cluster service account.
public struct ClientConfiguration: Sendable {
    /// The version of Tocsin reported in the default user agent.
    public static let version = "0.1.0"
    /// The default `User-Agent`: `tocsin/<version> (linux)`.
    public static let defaultUserAgent = "tocsin/\(version) (linux)"

    /// The API server URL, for example `https://127.0.0.1:6443`; it may contain a path prefix. No trailing slash.
    public var server: URL
    /// The namespace of the context, else `default` (in-cluster: the service account's namespace).
    public var namespace: String
    /// CA, client certificate and verification switches.
    public var tls: TLSMaterial
    /// How requests are authenticated.
    public var credentials: Credentials
    /// The HTTP(S) proxy to use (`proxy-url`), if any.
    public var proxyURL: URL?
    /// Whether the client should not ask for compressed responses (`disable-compression`).
    public var disableCompression: Bool
    /// The `User-Agent` header sent with every request.
    public var userAgent: String
    /// The sustained request rate allowed (client-go default 5 per second).
    public var qps: Double
    /// The request burst allowed above `qps` (client-go default 10).
    public var burst: Int
    /// Where this configuration came from: `kubeconfig /path (context kind-dev)` or `in-cluster`.
    public var source: String

    /// Creates a configuration.
    public init(
        server: URL,
        namespace: String = "default",
        tls: TLSMaterial = .init(),
        credentials: Credentials = .none,
        proxyURL: URL? = nil,
        disableCompression: Bool = false,
        userAgent: String = ClientConfiguration.defaultUserAgent,
        qps: Double = 5,
        burst: Int = 10,
        source: String = "explicit"
    ) {
        self.server = server
        self.namespace = namespace
        self.tls = tls
        self.credentials = credentials
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
        self.userAgent = userAgent
        self.qps = qps
        self.burst = burst
        self.source = source
    }
}

extension ClientConfiguration: CustomStringConvertible {
    /// A one-line summary without secrets.
    public var description: String {
        "ClientConfiguration(server: \(server.absoluteString), namespace: \(namespace), source: \(source), "
            + "credentials: \(credentials), tls: \(tls), proxyURL: \(proxyURL?.absoluteString ?? "nil"))"
    }
}
