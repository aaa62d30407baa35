/// Per-key exponential backoff for ``WorkQueue/retry(_:)``: `base * factor^(failures - 1)`, never above `cap`.
///
/// The defaults are client-go's item rate limiter: 5 ms, 10 ms, 20 ms, … up to 1000 s.
public struct ExponentialBackoff: Sendable, Hashable {
    /// The delay after the first failure.
    public var base: Duration
    /// What each further consecutive failure multiplies the delay by (at least 1).
    public var factor: Double
    /// The longest delay.
    public var cap: Duration

    /// Creates a backoff; the defaults are client-go's (5 ms, ×2, 1000 s).
    public init(base: Duration = .milliseconds(5), factor: Double = 2, cap: Duration = .seconds(1000)) {
        self.base = max(base, .zero)
        self.factor = factor.isFinite ? max(factor, 1) : 1
        self.cap = max(cap, .zero)
    }

    /// The delay before the next attempt after `failures` consecutive failures (the first failure is 1).
    ///
    /// Zero or fewer failures give ``base``; the result never exceeds ``cap``.
    public func delay(afterFailures failures: Int) -> Duration {
        let exponent = Double(max(failures, 1) - 1)
        let baseNanoseconds = Self.nanoseconds(of: base)
        let capNanoseconds = Self.nanoseconds(of: cap)
        let nanoseconds = baseNanoseconds * power(factor, exponent)
        guard nanoseconds.isFinite, nanoseconds < capNanoseconds else { return cap }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }

    private static func nanoseconds(of duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }

    /// `base^exponent` for a whole, non-negative exponent, by repeated squaring (no Foundation needed).
    private func power(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var factor = base
        var remaining = Int(min(exponent, 4096))
        while remaining > 0 {
            if remaining & 1 == 1 { result *= factor }
            factor *= factor
            remaining >>= 1
            if !result.isFinite { return result }
        }
        return result
    }
}
