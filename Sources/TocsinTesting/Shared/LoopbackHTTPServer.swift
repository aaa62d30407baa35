import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// A Hummingbird application serving plain HTTP on 127.0.0.1 with an ephemeral port, for the fakes of vendors
/// (Slack, Opsgenie): started with ``start(responder:name:logger:)``, stopped with ``shutdown()``.
final class LoopbackHTTPServer: Sendable {
    /// `http://127.0.0.1:<port>`.
    let baseURL: URL
    /// The running application: owned by the server, cancelled and awaited by ``shutdown()``.
    private let serverTask: Task<Void, any Error>

    private init(baseURL: URL, serverTask: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.serverTask = serverTask
    }

    /// Starts `responder` and returns once it listens.
    /// - Throws: ``LoopbackServerStartError`` naming `name` when it could not listen on 127.0.0.1.
    static func start<Responder: HTTPResponder>(
        responder: Responder, server: HTTPServerBuilder = .http1(), name: String, logger: Logger
    ) async throws -> LoopbackHTTPServer
    where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: responder,
            server: server,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        // A test kit's server outlives this call by design: the task is owned by the returned value.
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
            throw LoopbackServerStartError(message: "\(name) did not start listening on 127.0.0.1: \(outcome)")
        }
        return LoopbackHTTPServer(baseURL: url, serverTask: serverTask)
    }

    /// Stops the server and waits until it has stopped.
    func shutdown() async {
        serverTask.cancel()
        _ = try? await serverTask.value
    }
}

/// A fake server could not start.
public struct LoopbackServerStartError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public var message: String
    /// ``message``.
    public var description: String { message }
}
