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
    /// The running application: owned by the server, cancelled and awaited by ``shutdown()``.
    private let serverTask: Task<Void, any Error>

    private init(baseURL: URL, store: FakeOpsgenieStore, serverTask: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.store = store
        self.serverTask = serverTask
    }

    /// Starts a server that accepts `Authorization: GenieKey <apiKey>`.
    ///
    /// - Throws: an error when the server could not start listening.
    public static func start(
        apiKey: String, logger: Logger = FakeOpsgenieServer.quietLogger
    ) async throws -> FakeOpsgenieServer {
        let store = FakeOpsgenieStore(apiKey: apiKey)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: FakeOpsgenieResponder(store: store),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let serverTask = Task {
            defer { portContinuation.finish() }
            try await application.run()
        }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        guard port > 0, let url = URL(string: "http://127.0.0.1:\(port)") else {
            serverTask.cancel()
            let outcome = await serverTask.result
            throw FakeOpsgenieStartError(message: "the fake Opsgenie did not start listening on 127.0.0.1: \(outcome)")
        }
        return FakeOpsgenieServer(baseURL: url, store: store, serverTask: serverTask)
    }

    /// The default logger: only critical messages.
    public static var quietLogger: Logger {
        var logger = Logger(label: "tocsin.fake-opsgenie")
        logger.logLevel = .critical
        return logger
    }

    /// Stops the server and waits until it has stopped.
    public func shutdown() async {
        serverTask.cancel()
        _ = try? await serverTask.value
    }
}

/// The fake Opsgenie could not start.
public struct FakeOpsgenieStartError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// ``message``.
    public var description: String { message }
}
