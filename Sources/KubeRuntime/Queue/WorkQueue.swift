import Logging
import Metrics
import Synchronization

/// A de-duplicating, rate-limited work queue of keys, as controllers use between informers and reconcilers.
///
/// - A key added several times while it waits is handed out once.
/// - A key is never handed out to two consumers at once: a key added while it is being processed is queued
///   again when the consumer calls ``done(_:)``.
/// - ``add(_:after:)`` and ``retry(_:)`` delay a key on the injected clock; when a key is added several
///   times, the earliest time wins. Delayed keys are moved to ready by one scheduler loop, ``run()``, which
///   must be running (as a `Service` or a child task) for delayed adds to fire.
/// - The queue holds at most `capacity` distinct waiting keys; beyond that an add returns `false` and
///   counts `tocsin_workqueue_dropped_total`.
///
/// `add` is synchronous, so informer event handlers can call it directly. Consumers loop over ``next()``
/// and call ``done(_:)`` for every key they receive, then ``forget(_:)`` on success or ``retry(_:)`` on
/// failure.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    /// The name of the queue: the `queue` dimension of its metrics.
    public let name: String

    let state: Mutex<WorkQueueState<Key>>
    let clock: WorkQueueClock
    let logger: Logger

    /// Creates a queue.
    /// - Parameters:
    ///   - name: the `queue` dimension of the metrics, e.g. the controller's name.
    ///   - capacity: the most distinct keys that may wait (ready, delayed, or re-added while processing).
    ///   - backoff: the per-key delays of ``retry(_:)``.
    ///   - clock: the clock delays are measured on.
    ///   - metricsFactory: where the `tocsin_workqueue_*` metrics are created.
    ///   - logger: logs dropped keys and the scheduler's lifecycle.
    public init(
        name: String,
        capacity: Int = 100_000,
        backoff: ExponentialBackoff = ExponentialBackoff(),
        clock: any Clock<Duration> = ContinuousClock(),
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "tocsin.workqueue")
    ) {
        self.name = name
        self.clock = WorkQueueClock(clock)
        var logger = logger
        logger[metadataKey: "queue"] = .string(name)
        self.logger = logger
        let metrics = WorkQueueMetrics(queue: name, factory: metricsFactory)
        metrics.depth.record(0)
        state = Mutex(WorkQueueState(capacity: capacity, backoff: backoff, metrics: metrics))
    }

    /// The most distinct keys that may wait.
    public var capacity: Int { state.withLock { $0.capacity } }

    /// Keys ready to be handed out now (the `tocsin_workqueue_depth` gauge).
    public var readyCount: Int { state.withLock { $0.readyCount } }

    /// Keys waiting for their delay to pass.
    public var delayedCount: Int { state.withLock { $0.deadlines.count } }

    /// Keys handed out and not yet marked ``done(_:)``.
    public var processingCount: Int { state.withLock { $0.processing.count } }

    /// Whether ``shutDown()`` was called.
    public var isShuttingDown: Bool { state.withLock { $0.isShuttingDown } }

    /// How many times `key` was retried since it was last forgotten.
    public func retryCount(of key: Key) -> Int {
        state.withLock { $0.retryCount(of: key) }
    }

    /// Adds `key` now; a pending delayed add of it is superseded.
    /// - Returns: `false` when the key was refused: the queue is at capacity or shutting down.
    @discardableResult
    public func add(_ key: Key) -> Bool {
        apply { state, now, wakeups in state.add(key, now: now, wakeups: &wakeups) }
    }

    /// Adds `key` once `delay` has passed on the queue's clock, unless it is due sooner already.
    /// - Returns: `false` when the key was refused: the queue is at capacity or shutting down.
    @discardableResult
    public func add(_ key: Key, after delay: Duration) -> Bool {
        apply { state, now, wakeups in state.add(key, after: delay, now: now, wakeups: &wakeups) }
    }

    /// Adds `key` after its exponential backoff (see ``ExponentialBackoff``), which grows with every retry
    /// until ``forget(_:)`` is called.
    /// - Returns: `false` when the key was refused: the queue is at capacity or shutting down.
    @discardableResult
    public func retry(_ key: Key) -> Bool {
        apply { state, now, wakeups in state.retry(key, now: now, wakeups: &wakeups) }
    }

    /// Resets the backoff of `key`; call it when the key was processed successfully.
    public func forget(_ key: Key) {
        state.withLock { $0.forget(key) }
    }

    /// Marks the processing of `key` as finished; if it was added meanwhile, it becomes ready again.
    public func done(_ key: Key) {
        let now = clock.now()
        var wakeups = WorkQueueState<Key>.Wakeups()
        state.withLock { $0.done(key, now: now, wakeups: &wakeups) }
        wakeups.resume()
    }

    /// Waits for the next ready key and marks it as being processed; call ``done(_:)`` when finished.
    ///
    /// - Returns: the key, or `nil` once the queue is shut down and nothing is ready, or when the calling
    ///   task is cancelled.
    public func next() async -> Key? {
        if Task.isCancelled { return nil }
        let id = state.withLock { $0.reserveWaiter() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let now = clock.now()
                let answer = state.withLock { $0.next(id: id, continuation: continuation, now: now) }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            state.withLock { $0.cancelWaiter(id) }?.resume(returning: nil)
        }
    }

    /// Refuses new keys and drops delayed ones; keys already ready are still handed out, after which
    /// ``next()`` returns `nil`. Idempotent.
    public func shutDown() {
        var wakeups = WorkQueueState<Key>.Wakeups()
        state.withLock { $0.shutDown(wakeups: &wakeups) }
        wakeups.resume()
    }

    private func apply(
        _ body: (inout WorkQueueState<Key>, Duration, inout WorkQueueState<Key>.Wakeups) -> WorkQueueState<Key>.AddOutcome
    ) -> Bool {
        let now = clock.now()
        var wakeups = WorkQueueState<Key>.Wakeups()
        let outcome = state.withLock { body(&$0, now, &wakeups) }
        wakeups.resume()
        switch outcome {
        case .accepted:
            return true
        case .dropped:
            logger.debug("Dropped a key: the work queue is full", metadata: ["queue.capacity": "\(capacity)"])
            return false
        case .shuttingDown:
            return false
        }
    }
}
