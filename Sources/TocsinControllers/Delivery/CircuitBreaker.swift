import Foundation

/// A circuit breaker for one receiver endpoint (Slack's Web API, one Opsgenie base URL): after
/// ``failureThreshold`` consecutive failures it stops requests for a cool-down, then lets exactly one probe
/// request through.
///
/// States: closed (requests flow, consecutive failures counted) → open after ``failureThreshold`` failures (no
/// requests until the cool-down ends) → half-open (one probe) → closed when the probe succeeds, open again with a
/// doubled cool-down (at most ``maximumCoolDown``) when it fails. Only failures that say the endpoint is unwell
/// count (HTTP 5xx, transport errors); an answer such as `not_in_channel` or a rate limit proves it is reachable.
/// A pure value: the caller owns it and passes the time in.
public struct CircuitBreaker: Sendable, Hashable {
    /// Where the breaker is.
    public enum State: Sendable, Hashable {
        /// Requests flow; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// No requests until `until`.
        case open(until: Date)
        /// The cool-down ended: one probe may go (`isProbing` once it went).
        case halfOpen(isProbing: Bool)
    }

    /// How a request ended, for the breaker.
    public enum Outcome: Sendable, Hashable {
        /// The endpoint answered as expected.
        case success
        /// The endpoint is unwell (5xx, transport).
        case failure
        /// The endpoint answered but gives no verdict on its health (a rate limit): nothing changes except that a
        /// probe slot is freed.
        case neutral
    }

    /// Consecutive failures that open the breaker. Default: 5.
    public let failureThreshold: Int
    /// The first cool-down. Default: 30 s.
    public let initialCoolDown: Duration
    /// The longest cool-down. Default: 10 min.
    public let maximumCoolDown: Duration
    /// The state.
    public private(set) var state: State = .closed(failures: 0)
    /// The cool-down used when the breaker opens next.
    public private(set) var coolDown: Duration

    /// Creates a closed breaker.
    public init(failureThreshold: Int = 5, initialCoolDown: Duration = .seconds(30), maximumCoolDown: Duration = .seconds(600)) {
        self.failureThreshold = max(1, failureThreshold)
        self.initialCoolDown = max(.zero, initialCoolDown)
        self.maximumCoolDown = max(self.initialCoolDown, maximumCoolDown)
        coolDown = self.initialCoolDown
    }

    /// Whether the breaker is open (half-open counts as open: requests other than the probe are held).
    public var isOpen: Bool {
        if case .closed = state { return false }
        return true
    }

    /// Whether a request may start at `now`, without changing anything.
    public func allowsRequest(at now: Date) -> Bool {
        switch state {
        case .closed: true
        case .open(let until): now >= until
        case .halfOpen(let isProbing): !isProbing
        }
    }

    /// When a request may start next: `now` when allowed, the end of the cool-down when open, `nil` while a probe
    /// is in flight (its outcome decides).
    public func nextAllowedTime(at now: Date) -> Date? {
        switch state {
        case .closed: now
        case .open(let until): max(now, until)
        case .halfOpen(let isProbing): isProbing ? nil : now
        }
    }

    /// Asks to start a request at `now`: `true` (and, past the cool-down, the request becomes the probe) or
    /// `false` when the breaker holds it.
    public mutating func requestWillStart(at now: Date) -> Bool {
        switch state {
        case .closed:
            return true
        case .open(let until):
            guard now >= until else { return false }
            state = .halfOpen(isProbing: true)
            return true
        case .halfOpen(let isProbing):
            guard !isProbing else { return false }
            state = .halfOpen(isProbing: true)
            return true
        }
    }

    /// Records how a request that started ended, at `now`.
    public mutating func record(_ outcome: Outcome, at now: Date) {
        switch (state, outcome) {
        case (_, .success):
            state = .closed(failures: 0)
            coolDown = initialCoolDown
        case (.closed(let failures), .failure):
            if failures + 1 >= failureThreshold {
                state = .open(until: now.addingTimeInterval(Self.seconds(coolDown)))
            } else {
                state = .closed(failures: failures + 1)
            }
        case (.halfOpen, .failure):
            coolDown = min(maximumCoolDown, coolDown * 2)
            state = .open(until: now.addingTimeInterval(Self.seconds(coolDown)))
        case (.open, .failure):
            // A request that started before the breaker opened: the breaker is already open.
            break
        case (.halfOpen, .neutral):
            state = .halfOpen(isProbing: false)
        case (.closed, .neutral), (.open, .neutral):
            break
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
