import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// The shared, lock-protected state of one fake cluster.
final class ClusterStore: Sendable {
    let state = Mutex(ClusterState())
    /// Holds back the delivery of watch events while closed (``FakeAPIServer/holdWatchEvents()``).
    let watchGate = WatchGate()

    func withState<Result>(_ body: (inout ClusterState) throws -> Result) rethrows -> Result {
        try state.withLock { try body(&$0) }
    }
}

/// An in-process fake kube-apiserver speaking real HTTP(S) on 127.0.0.1 with an ephemeral port.
///
/// It follows the real API's semantics: one global resourceVersion, conflicts on stale updates, the status
/// subresource, merge/JSON/apply patches, finalizers, list pagination with consistent snapshots, watches
/// with history replay, bookmarks and `410 Gone`, and `Status` error bodies. Tests reach the store directly
/// (``create(_:_:)`` and friends) and steer it with hooks (``compact()``, ``dropWatches()``,
/// ``injectFailure(method:pathPrefix:status:reason:message:retryAfter:count:)``).
public final class FakeAPIServer: Sendable {
    /// `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`.
    public let baseURL: URL
    let store: ClusterStore
    /// The running application. This is the one unstructured task of the target: it is owned by the server,
    /// cancelled and awaited by ``shutdown()``, so it never outlives its owner's use.
    private let serverTask: Task<Void, any Error>

    private init(baseURL: URL, store: ClusterStore, serverTask: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.store = store
        self.serverTask = serverTask
    }

    /// Starts a server with the built-in resources and the namespaces `default`, `kube-system`,
    /// `kube-public` and `kube-node-lease`.
    /// - Parameter tls: serve HTTPS; with a client CA, client certificates are required.
    /// - Throws: `FakeAPIError` 500 when the server could not bind, or the TLS configuration error.
    public static func start(
        tls: TLSOptions? = nil, logger: Logger = FakeAPIServer.quietLogger
    ) async throws -> FakeAPIServer {
        let store = ClusterStore()
        let responder = FakeAPIResponder(store: store, isClientCertificateAuthentication: tls?.clientCARootPEM != nil)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        let onServerRunning: @Sendable (any Channel) async -> Void = { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        }
        let application: Application<FakeAPIResponder>
        if let tls {
            application = Application(
                responder: responder, server: try .tls(.http1(), tlsConfiguration: try Self.tlsConfiguration(tls)),
                configuration: configuration, onServerRunning: onServerRunning, logger: logger)
        } else {
            application = Application(
                responder: responder, configuration: configuration, onServerRunning: onServerRunning, logger: logger)
        }
        let serverTask = Task {
            defer { portContinuation.finish() }
            try await application.run()
        }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        guard port > 0, let url = URL(string: "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)") else {
            serverTask.cancel()
            let outcome = await serverTask.result
            throw FakeAPIError(
                code: 500, reason: "InternalError",
                message: "the fake API server did not start listening on 127.0.0.1: \(outcome)")
        }
        return FakeAPIServer(baseURL: url, store: store, serverTask: serverTask)
    }

    /// The default logger: only critical messages (cancelling connections at shutdown logs errors otherwise).
    public static var quietLogger: Logger {
        var logger = Logger(label: "tocsin.fake-apiserver")
        logger.logLevel = .critical
        return logger
    }

    /// Ends every watch and stops the server; waits until it has stopped.
    public func shutdown() async {
        dropWatches()
        serverTask.cancel()
        _ = try? await serverTask.value
    }

    static func tlsConfiguration(_ options: TLSOptions) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(options.certificateChainPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(options.privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        if let clientCA = options.clientCARootPEM {
            let roots = try NIOSSLCertificate.fromPEMBytes(Array(clientCA.utf8))
            configuration.trustRoots = .certificates(roots)
            configuration.certificateVerification = .noHostnameVerification
        }
        return configuration
    }
}
