/// Delayed keys, the scheduler's wake-ups, shutdown and draining.
extension WorkQueueState {
    /// Moves every delayed key whose deadline has passed to ready.
    /// - Returns: the next deadline to sleep until, or `nil` when no key is delayed.
    mutating func promoteDueKeys(now: Duration, wakeups: inout Wakeups) -> Duration? {
        isScheduleChanged = false
        while let entry = heap.first {
            guard deadlines[entry.key] == entry.deadline else {
                heap.removeFirst()
                continue
            }
            guard entry.deadline <= now else { return entry.deadline }
            heap.removeFirst()
            deadlines.removeValue(forKey: entry.key)
            if !dirty.contains(entry.key) { markDirty(entry.key, now: now, wakeups: &wakeups) }
        }
        return nil
    }

    /// Parks the scheduler until the earliest deadline changes; returns `false` (not parked) when it changed
    /// since the last ``promoteDueKeys(now:wakeups:)`` or the queue is shutting down.
    mutating func parkScheduler(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        if isSchedulerCancelled {
            isSchedulerCancelled = false
            return false
        }
        if isScheduleChanged || isShuttingDown { return false }
        schedulerWakeup = continuation
        return true
    }

    /// Takes the parked scheduler to resume it because its task was cancelled; when it is not parked yet,
    /// makes its next park return at once.
    mutating func cancelScheduler() -> CheckedContinuation<Void, Never>? {
        guard let parked = schedulerWakeup else {
            isSchedulerCancelled = true
            return nil
        }
        schedulerWakeup = nil
        return parked
    }

    mutating func wakeScheduler(_ wakeups: inout Wakeups) {
        isScheduleChanged = true
        if let waiting = schedulerWakeup {
            schedulerWakeup = nil
            wakeups.scheduler = waiting
        }
    }

    /// Refuses new keys, drops delayed ones, and answers `nil` to waiting consumers when nothing is ready.
    mutating func shutDown(wakeups: inout Wakeups) {
        guard !isShuttingDown else { return }
        isShuttingDown = true
        deadlines.removeAll()
        heap.removeAll()
        wakeScheduler(&wakeups)
        if readyCount == 0 {
            wakeups.handOffs.append(contentsOf: waiters.map { ($0.continuation, nil) })
            waiters.removeAll()
        }
    }

    /// Registers a waiter for the end of in-flight processing.
    /// - Returns: `false` (not registered) when nothing is being processed.
    mutating func addDrainWaiter(id: UInt64, _ continuation: CheckedContinuation<Void, Never>) -> Bool {
        pendingDrainWaiters.remove(id)
        if cancelledDrainWaiters.remove(id) != nil || processing.isEmpty { return false }
        drainWaiters[id] = continuation
        return true
    }

    /// Reserves an identifier for a drain waiter about to register.
    mutating func reserveDrainWaiter() -> UInt64 {
        let id = makeIdentifier()
        pendingDrainWaiters.insert(id)
        return id
    }

    /// Withdraws drain waiter `id` because its task was cancelled; returns its continuation when registered.
    mutating func cancelDrainWaiter(id: UInt64) -> CheckedContinuation<Void, Never>? {
        if let registered = drainWaiters.removeValue(forKey: id) { return registered }
        if pendingDrainWaiters.remove(id) != nil { cancelledDrainWaiters.insert(id) }
        return nil
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}
