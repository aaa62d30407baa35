import KubeCore
import Logging
import Metrics
import ServiceLifecycle

/// Runs a ``Reconciler`` for the keys its watches enqueue: `concurrency` workers take keys from a
/// de-duplicating work queue (one key is never reconciled twice at once), failures are retried with per-key
/// backoff (a `409 Conflict` quietly, at debug level: the object changed while it was reconciled), ``ReconcileResult/requeue(after:)`` schedules the next run, and an optional periodic resync
/// enqueues every key again.
///
/// Events reach the controller through handlers made by ``handler(predicate:map:)`` and registered on informer
/// subscriptions. On graceful shutdown the controller takes no new keys, lets in-flight reconciles finish for up
/// to `drainTimeout`, then cancels them.
public final class Controller: Service, Sendable {
    /// The controller's name: the `controller` dimension of its metrics and the queue's name.
    public let name: String
    /// The queue of keys; handlers add to it, workers take from it.
    public let queue: WorkQueue<ObjectKey>
    /// How many keys are reconciled at once (different keys only).
    public let concurrency: Int
    /// Every key returned by `resyncKeys` is enqueued this often; nil disables resync.
    public let resyncPeriod: Duration?
    /// How long in-flight reconciles may run after a graceful shutdown begins.
    public let drainTimeout: Duration

    let reconciler: any Reconciler
    let resyncKeys: @Sendable () -> [ObjectKey]
    let clock: any Clock<Duration>
    let logger: Logger
    let metrics: ControllerMetrics

    /// Creates a controller.
    /// - Parameters:
    ///   - resyncKeys: the keys a resync enqueues, typically the primary store's `keys()`.
    public init(
        name: String,
        reconciler: any Reconciler,
        concurrency: Int = 1,
        resyncPeriod: Duration? = nil,
        resyncKeys: @escaping @Sendable () -> [ObjectKey] = { [] },
        drainTimeout: Duration = .seconds(10),
        backoff: ExponentialBackoff = ExponentialBackoff(),
        clock: any Clock<Duration> = ContinuousClock(),
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "tocsin.controller")
    ) {
        var logger = logger
        logger[metadataKey: "controller"] = .string(name)
        self.name = name
        self.reconciler = reconciler
        self.concurrency = max(1, concurrency)
        self.resyncPeriod = resyncPeriod
        self.resyncKeys = resyncKeys
        self.drainTimeout = drainTimeout
        self.clock = clock
        self.logger = logger
        self.metrics = ControllerMetrics(controller: name, factory: metricsFactory)
        self.queue = WorkQueue(
            name: name, backoff: backoff, clock: clock, metricsFactory: metricsFactory, logger: logger)
    }

    private enum Child {
        case workersFinished, drainExpired, other
    }

    /// Runs the queue's scheduler, the workers and the resync loop until cancelled or shut down gracefully.
    public func run() async throws {
        logger.info("Starting controller", metadata: ["controller.concurrency": "\(concurrency)"])
        try await withThrowingTaskGroup(of: Child.self) { group in
            group.addTask {
                try await self.queue.run()
                return .other
            }
            group.addTask {
                await withTaskGroup(of: Void.self) { workers in
                    for _ in 0..<self.concurrency {
                        workers.addTask { await self.work() }
                    }
                }
                return .workersFinished
            }
            if let resyncPeriod {
                group.addTask {
                    try await self.resync(every: resyncPeriod)
                    return .other
                }
            }
            group.addTask {
                try await gracefulShutdown()
                try await self.clock.sleep(for: self.drainTimeout)
                return .drainExpired
            }
            while let child = try await group.next() {
                switch child {
                case .workersFinished:
                    group.cancelAll()
                    logger.info("Stopped controller")
                    return
                case .drainExpired:
                    logger.warning("Reconciles still running at the drain deadline; cancelling them")
                    group.cancelAll()
                case .other:
                    continue
                }
            }
        }
    }

    /// One worker: reconciles keys until the queue shuts down or the task is cancelled.
    private func work() async {
        while let key = await queue.next() {
            if queue.isShuttingDown {
                // Shutting down: finish what is in flight, start nothing new. A successor resyncs.
                queue.done(key)
                return
            }
            await process(key)
        }
    }

    private func process(_ key: ObjectKey) async {
        // Durations are real elapsed time, whatever clock schedules the queue.
        let start = ContinuousClock.now
        defer {
            metrics.duration.recordNanoseconds((ContinuousClock.now - start).nanosecondsClamped)
            queue.done(key)
        }
        do {
            let result = try await reconciler.reconcile(key)
            queue.forget(key)
            switch result {
            case .done:
                metrics.count(result: "success")
            case .requeue(let after):
                metrics.count(result: "requeue_after")
                _ = queue.add(key, after: after)
            }
        } catch let error as TerminalReconcileError {
            queue.forget(key)
            metrics.count(result: "error")
            metrics.errors.increment()
            logger.error(
                "Reconcile failed; not retrying until the object changes",
                metadata: ["object": "\(key)", "error": "\(error)"])
        } catch is CancellationError {
            metrics.count(result: "cancelled")
        } catch let error as KubeAPIError where error.isConflict {
            // Another writer changed the object since it was read (an optimistic-concurrency 409): expected when
            // several components write one object, not a failure. Reconcile again from a fresh read, with the
            // per-key backoff so a hot object cannot spin.
            metrics.count(result: "conflict")
            let retried = queue.retry(key)
            logger.debug(
                "Object changed during reconcile; requeued",
                metadata: ["object": "\(key)", "error": "\(error)", "retry.queued": "\(retried)"])
        } catch {
            metrics.count(result: "error")
            metrics.errors.increment()
            let retried = queue.retry(key)
            logger.warning(
                "Reconcile failed; retrying with backoff",
                metadata: [
                    "object": "\(key)", "error": "\(error)", "retry.count": "\(queue.retryCount(of: key))",
                    "retry.queued": "\(retried)",
                ])
        }
    }

    private func resync(every period: Duration) async throws {
        while !Task.isCancelled {
            try await clock.sleep(for: period)
            for key in resyncKeys() { _ = queue.add(key) }
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, clamped to `Int64`.
    var nanosecondsClamped: Int64 {
        let parts = components
        let (seconds, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return parts.seconds < 0 ? .min : .max }
        return seconds.addingReportingOverflow(parts.attoseconds / 1_000_000_000).overflow
            ? .max : seconds + parts.attoseconds / 1_000_000_000
    }
}
