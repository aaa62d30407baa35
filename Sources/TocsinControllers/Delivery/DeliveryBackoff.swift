import Foundation

/// How long an outbox entry waits after a retryable failure: full jitter over an exponential ceiling, never less
/// than what the vendor asked for (`Retry-After`).
///
/// After `k` consecutive failures the ceiling is `min(cap, base · 2^k)` and the delay is `jitter · ceiling` with
/// `jitter` drawn uniformly from `0...1` by the caller (so tests can fix it); a `retryAfter` is a floor. The
/// result is written to the entry's `notBefore`, so it survives a restart.
public struct DeliveryBackoff: Sendable, Hashable {
    /// The ceiling after no failure (the first retry's ceiling is twice this). Default: 1 s.
    public var base: Duration
    /// The highest ceiling. Default: 5 min.
    public var cap: Duration

    /// Creates a backoff.
    public init(base: Duration = .seconds(1), cap: Duration = .seconds(300)) {
        self.base = max(.zero, base)
        self.cap = max(.zero, cap)
    }

    /// The ceiling after `failures` consecutive failures: `min(cap, base · 2^failures)`.
    public func ceiling(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures, 0), 62)
        let baseSeconds = CircuitBreaker.seconds(base)
        let capSeconds = CircuitBreaker.seconds(cap)
        let seconds = baseSeconds * pow(2, Double(exponent))
        guard seconds.isFinite, seconds < capSeconds else { return cap }
        return Self.duration(seconds)
    }

    /// The delay after `failures` consecutive failures: `jitter · ceiling`, at least `retryAfter`.
    /// - Parameter jitter: a random number in `0...1` (clamped).
    public func delay(afterFailures failures: Int, retryAfter: Duration? = nil, jitter: Double) -> Duration {
        let unit = jitter.isFinite ? min(max(jitter, 0), 1) : 1
        let jittered = Self.duration(CircuitBreaker.seconds(ceiling(afterFailures: failures)) * unit)
        guard let retryAfter else { return jittered }
        return max(jittered, retryAfter)
    }

    /// The entry's next `notBefore`: `now` plus ``delay(afterFailures:retryAfter:jitter:)``.
    public func notBefore(
        now: Date, afterFailures failures: Int, retryAfter: Duration? = nil, jitter: Double
    ) -> Date {
        now.addingTimeInterval(CircuitBreaker.seconds(delay(afterFailures: failures, retryAfter: retryAfter, jitter: jitter)))
    }

    static func duration(_ seconds: Double) -> Duration {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
