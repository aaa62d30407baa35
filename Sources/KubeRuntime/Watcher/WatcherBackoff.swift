/// Exponential backoff with jitter for a watcher's failed requests.
///
/// The n-th consecutive failure (n from 0) waits `min(cap, base × factor^n) × (0.5 + jitter())`, never more
/// than `cap`, where `jitter()` returns a value in `0..<1` — so the mean delay is the exponential one and
/// replicas that fail together spread their retries. A `Retry-After` from the server is a lower bound.
public struct WatcherBackoff: Sendable {
    /// The first delay (800 ms by default, as kube-rs).
    public var base: Duration
    /// The growth factor per consecutive failure.
    public var factor: Double
    /// The largest delay.
    public var cap: Duration
    /// A random source returning values in `0..<1`; tests inject a constant.
    public var jitter: @Sendable () -> Double

    /// Creates a backoff policy: by default 800 ms, doubling, capped at 30 s, with random jitter.
    public init(
        base: Duration = .milliseconds(800), factor: Double = 2, cap: Duration = .seconds(30),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.base = base
        self.factor = factor
        self.cap = cap
        self.jitter = jitter
    }

    /// The delay before retrying after `failures` consecutive failures (0 for the first), at least
    /// `retryAfter` when the server asked for it.
    public func delay(afterFailures failures: Int, retryAfter: Duration? = nil) -> Duration {
        let capSeconds = Self.seconds(cap)
        var exponential = Self.seconds(base)
        var remaining = max(0, failures)
        while remaining > 0, exponential < capSeconds {
            exponential *= factor
            remaining -= 1
        }
        let jittered = min(exponential, capSeconds) * (0.5 + min(max(jitter(), 0), 1))
        let delay = Duration.milliseconds(Int64((min(jittered, capSeconds) * 1000).rounded()))
        guard let retryAfter else { return delay }
        return max(delay, retryAfter)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
