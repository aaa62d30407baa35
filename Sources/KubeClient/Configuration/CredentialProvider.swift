import Foundation
import Logging

/// Produces the `Authorization` header for each request, keeping rotating credentials fresh.
///
/// - `.token` and `.basic` are constant.
/// - `.tokenFile` is read at first use, re-read when the last read is older than ``tokenFileMaximumAge`` and after
///   ``invalidate()`` (service-account tokens are rotated by the kubelet).
/// - `.exec` runs the plugin at first use and caches its credential until shortly before its expiration
///   (``execRefreshMargin``) or until ``invalidate()``. Concurrent callers share one run.
///
/// The client calls ``invalidate()`` after a `401 Unauthorized`.
public actor CredentialProvider {
    /// How long a token read from a file is used before the file is read again (client-go uses one minute).
    public static let tokenFileMaximumAge: TimeInterval = 60
    /// How long before its expiration an exec credential is refreshed.
    public static let execRefreshMargin: TimeInterval = 10

    /// The credentials this provider serves.
    public let credentials: Credentials
    let logger: Logger
    let environment: [String: String]
    let now: @Sendable () -> Date
    let runner = ExecPluginRunner()

    struct CachedToken {
        var token: String
        var readAt: Date
    }

    var cachedFileToken: CachedToken?
    var isFileTokenInvalidated = false
    var cachedExecCredential: ExecIssuedCredential?
    var isExecRunning = false
    var execWaiters: [CheckedContinuation<ExecIssuedCredential, any Error>] = []

    /// Creates a provider.
    /// - Parameters:
    ///   - credentials: what to serve, usually ``ClientConfiguration/credentials``. For `.exec`, the cluster given to
    ///     the plugin (when `provideClusterInfo` is set) is ``ExecConfig/cluster``.
    ///   - logger: receives debug and error messages; tokens are never logged.
    ///   - environment: the environment exec plugins inherit (under their own `env`), and the `PATH` used to find them.
    ///   - now: the wall clock, injectable for tests.
    public init(
        credentials: Credentials,
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        self.logger = logger
        self.environment = environment
        self.now = now
    }

    /// Creates a provider for the credentials of `configuration`.
    public init(
        configuration: ClientConfiguration,
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(credentials: configuration.credentials, logger: logger, environment: environment, now: now)
    }

    /// The value of the `Authorization` header (`Bearer …` or `Basic …`), or nil when requests carry none.
    /// - Throws: `KubeConfigError` (`.fileNotFound`/`.unreadable` for a token file; `.execFailed`/`.execInvalidOutput`
    ///   for a plugin), or `CancellationError`.
    public func authorization() async throws -> String? {
        switch credentials {
        case .none:
            return nil
        case .token(let token):
            return "Bearer \(token)"
        case .basic(let username, let password):
            return "Basic \(Data("\(username):\(password)".utf8).base64EncodedString())"
        case .tokenFile(let path):
            return "Bearer \(try fileToken(path: path))"
        case .exec(let config):
            return try await execCredential(config).token.map { "Bearer \($0)" }
        }
    }

    /// The client certificate and key returned by an exec plugin, if it returned any (nil for other credentials).
    /// - Throws: the same errors as ``authorization()``.
    public func execClientCertificate() async throws -> (certificatePEM: [UInt8], keyPEM: [UInt8])? {
        guard case .exec(let config) = credentials else {
            return nil
        }
        let credential = try await execCredential(config)
        guard let certificate = credential.clientCertificatePEM, let key = credential.clientKeyPEM else {
            return nil
        }
        return (certificate, key)
    }

    /// Whether ``invalidate()`` can yield a different credential (a token file or an exec plugin), so that a request
    /// rejected with `401 Unauthorized` is worth retrying once.
    public var canRefresh: Bool {
        switch credentials {
        case .tokenFile, .exec: true
        case .none, .token, .basic: false
        }
    }

    /// Discards the cached credential after the server rejected it: the token file is re-read and the exec plugin
    /// re-run on the next call.
    public func invalidate() {
        switch credentials {
        case .tokenFile:
            isFileTokenInvalidated = true
        case .exec:
            cachedExecCredential = nil
        case .none, .token, .basic:
            break
        }
    }

    private func fileToken(path: String) throws(KubeConfigError) -> String {
        let current = now()
        if let cached = cachedFileToken, !isFileTokenInvalidated,
            current.timeIntervalSince(cached.readAt) < Self.tokenFileMaximumAge
        {
            return cached.token
        }
        do {
            let token = try ConfigurationFiles.readToken(path)
            cachedFileToken = CachedToken(token: token, readAt: current)
            isFileTokenInvalidated = false
            return token
        } catch {
            guard var cached = cachedFileToken else {
                throw error
            }
            // Keep serving the last good token, as client-go does, and retry after the next interval.
            logger.error(
                "Cannot re-read token file, using the previous token",
                metadata: ["token.file": "\(path)", "error": "\(error)"]
            )
            cached.readAt = current
            cachedFileToken = cached
            isFileTokenInvalidated = false
            return cached.token
        }
    }
}
