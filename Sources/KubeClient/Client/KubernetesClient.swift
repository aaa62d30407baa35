import AsyncHTTPClient
import Foundation
import KubeCore
import Logging
import NIOCore
import NIOSSL

/// A client for the Kubernetes REST API: get, list, watch, create, update, patch and delete of any
/// resource, core or grouped, namespaced or cluster-scoped, custom resources included.
///
/// One client holds one HTTP connection pool; share it. Call ``shutdown()`` when done.
public final class KubernetesClient: Sendable {
    /// The configuration this client was built from (server, namespace, TLS, credentials, limits).
    public let configuration: ClientConfiguration
    /// How many times a request answered `429` (or `5xx` with `Retry-After`) is retried, as client-go does.
    public let maximumRetries: Int
    /// The deadline for a non-watch request to receive its response head.
    public let requestTimeout: Duration

    let httpClient: HTTPClient
    let credentials: CredentialProvider
    let rateLimiter: RateLimiter
    let logger: Logger
    /// Scheme, host (the TLS server name when one is configured), port and path prefix, without a trailing slash.
    let baseURL: String

    /// The largest response body read into memory; lists beyond this should be paginated.
    static let maximumBodySize = 512 << 20

    /// Creates a client for the cluster described by `configuration`.
    /// - Parameters:
    ///   - maximumRetries: retries of a request answered with `Retry-After`; 0 disables them.
    ///   - requestTimeout: deadline for receiving the response head of a non-watch request.
    ///   - connectTimeout: how long establishing a connection (TCP and TLS) may take, retries included.
    /// - Throws: ``KubeConfigError`` when the TLS material cannot be used (bad PEM, key not matching).
    public init(
        configuration: ClientConfiguration,
        logger: Logger = Logger(label: "tocsin.kube-client"),
        maximumRetries: Int = 5,
        requestTimeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10)
    ) throws {
        self.configuration = configuration
        self.maximumRetries = maximumRetries
        self.requestTimeout = requestTimeout
        self.logger = logger
        self.credentials = CredentialProvider(configuration: configuration, logger: logger)
        self.rateLimiter = RateLimiter(qps: configuration.qps, burst: configuration.burst)

        let (base, dnsOverride) = try Self.baseURL(for: configuration)
        self.baseURL = base
        var httpConfiguration = HTTPClient.Configuration(
            tlsConfiguration: try Self.tlsConfiguration(for: configuration),
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(connectTimeout.nanoseconds)),
            connectionPool: .init(idleTimeout: .seconds(90), concurrentHTTP1ConnectionsPerHostSoftLimit: 256),
            proxy: try Self.proxy(for: configuration),
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
        httpConfiguration.dnsOverride = dnsOverride
        self.httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// Closes every connection. Streams still being read end with an error.
    /// - Throws: when the connection pool cannot be shut down (already shut down).
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// The namespace used when a call does not name one: the context's, or the pod's own in-cluster.
    public var defaultNamespace: String { configuration.namespace }

    /// Builds the base URL; with a TLS server name the URL's host is that name and the connection goes to
    /// the real host through AsyncHTTPClient's DNS override, so SNI and hostname verification use the name.
    private static func baseURL(for configuration: ClientConfiguration) throws -> (String, [String: String]) {
        guard var components = URLComponents(url: configuration.server, resolvingAgainstBaseURL: false),
            let scheme = components.scheme, scheme == "https" || scheme == "http",
            let host = components.host, !host.isEmpty
        else {
            throw KubeConfigError(
                code: .invalidServerURL, file: nil, field: "server",
                message: "\(configuration.source): server \(configuration.server) is not an http(s) URL with a host")
        }
        var override: [String: String] = [:]
        if let serverName = configuration.tls.serverName, !serverName.isEmpty, scheme == "https" {
            override[serverName] = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            components.host = serverName
        }
        components.query = nil
        components.fragment = nil
        var base = components.string ?? configuration.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return (base, override)
    }

    private static func tlsConfiguration(for configuration: ClientConfiguration) throws -> TLSConfiguration {
        let material = configuration.tls
        var tls = TLSConfiguration.makeClientConfiguration()
        if material.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        }
        do {
            if let ca = material.certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
            }
            if let certificate = material.clientCertificatePEM, let key = material.clientKeyPEM {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            }
        } catch {
            throw KubeConfigError(
                code: .invalidPEM, file: nil, field: "tls",
                message: "\(configuration.source): TLS material could not be loaded: \(error)")
        }
        return tls
    }

    private static func proxy(for configuration: ClientConfiguration) throws -> HTTPClient.Configuration.Proxy? {
        guard let url = configuration.proxyURL else { return nil }
        guard let host = url.host, let scheme = url.scheme?.lowercased() else {
            throw KubeConfigError(
                code: .invalidServerURL, file: nil, field: "proxy-url",
                message: "\(configuration.source): proxy-url \(url) has no host")
        }
        switch scheme {
        case "http", "https":
            if let user = url.user {
                let password = url.password ?? ""
                return .server(
                    host: host, port: url.port ?? 80,
                    authorization: .basic(username: user, password: password))
            }
            return .server(host: host, port: url.port ?? 80)
        case "socks5":
            return .socksServer(host: host, port: url.port ?? 1080)
        default:
            throw KubeConfigError(
                code: .invalidServerURL, file: nil, field: "proxy-url",
                message: "\(configuration.source): proxy-url scheme \(scheme) is not supported (use http, https or socks5)")
        }
    }
}
