import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The shared, lock-protected state of one fake Opsgenie.
final class FakeOpsgenieStore: Sendable {
    let state: Mutex<FakeOpsgenieState>

    init(apiKey: String) {
        state = Mutex(FakeOpsgenieState(apiKey: apiKey))
    }

    func withState<Result>(_ body: (inout FakeOpsgenieState) throws -> Result) rethrows -> Result {
        try state.withLock { try body(&$0) }
    }
}

/// An in-process fake of Opsgenie's Alert API v2 speaking real HTTP on 127.0.0.1 with an ephemeral port.
///
/// It answers like Opsgenie: `Authorization: GenieKey <key>` or 401; JSON bodies checked against the Alert API's
/// limits (422 with an `errors` map); every write `202 Accepted` with a `requestId`, processed at once but
/// reported `404 RequestNotProcessed` for the first ``notProcessedPolls`` status queries. Alerts are kept like
/// Opsgenie keeps them: creating with the alias of an *open* alert increments its `count`; a closed alias gets a
/// new alert; an action on an alias no alert has is accepted, and its request status says it failed.
/// Tests read ``requests`` and ``alerts``, and make requests fail with
/// ``injectFailure(status:count:retryAfter:rateLimitPeriod:message:pathPrefix:)``.
public final class FakeOpsgenieServer: Sendable {
    /// `http://127.0.0.1:<port>`: pass it as the client's base URL.
    public let baseURL: URL
    let store: FakeOpsgenieStore
    private let server: LoopbackHTTPServer

    private init(store: FakeOpsgenieStore, server: LoopbackHTTPServer) {
        self.baseURL = server.baseURL
        self.store = store
        self.server = server
    }

    /// Starts a server that accepts `Authorization: GenieKey <apiKey>`.
    ///
    /// - Throws: ``LoopbackServerStartError`` when the server could not listen on 127.0.0.1.
    public static func start(
        apiKey: String, logger: Logger = FakeOpsgenieServer.quietLogger
    ) async throws -> FakeOpsgenieServer {
        let store = FakeOpsgenieStore(apiKey: apiKey)
        let server = try await LoopbackHTTPServer.start(
            responder: FakeOpsgenieResponder(store: store), name: "the fake Opsgenie", logger: logger)
        return FakeOpsgenieServer(store: store, server: server)
    }

    /// The default logger: only critical messages.
    public static var quietLogger: Logger {
        var logger = Logger(label: "tocsin.fake-opsgenie")
        logger.logLevel = .critical
        return logger
    }

    /// Stops the server and waits until it has stopped.
    public func shutdown() async {
        await server.shutdown()
    }
}
