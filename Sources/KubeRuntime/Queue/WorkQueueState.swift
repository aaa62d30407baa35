/// The lock-protected state of a ``WorkQueue``: pure transitions on values; the continuations to resume are
/// returned in ``Wakeups`` and resumed by the queue after the lock is released.
///
/// A key is in at most one of: ready (``dirty`` and queued), delayed (in ``deadlines``), or processing (and
/// then possibly also ``dirty``, meaning "run again after `done`").
struct WorkQueueState<Key: Hashable & Sendable>: Sendable {
    typealias Waiter = CheckedContinuation<Key?, Never>

    /// What an add did.
    enum AddOutcome: Sendable, Equatable {
        /// The key is now waiting (or was already, or runs again after its current processing).
        case accepted
        /// The queue is at capacity: the key was refused.
        case dropped
        /// The queue is shutting down: the key was refused.
        case shuttingDown
    }

    /// Continuations to resume once the lock is released.
    struct Wakeups: Sendable {
        var handOffs: [(waiter: Waiter, key: Key?)] = []
        var scheduler: CheckedContinuation<Void, Never>?
        var drained: [CheckedContinuation<Void, Never>] = []

        func resume() {
            for handOff in handOffs { handOff.waiter.resume(returning: handOff.key) }
            scheduler?.resume()
            for waiter in drained { waiter.resume() }
        }
    }

    let capacity: Int
    let backoff: ExponentialBackoff
    let metrics: WorkQueueMetrics

    private var ready: [Key] = []
    private var readyHead = 0
    private(set) var dirty: Set<Key> = []
    private(set) var processing: Set<Key> = []
    private var enqueuedAt: [Key: Duration] = [:]
    var deadlines: [Key: Duration] = [:]
    var heap = DeadlineHeap<Key>()
    private var failures: [Key: Int] = [:]
    var waiters: [(id: UInt64, continuation: Waiter)] = []
    private var pendingWaiters: Set<UInt64> = []
    private var cancelledWaiters: Set<UInt64> = []
    private var nextID: UInt64 = 0
    var schedulerWakeup: CheckedContinuation<Void, Never>?
    var isScheduleChanged = false
    var isSchedulerCancelled = false
    var pendingDrainWaiters: Set<UInt64> = []
    var cancelledDrainWaiters: Set<UInt64> = []
    var drainWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    var isShuttingDown = false

    init(capacity: Int, backoff: ExponentialBackoff, metrics: WorkQueueMetrics) {
        self.capacity = max(capacity, 1)
        self.backoff = backoff
        self.metrics = metrics
    }

    /// Keys ready to be handed out.
    var readyCount: Int { ready.count - readyHead }

    /// Distinct keys waiting: ready, delayed, or re-added while processing.
    var waitingCount: Int { dirty.count + deadlines.count }

    /// Consecutive retries of `key` since it was last forgotten.
    func retryCount(of key: Key) -> Int { failures[key] ?? 0 }

    // MARK: Adding

    /// Makes `key` ready now; an earlier delayed add of it is superseded.
    mutating func add(_ key: Key, now: Duration, wakeups: inout Wakeups) -> AddOutcome {
        if isShuttingDown { return .shuttingDown }
        let wasDelayed = deadlines.removeValue(forKey: key) != nil
        if dirty.contains(key) { return .accepted }
        if !wasDelayed, waitingCount >= capacity {
            metrics.dropped.increment()
            return .dropped
        }
        markDirty(key, now: now, wakeups: &wakeups)
        return .accepted
    }

    /// Makes `key` ready at `now + delay`, unless it is ready sooner already (the earliest time wins).
    mutating func add(_ key: Key, after delay: Duration, now: Duration, wakeups: inout Wakeups) -> AddOutcome {
        if delay <= .zero { return add(key, now: now, wakeups: &wakeups) }
        if isShuttingDown { return .shuttingDown }
        if dirty.contains(key) { return .accepted }
        let deadline = now + delay
        if let existing = deadlines[key] {
            if existing <= deadline { return .accepted }
        } else if waitingCount >= capacity {
            metrics.dropped.increment()
            return .dropped
        }
        let earliest = heap.first?.deadline
        deadlines[key] = deadline
        heap.insert(key, deadline: deadline)
        if heap.count > 2 * deadlines.count + 64 { heap.rebuild(from: deadlines) }
        if earliest.map({ deadline < $0 }) ?? true { wakeScheduler(&wakeups) }
        return .accepted
    }

    /// Adds `key` after its next backoff delay and counts the failure.
    mutating func retry(_ key: Key, now: Duration, wakeups: inout Wakeups) -> AddOutcome {
        if isShuttingDown { return .shuttingDown }
        let count = (failures[key] ?? 0) + 1
        failures[key] = count
        metrics.retries.increment()
        return add(key, after: backoff.delay(afterFailures: count), now: now, wakeups: &wakeups)
    }

    /// Resets the backoff of `key`.
    mutating func forget(_ key: Key) {
        failures.removeValue(forKey: key)
    }

    mutating func markDirty(_ key: Key, now: Duration, wakeups: inout Wakeups) {
        dirty.insert(key)
        enqueuedAt[key] = now
        metrics.adds.increment()
        if !processing.contains(key) { makeReady(key, now: now, wakeups: &wakeups) }
    }

    /// Hands `key` to the longest-waiting consumer, or queues it.
    private mutating func makeReady(_ key: Key, now: Duration, wakeups: inout Wakeups) {
        if waiters.isEmpty {
            ready.append(key)
            metrics.depth.record(readyCount)
        } else {
            let waiter = waiters.removeFirst()
            startProcessing(key, now: now)
            wakeups.handOffs.append((waiter.continuation, key))
        }
    }

    private mutating func startProcessing(_ key: Key, now: Duration) {
        dirty.remove(key)
        processing.insert(key)
        if let added = enqueuedAt.removeValue(forKey: key) {
            metrics.waitDuration.recordNanoseconds(Self.nanoseconds(now - added))
        }
    }

    // MARK: Handing out

    /// A new identifier for a waiter.
    mutating func makeIdentifier() -> UInt64 {
        nextID &+= 1
        return nextID
    }

    /// Reserves an identifier for a consumer about to wait in `next()`.
    mutating func reserveWaiter() -> UInt64 {
        let id = makeIdentifier()
        pendingWaiters.insert(id)
        return id
    }

    /// Takes the next ready key for waiter `id`, or parks `continuation` until one is ready.
    /// - Returns: the answer to give at once (`.some(nil)` after shutdown or cancellation), or `nil` when parked.
    mutating func next(id: UInt64, continuation: Waiter, now: Duration) -> Key?? {
        pendingWaiters.remove(id)
        if cancelledWaiters.remove(id) != nil { return .some(nil) }
        if readyHead < ready.count {
            let key = ready[readyHead]
            readyHead += 1
            if readyHead == ready.count {
                ready.removeAll(keepingCapacity: true)
                readyHead = 0
            } else if readyHead >= 1024, readyHead * 2 >= ready.count {
                ready.removeFirst(readyHead)
                readyHead = 0
            }
            metrics.depth.record(readyCount)
            startProcessing(key, now: now)
            return .some(key)
        }
        if isShuttingDown { return .some(nil) }
        waiters.append((id, continuation))
        return nil
    }

    /// Withdraws waiter `id` after its task was cancelled; returns its continuation when it was parked.
    mutating func cancelWaiter(_ id: UInt64) -> Waiter? {
        if let index = waiters.firstIndex(where: { $0.id == id }) {
            return waiters.remove(at: index).continuation
        }
        if pendingWaiters.remove(id) != nil { cancelledWaiters.insert(id) }
        return nil
    }

    /// Ends the processing of `key`; a key re-added meanwhile becomes ready.
    mutating func done(_ key: Key, now: Duration, wakeups: inout Wakeups) {
        guard processing.remove(key) != nil else { return }
        if dirty.contains(key) { makeReady(key, now: now, wakeups: &wakeups) }
        if processing.isEmpty {
            wakeups.drained.append(contentsOf: drainWaiters.values)
            drainWaiters.removeAll()
        }
    }
}
