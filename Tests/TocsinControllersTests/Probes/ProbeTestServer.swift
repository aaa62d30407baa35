import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TocsinAPI
import TocsinControllers

/// What the probe test server saw, and the status its `/status` route answers with.
final class ProbeServerRecorder: Sendable {
    struct Counts: Sendable {
        var methods: [String] = []
        var hits: [String: Int] = [:]
        var inFlight = 0
        var maximumInFlight = 0
        var statusCode = 200
    }

    let counts = Mutex(Counts())

    var methods: [String] { counts.withLock { $0.methods } }
    var maximumInFlight: Int { counts.withLock { $0.maximumInFlight } }
    func hits(_ name: String) -> Int { counts.withLock { $0.hits[name] ?? 0 } }
    func setStatusCode(_ code: Int) { counts.withLock { $0.statusCode = code } }
}

/// A Hummingbird server on 127.0.0.1 with an ephemeral port and the routes the probe tests use.
struct ProbeTestServer: Sendable {
    let baseURL: String
    let recorder: ProbeServerRecorder

    /// A target named `name` for `path` on this server.
    func target(
        _ name: String, path: String, method: HTTPProbe.Method = .get, interval: Duration = .seconds(10),
        timeout: Duration = .seconds(5), expectedStatus: [Int] = [200], bodyContains: String? = nil
    ) -> ProbeTarget {
        ProbeTarget(
            id: .init(namespace: "default", monitor: "web", probe: name), url: baseURL + path, method: method,
            interval: interval, timeout: timeout, expectedStatus: expectedStatus, bodyContains: bodyContains)
    }
}

/// Runs `body` with a probe test server, stopping the server afterwards.
func withProbeServer<T: Sendable>(_ body: @Sendable (ProbeTestServer) async throws -> T) async throws -> T {
    let recorder = ProbeServerRecorder()
    let router = Router()
    router.get("/ok") { _, _ in "hello ok" }
    router.get("/no-content") { _, _ in Response(status: .noContent) }
    router.get("/status") { _, _ in
        Response(status: HTTPResponse.Status(code: recorder.counts.withLock { $0.statusCode }))
    }
    router.get("/slow") { _, _ -> String in
        try await Task.sleep(for: .seconds(1))
        return "late"
    }
    router.get("/slow-body") { _, _ -> Response in
        Response(status: .ok, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "start "))
            try await Task.sleep(for: .seconds(4))
            try await writer.write(ByteBuffer(string: "ready"))
            try await writer.finish(nil)
        })
    }
    router.get("/redirect") { _, _ in Response(status: .found, headers: [.location: "/ok"]) }
    router.get("/method") { request, _ -> Response in
        recorder.counts.withLock { $0.methods.append(request.method.rawValue) }
        return Response(status: .ok)
    }
    router.head("/method") { request, _ -> Response in
        recorder.counts.withLock { $0.methods.append(request.method.rawValue) }
        return Response(status: .ok)
    }
    router.get("/hits/{name}") { _, context -> Response in
        let name = context.parameters.get("name") ?? ""
        recorder.counts.withLock { $0.hits[name, default: 0] += 1 }
        return Response(status: .ok)
    }
    router.get("/concurrent") { _, _ -> Response in
        recorder.counts.withLock { counts in
            counts.inFlight += 1
            counts.maximumInFlight = max(counts.maximumInFlight, counts.inFlight)
        }
        try? await Task.sleep(for: .milliseconds(30))
        recorder.counts.withLock { $0.inFlight -= 1 }
        return Response(status: .ok)
    }
    var quietLogger = Logger(label: "probe-test-server")
    quietLogger.logLevel = .critical
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let application = Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: quietLogger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { portContinuation.finish() }
            try await application.runService()
        }
        var port = 0
        for await value in ports { port = value }
        guard port > 0 else { throw ProbeTestError.serverDidNotStart }
        defer { group.cancelAll() }
        return try await body(ProbeTestServer(baseURL: "http://127.0.0.1:\(port)", recorder: recorder))
    }
}

/// Failures of the test harness itself.
enum ProbeTestError: Error {
    case serverDidNotStart
}

/// Polls `condition` every 10 ms, at most `attempts` times; returns whether it became true.
func eventually(attempts: Int = 500, _ condition: () -> Bool) async -> Bool {
    for _ in 0..<attempts {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
