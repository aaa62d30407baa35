import Foundation
import Synchronization
import TocsinAPI

/// The delivery pipeline's shared memory: the work set, the circuit breakers, the Slack channel rate limiter and
/// the deliveries that reached a receiver but are not yet recorded on their Incident.
///
/// Informer handlers call it synchronously (it only takes a lock); ``wakeups`` wakes the service's dispatcher.
final class DeliveryQueue: Sendable {
    struct State: Sendable {
        var work: DeliveryWorkSet
        var breakers: [String: CircuitBreaker] = [:]
        var limiter: ChannelRateLimiter
        /// Deliveries done at the receiver whose status write failed: recorded again instead of sent again.
        var unrecorded: [DeliveryKey: (entryID: String, receipt: DeliveryReceipt)] = [:]
        var refusedForCapacity = 0
    }

    let configuration: DeliveryConfiguration
    private let state: Mutex<State>
    private let continuation: AsyncStream<Void>.Continuation
    /// Yields whenever work may be ready (at most one buffered wakeup).
    let wakeups: AsyncStream<Void>

    init(configuration: DeliveryConfiguration) {
        self.configuration = configuration
        state = Mutex(State(
            work: DeliveryWorkSet(capacity: configuration.maximumQueuedWork),
            limiter: ChannelRateLimiter(
                messagesPerSecond: configuration.slackMessagesPerSecond, burst: configuration.slackBurst)))
        (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Wakes the dispatcher.
    func wake() { continuation.yield() }

    /// Ends ``wakeups``.
    func finish() { continuation.finish() }

    /// Schedules every receiver of `incident` that has pending work, at its head's due time.
    /// - Returns: how many receivers could not be scheduled because the work set is full.
    @discardableResult
    func schedule(_ incident: Incident, now: Date) -> Int {
        guard let namespace = incident.metadata.namespace, let name = incident.metadata.name else { return 0 }
        let plan = DeliveryPlan(incident: incident, now: now)
        let steps = plan.due + plan.waiting
        guard !steps.isEmpty else { return 0 }
        let refused = state.withLock { state -> Int in
            var refused = 0
            for step in steps {
                let work = DeliveryWork(key: DeliveryKey(namespace: namespace, name: name, receiver: step.receiver), kind: .outbox)
                if !state.work.schedule(work, at: step.dueTime) { refused += 1 }
            }
            state.refusedForCapacity += refused
            return refused
        }
        if plan.due.isEmpty == false { wake() }
        return refused
    }

    /// Schedules `work` at `time`; `replacing` an earlier time when it is a deferral.
    func schedule(_ work: DeliveryWork, at time: Date, replacing: Bool = false) {
        state.withLock { state in
            if replacing { state.work.postpone(work, until: time) } else { state.work.schedule(work, at: time) }
        }
    }

    /// Forgets the work of a deleted Incident.
    func removeIncident(namespace: String, name: String) {
        state.withLock { state in
            state.work.removeIncident(namespace: namespace, name: name)
            state.unrecorded = state.unrecorded.filter { $0.key.namespace != namespace || $0.key.name != name }
        }
    }

    /// Takes the work due at `now` for at most ``DeliveryConfiguration/concurrency`` senders.
    func take(now: Date) -> [DeliveryWork] {
        state.withLock { $0.work.take(now: now, senders: configuration.concurrency) }
    }

    /// Marks `work` finished and wakes the dispatcher.
    func finish(_ work: DeliveryWork) {
        state.withLock { $0.work.finish(work) }
        wake()
    }

    /// The earliest due time of queued work.
    var nextDueTime: Date? { state.withLock { $0.work.nextDueTime } }

    /// How many items are queued.
    var depth: Int { state.withLock { $0.work.count } }

    /// Returns and clears how many receivers were refused since the last call.
    func takeRefusedCount() -> Int {
        state.withLock { state in
            defer { state.refusedForCapacity = 0 }
            return state.refusedForCapacity
        }
    }

    /// What the breaker said to a request.
    enum Grant: Sendable, Hashable {
        /// Go ahead; `isProbe` when this request is the half-open breaker's probe (its outcome must be recorded,
        /// or the probe released with a neutral outcome).
        case granted(isProbe: Bool)
        /// Held: try again at this time.
        case held(until: Date)
    }

    /// Asks the breaker `key` to let a request start at `now`.
    func startRequest(breaker key: String, now: Date) -> Grant {
        state.withLock { state in
            var breaker = state.breakers[key] ?? newBreaker()
            defer { state.breakers[key] = breaker }
            let wasClosed = !breaker.isOpen
            if breaker.requestWillStart(at: now) { return .granted(isProbe: !wasClosed) }
            // While a probe is in flight, held work is looked at again on the next tick.
            return .held(until: breaker.nextAllowedTime(at: now) ?? now)
        }
    }

    /// Records a request's outcome on the breaker `key`.
    /// - Returns: whether the breaker is open afterwards.
    func record(_ outcome: CircuitBreaker.Outcome, breaker key: String, now: Date) -> Bool {
        state.withLock { state in
            var breaker = state.breakers[key] ?? newBreaker()
            breaker.record(outcome, at: now)
            state.breakers[key] = breaker
            return breaker.isOpen
        }
    }

    /// The breaker `key` as it is.
    func breaker(_ key: String) -> CircuitBreaker? { state.withLock { $0.breakers[key] } }

    /// Takes a Slack post token of `channel`. - Returns: `nil` when taken, else when one is available.
    func acquirePost(channel: String, now: Date) -> Date? {
        state.withLock { $0.limiter.acquire(channel: channel, at: now) }
    }

    /// A delivery of `key` that reached the receiver but is not recorded yet.
    func unrecorded(_ key: DeliveryKey) -> (entryID: String, receipt: DeliveryReceipt)? {
        state.withLock { $0.unrecorded[key] }
    }

    /// Remembers (or, with `nil`, forgets) a delivery of `key` that is not recorded yet.
    func setUnrecorded(_ key: DeliveryKey, _ value: (entryID: String, receipt: DeliveryReceipt)?) {
        state.withLock { $0.unrecorded[key] = value }
    }

    private func newBreaker() -> CircuitBreaker {
        CircuitBreaker(
            failureThreshold: configuration.failureThreshold, initialCoolDown: configuration.initialCoolDown,
            maximumCoolDown: configuration.maximumCoolDown)
    }
}
