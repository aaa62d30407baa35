import Foundation
import KubeClient
import KubeCore
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Leader election on a `coordination.k8s.io/v1` Lease with client-go's semantics, so that several replicas
/// of the operator run safely and only one acts.
///
/// The elector acquires the Lease when it is free or expired, renews it every `retryPeriod`, and stops
/// leading when it could not renew within `renewDeadline` — before the lease can expire for the others.
/// Writes are conditional on the resourceVersion: a `409` means someone else wrote, and the elector re-reads.
/// Cancelled or shut down gracefully while leading, it releases the Lease (with `releaseOnCancel`) so that
/// a successor takes over at its next attempt.
///
/// Use it as a `Service` (``run()``) and read ``isLeader`` or ``leadershipChanges()``, or — better — hand
/// it the leader's work with ``runWhileLeader(_:)``, which runs the work only while leading and cancels it
/// as soon as leadership is lost. Exports the gauge `tocsin_leader{lease}` (1 while leading, else 0).
public final class LeaderElector: Service, Sendable {
    /// The Lease, identity and timings this elector competes with.
    public let configuration: LeaderElectionConfiguration
    let client: KubernetesClient
    let clock: LeaderElectionClock
    let currentDate: @Sendable () -> Date
    let logger: Logger
    let machine: Mutex<LeaderElectionStateMachine>
    private let leaderGauge: Gauge
    private let status = Mutex(ElectorState())

    private struct ElectorState {
        var isRunning = false
        var isLeader = false
        var isWaiting = false
        var nextSubscriberID = 0
        var subscribers: [Int: AsyncStream<Bool>.Continuation] = [:]
    }

    /// Creates an elector; it competes once ``run()`` or ``runWhileLeader(_:)`` is called.
    /// - Parameters:
    ///   - configuration: the Lease, identity and timings; validated here.
    ///   - client: the client that reads and writes the Lease.
    ///   - clock: the clock for retry periods and deadlines.
    ///   - logger: receives transitions ("Became leader", "Lost leadership") and failures.
    ///   - metricsFactory: creates the `tocsin_leader` gauge.
    ///   - currentDate: the wall-clock time written to the Lease's `acquireTime` and `renewTime`.
    /// - Throws: ``LeaderElectionError`` `invalidConfiguration` (see ``LeaderElectionConfiguration/validate()``).
    public init(
        configuration: LeaderElectionConfiguration,
        client: KubernetesClient,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "tocsin.leader-election"),
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        currentDate: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.client = client
        self.clock = LeaderElectionClock(clock)
        self.currentDate = currentDate
        var logger = logger
        logger[metadataKey: "lease"] = "\(configuration.namespace)/\(configuration.leaseName)"
        logger[metadataKey: "leader.identity"] = "\(configuration.identity)"
        self.logger = logger
        self.machine = Mutex(LeaderElectionStateMachine(configuration: configuration))
        self.leaderGauge = Gauge(
            label: "tocsin_leader", dimensions: [("lease", configuration.leaseName)], factory: metricsFactory)
        leaderGauge.record(0)
    }

    /// Whether this replica leads now.
    public var isLeader: Bool {
        status.withLock { $0.isLeader }
    }

    /// Whether the election loop sleeps until its next attempt: no request of it is in flight. Tests that
    /// advance a manual clock wait for this.
    package var isWaiting: Bool {
        status.withLock { $0.isWaiting }
    }

    /// The leadership state now, then each change (`true` on becoming leader, `false` on losing it). A slow
    /// reader sees the latest state, not every change. The stream ends when its reader stops iterating.
    public func leadershipChanges() -> AsyncStream<Bool> {
        let (stream, continuation) = AsyncStream<Bool>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = status.withLock { status in
            let id = status.nextSubscriberID
            status.nextSubscriberID += 1
            status.subscribers[id] = continuation
            continuation.yield(status.isLeader)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.status.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Competes for the Lease and holds it while leading, until cancelled or shut down gracefully; then
    /// releases it (with `releaseOnCancel`). Read ``isLeader`` or ``leadershipChanges()`` to act on it.
    /// - Throws: ``LeaderElectionError`` `alreadyRunning` when this elector already runs.
    public func run() async throws {
        // The work of a bare elector is to hold the lease until the service group shuts down.
        try await runWhileLeader { try await gracefulShutdown() }
    }

    /// Competes for the Lease and runs `work` while leading. When leadership is lost, `work` is cancelled
    /// and awaited, and the elector competes again (running `work` anew when it leads again).
    ///
    /// A graceful shutdown stops a candidate at once; a leader keeps renewing while `work` — which sees the
    /// same graceful shutdown — drains and returns, so in-flight work finishes under a valid lease. Returns when
    /// cancelled (cancelling `work` first), or when `work` returns while leading; then the Lease is released
    /// (with `releaseOnCancel`).
    /// - Throws: what `work` throws while leading (after releasing), or ``LeaderElectionError``
    ///   `alreadyRunning` when this elector already runs.
    public func runWhileLeader(_ work: @escaping @Sendable () async throws -> Void) async throws {
        try markRunning()
        defer { status.withLock { $0.isRunning = false } }
        var failure: (any Error)?
        do {
            try await compete(work)
        } catch is CancellationError {
            // Cancelled or shut down gracefully: release below.
        } catch {
            failure = error
        }
        await resign()
        if let failure { throw failure }
    }

    private func markRunning() throws {
        let wasRunning = status.withLock { status in
            defer { status.isRunning = true }
            return status.isRunning
        }
        if wasRunning {
            throw LeaderElectionError(
                code: .alreadyRunning,
                message: "the elector for Lease \(configuration.namespace)/\(configuration.leaseName) "
                    + "already runs; create one elector per election loop")
        }
    }

    /// Records whether the election loop is sleeping until its next attempt.
    func setWaiting(_ isWaiting: Bool) {
        status.withLock { $0.isWaiting = isWaiting }
    }

    /// Records a leadership change: the flag, the gauge and the subscribers.
    func setLeader(_ isLeader: Bool) {
        let subscribers: [AsyncStream<Bool>.Continuation]? = status.withLock { status in
            guard status.isLeader != isLeader else { return nil }
            status.isLeader = isLeader
            return Array(status.subscribers.values)
        }
        guard let subscribers else { return }
        leaderGauge.record(isLeader ? 1 : 0)
        for subscriber in subscribers { subscriber.yield(isLeader) }
    }
}
