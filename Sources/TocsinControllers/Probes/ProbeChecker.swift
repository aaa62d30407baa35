import TocsinEngine
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Runs one HTTP check of a ``ProbeTarget``. Owns two clients: one verifying TLS certificates (used by default) and
/// one that skips verification, used only for targets that set `tlsInsecureSkipVerify`. Redirects are not followed.
struct ProbeChecker: Sendable {
    /// The most bytes of a body read to look for `bodyContains`: 64 KiB.
    static let maximumBodyBytes = 64 * 1024

    private let verifyingClient: HTTPClient
    private let insecureClient: HTTPClient

    /// Creates the clients on the shared event loop group; call ``shutdown()`` when done.
    init() {
        var verifying = HTTPClient.Configuration(redirectConfiguration: .disallow)
        verifying.tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        var insecure = verifying
        var insecureTLS = TLSConfiguration.makeClientConfiguration()
        insecureTLS.certificateVerification = .none
        insecure.tlsConfiguration = insecureTLS
        verifyingClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: verifying)
        insecureClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: insecure)
    }

    /// Shuts both clients down.
    ///
    /// - Throws: the client's error when it cannot shut down.
    func shutdown() async throws {
        try await verifyingClient.shutdown()
        try await insecureClient.shutdown()
    }

    /// Checks `target` once, within its timeout. Never throws: every failure is a down outcome with a message.
    func check(_ target: ProbeTarget) async -> ProbeOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let request = Self.request(for: target)
        let client = target.tlsInsecureSkipVerify ? insecureClient : verifyingClient
        let prefix = "\(target.method.rawValue) \(target.redactedURL)"
        var statusCode: Int?
        var reason: String?
        do {
            // The client's deadline ends connecting and waiting for the response head, and reports why (a refused
            // connection is retried until then); the race, a little later so it never pre-empts that report, also
            // bounds reading the body.
            let deadline = NIODeadline.now() + .nanoseconds(Self.nanoseconds(target.timeout))
            (statusCode, reason) = try await Self.withTimeout(target.timeout + Self.bodyGrace) {
                let response = try await client.execute(request, deadline: deadline)
                var body: String?
                if target.bodyContains != nil, target.method == .get {
                    body = try await Self.readPrefix(of: response.body)
                }
                let code = Int(response.status.code)
                return (code, target.failureReason(statusCode: code, body: body))
            }
        } catch {
            reason = Self.describe(error, timeout: target.timeout)
        }
        return ProbeOutcome(
            statusCode: statusCode, latency: start.duration(to: clock.now), checkedAt: Date(),
            error: reason.map { "\(prefix): \($0)" })
    }

    /// How much longer than the probe's timeout the hard race waits, so the client's own deadline (with its
    /// precise reason, e.g. "connection refused") always ends a check that never got a response head first.
    static let bodyGrace: Duration = .milliseconds(250)

    /// The result of `operation`, or ``Timeout`` when it takes longer than `timeout` (it is then cancelled).
    static func withTimeout<Value: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw Timeout() }
            return value
        }
    }

    /// A check that did not finish within its timeout.
    struct Timeout: Error {}

    /// The request of one check.
    static func request(for target: ProbeTarget) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: target.url)
        request.method = target.method == .head ? .HEAD : .GET
        return request
    }

    /// Reads at most ``maximumBodyBytes`` of `body` as UTF-8 (invalid bytes replaced); the rest is not read.
    static func readPrefix(of body: HTTPClientResponse.Body) async throws -> String {
        var collected = ByteBuffer()
        for try await chunk in body {
            let room = maximumBodyBytes - collected.readableBytes
            if let slice = chunk.getSlice(at: chunk.readerIndex, length: min(room, chunk.readableBytes)) {
                collected.writeImmutableBuffer(slice)
            }
            if collected.readableBytes >= maximumBodyBytes { break }
        }
        return String(decoding: collected.readableBytesView, as: UTF8.self)
    }

    /// A short message for a failed request: no URL, no credentials.
    static func describe(_ error: any Error, timeout: Duration) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return "timed out after \(timeout)"
            case .connectTimeout:
                return "connect timed out"
            default:
                return "request failed: \(error)"
            }
        }
        if error is Timeout { return "timed out after \(timeout)" }
        if error is CancellationError { return "check cancelled" }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "TLS certificate verification failed (tlsInsecureSkipVerify is for self-signed endpoints only)"
        }
        if error is NIOSSLError { return "TLS handshake failed" }
        if text.contains("ECONNREFUSED") || text.lowercased().contains("connection refused") {
            return "connection refused"
        }
        return "request failed: \(text.prefix(200))"
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
