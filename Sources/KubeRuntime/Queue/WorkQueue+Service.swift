import ServiceLifecycle

/// The scheduler loop that moves delayed keys to ready, and draining.
extension WorkQueue: Service {
    /// Runs the scheduler: sleeps on the queue's clock until the earliest delayed key is due, moves due keys
    /// to ready, and repeats. Run exactly one per queue.
    ///
    /// Returns when the task is cancelled or the queue is shut down; a graceful shutdown of the service
    /// group shuts the queue down (ready keys are still handed out, delayed ones are dropped).
    public func run() async throws {
        logger.debug("Starting work queue scheduler")
        await withGracefulShutdownHandler {
            await schedule()
        } onGracefulShutdown: {
            self.shutDown()
        }
        logger.debug("Stopped work queue scheduler")
    }

    /// Shuts the queue down, then waits until every key handed out has been marked done, or `timeout` has
    /// passed on the queue's clock, or the calling task is cancelled.
    /// - Returns: whether all in-flight keys were done in time.
    @discardableResult
    public func shutDownAndDrain(timeout: Duration) async -> Bool {
        shutDown()
        let id = state.withLock { $0.reserveDrainWaiter() }
        let deadline = clock.now() + timeout
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let isWaiting = self.state.withLock { $0.addDrainWaiter(id: id, continuation) }
                        if !isWaiting { continuation.resume() }
                    }
                } onCancel: {
                    self.state.withLock { $0.cancelDrainWaiter(id: id) }?.resume()
                }
                return self.state.withLock { $0.processing.isEmpty }
            }
            group.addTask {
                try? await self.clock.sleep(deadline)
                return false
            }
            let drained = await group.next() ?? false
            group.cancelAll()
            return drained
        }
    }

    private func schedule() async {
        while !Task.isCancelled {
            let now = clock.now()
            var wakeups = WorkQueueState<Key>.Wakeups()
            let (deadline, isShuttingDown) = state.withLock { state in
                (state.promoteDueKeys(now: now, wakeups: &wakeups), state.isShuttingDown)
            }
            wakeups.resume()
            if isShuttingDown { return }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.waitForScheduleChange() }
                if let deadline {
                    group.addTask { try? await self.clock.sleep(deadline) }
                }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Suspends until an add makes an earlier deadline, the queue shuts down, or the task is cancelled.
    private func waitForScheduleChange() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let isParked = state.withLock { $0.parkScheduler(continuation) }
                if !isParked { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.cancelScheduler() }?.resume()
        }
    }
}
