import Foundation

/// A token bucket with client-go's semantics: `qps` tokens per second refill a bucket of `burst`
/// tokens; each request takes one token and waits when the bucket is empty.
///
/// Waiters are served in arrival order because each caller reserves its slot before it sleeps.
actor RateLimiter {
    private let qps: Double
    private let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private let clock = ContinuousClock()

    /// A limiter that admits `qps` requests per second after an initial `burst`; `qps <= 0` disables limiting.
    init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = Double(max(burst, 1))
        self.tokens = Double(max(burst, 1))
        self.last = clock.now
    }

    /// Takes one token, sleeping until one is available.
    /// - Throws: `CancellationError` when the calling task is cancelled while waiting.
    func acquire() async throws {
        guard qps > 0 else { return }
        let now = clock.now
        let elapsed = now - last
        last = now
        tokens = min(burst, tokens + seconds(elapsed) * qps)
        tokens -= 1
        if tokens >= 0 { return }
        // Reserved: the debt is paid back by waiting for the refill.
        let wait = -tokens / qps
        try await Task.sleep(for: .nanoseconds(Int64(wait * 1_000_000_000)))
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
