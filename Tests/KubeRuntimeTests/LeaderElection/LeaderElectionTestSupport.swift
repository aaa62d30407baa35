import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Metrics
import Synchronization
import Testing
import TocsinTesting

/// A fake cluster, a client and a manual clock shared by the electors of one test. Electors started with
/// ``start(_:work:)`` are cancelled and awaited when the test body ends.
final class ElectionHarness: Sendable {
    static let leaseName = "tocsin-leader"
    static let namespace = "default"
    /// The wall-clock time written to leases at manual-clock offset zero.
    static let origin = Date(timeIntervalSince1970: 1_800_000_000)
    static let leasePath = "/apis/coordination.k8s.io/v1/namespaces/default/leases/tocsin-leader"

    let server: FakeAPIServer
    let client: KubernetesClient
    let clock = ManualClock()
    private let tasks = Mutex<[Task<Void, any Error>]>([])

    private init(server: FakeAPIServer, client: KubernetesClient) {
        self.server = server
        self.client = client
    }

    /// Runs `body` with a fresh harness; stops every started elector, the client and the server afterwards.
    static func run(_ body: (ElectionHarness) async throws -> Void) async throws {
        let server = try await FakeAPIServer.start()
        let configuration = ClientConfiguration(server: server.baseURL, qps: 0, source: "test")
        let client: KubernetesClient
        do {
            client = try KubernetesClient(configuration: configuration, maximumRetries: 0, connectTimeout: .seconds(2))
        } catch {
            await server.shutdown()
            throw error
        }
        let harness = ElectionHarness(server: server, client: client)
        var failure: (any Error)?
        do { try await body(harness) } catch { failure = error }
        await harness.stopAll()
        try? await client.shutdown()
        await server.shutdown()
        if let failure { throw failure }
    }

    /// An elector with client-go's default timings, writing wall-clock times derived from the manual clock.
    func makeElector(
        _ identity: String, releaseOnCancel: Bool = true, metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) throws -> LeaderElector {
        let configuration = LeaderElectionConfiguration(
            leaseName: Self.leaseName, namespace: Self.namespace, identity: identity,
            releaseOnCancel: releaseOnCancel)
        let clock = clock
        var logger = Logger(label: "test.leader-election")
        logger.logLevel = .critical
        return try LeaderElector(
            configuration: configuration, client: client, clock: clock, logger: logger,
            metricsFactory: metricsFactory, currentDate: { Self.date(at: clock.now.offset) })
    }

    /// Starts `elector` (with `work` while leading, else as a plain service) in a task the harness owns.
    @discardableResult
    func start(_ elector: LeaderElector, work: (@Sendable () async throws -> Void)? = nil) -> Task<Void, any Error> {
        let task = Task {
            if let work { try await elector.runWhileLeader(work) } else { try await elector.run() }
        }
        tasks.withLock { $0.append(task) }
        return task
    }

    /// Runs `elector` with `work` until it returns (polling, bounded); `nil` when it did not return in time
    /// (its task is then cancelled with the others when the test ends).
    func runToEnd(
        _ elector: LeaderElector, work: @escaping @Sendable () async throws -> Void
    ) async throws -> Result<Void, any Error>? {
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let task = Task<Void, any Error> {
            do {
                try await elector.runWhileLeader(work)
                outcome.withLock { $0 = .success(()) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
        }
        tasks.withLock { $0.append(task) }
        _ = try await Self.poll { outcome.withLock { $0 != nil } }
        return outcome.withLock { $0 }
    }

    private func stopAll() async {
        let running = tasks.withLock { $0 }
        for task in running { task.cancel() }
        for task in running { _ = await task.result }
    }

    /// The wall-clock time written to a lease at `offset` on the manual clock.
    static func date(at offset: Duration) -> Date {
        let parts = offset.components
        return origin.addingTimeInterval(Double(parts.seconds) + Double(parts.attoseconds) / 1e18)
    }

    /// The stored lease's spec, as the fake API server holds it.
    var leaseSpec: FakeJSON? {
        server.object(.leases, namespace: Self.namespace, name: Self.leaseName)?["spec"]
    }

    /// `spec.holderIdentity` of the stored lease.
    var holder: String? { leaseSpec?["holderIdentity"]?.stringValue }

    /// `spec.leaseTransitions` of the stored lease.
    var transitions: Int64? { leaseSpec?["leaseTransitions"]?.integerValue }

    /// The stored lease's `spec.renewTime` or `spec.acquireTime`, decoded.
    func time(_ field: String) -> Date? {
        guard let text = leaseSpec?[field]?.stringValue else { return nil }
        let json = Data("\"\(text)\"".utf8)
        return (try? KubeJSON.makeDecoder().decode(MicroTime.self, from: json))?.date
    }

    /// Waits until every elector sleeps until its next attempt (no request in flight) and exactly that many
    /// sleepers are on the clock; records a test issue when they do not settle.
    func settle(_ electors: [LeaderElector], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let settled = try await Self.poll {
            electors.allSatisfy(\.isWaiting) && clock.sleeperCount == electors.count
        }
        #expect(settled, "electors did not settle on the manual clock", sourceLocation: sourceLocation)
    }

    /// Polls `condition` (every 10 ms, at most `attempts` times: HTTP on loopback takes real time); returns
    /// whether it became true.
    static func poll(attempts: Int = 800, _ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<attempts {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    /// Advances the manual clock by `duration`, then waits for `electors` to settle again.
    func advance(
        by duration: Duration, settling electors: [LeaderElector], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        clock.advance(by: duration)
        try await settle(electors, sourceLocation: sourceLocation)
    }
}


/// Work for `runWhileLeader` that records how often it started and was cancelled.
final class LeaderWorkLog: Sendable {
    private let counts = Mutex((started: 0, cancelled: 0))

    var started: Int { counts.withLock { $0.started } }
    var cancelled: Int { counts.withLock { $0.cancelled } }

    /// Runs until cancelled.
    @Sendable func work() async throws {
        counts.withLock { $0.started += 1 }
        let (never, _) = AsyncStream<Never>.makeStream()
        for await _ in never {}
        counts.withLock { $0.cancelled += 1 }
        throw CancellationError()
    }
}
