import TocsinEngine
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the HTTP probes of every Monitor while its ``run()`` runs (the operator runs it on the leader only).
///
/// Each target is checked every interval; its first check is spread over the interval by a stable offset
/// (``ProbeTarget/firstCheckOffset``). At most ``maximumConcurrency`` checks are in flight. One scheduler loop
/// and a bounded task group do the work: no task outlives ``run()``.
public final class ProbeRunner: Service, Sendable {
    /// The default limit on checks in flight: 16.
    public static let defaultMaximumConcurrency = 16

    struct State: Sendable {
        var schedule: ProbeSchedule
        var states: [ProbeTarget.ID: ProbeState] = [:]
        var wakeup: AsyncStream<Void>.Continuation?
    }

    /// The most checks in flight at once.
    public let maximumConcurrency: Int
    let clock: any Clock<Duration>
    let elapsed: @Sendable () -> Duration
    let logger: Logger
    let onResult: @Sendable (ProbeTarget.ID, ProbeResult) -> Void
    let state: Mutex<State>

    /// Creates a runner with no targets.
    ///
    /// - Parameters:
    ///   - maximumConcurrency: the most checks in flight at once (at least 1).
    ///   - clock: the clock the scheduler waits on.
    ///   - logger: where check failures are logged (at debug level).
    ///   - onResult: called with every new result, from the checking task.
    public init(
        maximumConcurrency: Int = ProbeRunner.defaultMaximumConcurrency,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "tocsin.probes"),
        onResult: @escaping @Sendable (ProbeTarget.ID, ProbeResult) -> Void = { _, _ in }
    ) {
        self.maximumConcurrency = max(maximumConcurrency, 1)
        self.clock = clock
        self.elapsed = Self.makeElapsed(clock)
        self.logger = logger
        self.onResult = onResult
        self.state = Mutex(State(schedule: ProbeSchedule(maximumConcurrency: maximumConcurrency)))
    }

    /// Replaces the set of targets: new and changed ones are scheduled (first check spread over the interval),
    /// removed ones stop and their results are forgotten.
    public func update(targets: [ProbeTarget]) {
        let now = elapsed()
        let wakeup = state.withLock { state in
            let stale = state.schedule.update(targets: targets, now: now)
            for id in stale { state.states[id] = nil }
            return state.wakeup
        }
        wakeup?.yield()
    }

    /// The scheduled targets, ordered by identifier.
    public var targets: [ProbeTarget] {
        state.withLock { $0.schedule.targets }
    }

    /// The latest result of the target `id`, or `nil` before its first check.
    public func result(for id: ProbeTarget.ID) -> ProbeResult? {
        state.withLock { $0.states[id]?.result }
    }

    /// The latest result of every checked target.
    public func results() -> [ProbeTarget.ID: ProbeResult] {
        state.withLock { $0.states.compactMapValues(\.result) }
    }

    /// Checks targets until the task is cancelled or a graceful shutdown begins.
    ///
    /// - Throws: the HTTP client's error when it cannot shut down.
    public func run() async throws {
        let (stream, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        state.withLock { $0.wakeup = wakeup }
        let checker = ProbeChecker()
        logger.debug("Starting probe runner", metadata: ["probes.maximumConcurrency": "\(maximumConcurrency)"])
        await cancelWhenGracefulShutdown {
            await self.schedule(wakeups: stream, wakeup: wakeup, checker: checker)
        }
        state.withLock { $0.wakeup = nil }
        wakeup.finish()
        try await checker.shutdown()
        logger.debug("Stopped probe runner")
    }
}
