import Foundation

/// What one check of a probe observed, before it is folded into a ``ProbeResult``.
public struct ProbeOutcome: Sendable, Hashable {
    /// The response's status code, if a response arrived.
    public var statusCode: Int?
    /// How long the check took.
    public var latency: Duration
    /// When the check finished.
    public var checkedAt: Date
    /// Why the check counts as down (without URL credentials or query), or `nil` when up.
    public var error: String?

    /// Creates an outcome.
    public init(statusCode: Int? = nil, latency: Duration, checkedAt: Date, error: String? = nil) {
        self.statusCode = statusCode
        self.latency = latency
        self.checkedAt = checkedAt
        self.error = error
    }

    /// Whether the check succeeded.
    public var isUp: Bool { error == nil }
}

/// The latest result of a probe, with counts of checks in a row.
public struct ProbeResult: Sendable, Hashable {
    /// Whether the last check succeeded.
    public var isUp: Bool
    /// The status code of the last response, if any.
    public var statusCode: Int?
    /// How long the last check took.
    public var latency: Duration
    /// When the last check finished.
    public var checkedAt: Date
    /// When ``isUp`` last changed (the first check counts as a change).
    public var lastTransitionAt: Date
    /// Why the last check failed, or `nil` when up.
    public var error: String?
    /// Failed checks in a row (0 when up).
    public var consecutiveFailures: Int
    /// Successful checks in a row (0 when down).
    public var consecutiveSuccesses: Int

    /// Creates a result.
    public init(
        isUp: Bool, statusCode: Int? = nil, latency: Duration, checkedAt: Date, lastTransitionAt: Date,
        error: String? = nil, consecutiveFailures: Int, consecutiveSuccesses: Int
    ) {
        self.isUp = isUp
        self.statusCode = statusCode
        self.latency = latency
        self.checkedAt = checkedAt
        self.lastTransitionAt = lastTransitionAt
        self.error = error
        self.consecutiveFailures = consecutiveFailures
        self.consecutiveSuccesses = consecutiveSuccesses
    }
}

/// The running state of one probe: folds each ``ProbeOutcome`` into the latest ``ProbeResult``. Pure.
public struct ProbeState: Sendable, Hashable {
    /// The latest result, `nil` before the first check.
    public private(set) var result: ProbeResult?

    /// Creates the state of a probe not yet checked.
    public init() {}

    /// Records `outcome` and returns the new result.
    @discardableResult
    public mutating func record(_ outcome: ProbeOutcome) -> ProbeResult {
        let previous = result
        let isUp = outcome.isUp
        let changed = previous.map { $0.isUp != isUp } ?? true
        let next = ProbeResult(
            isUp: isUp,
            statusCode: outcome.statusCode,
            latency: outcome.latency,
            checkedAt: outcome.checkedAt,
            lastTransitionAt: changed ? outcome.checkedAt : (previous?.lastTransitionAt ?? outcome.checkedAt),
            error: outcome.error,
            consecutiveFailures: isUp ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
            consecutiveSuccesses: isUp ? (previous?.consecutiveSuccesses ?? 0) + 1 : 0
        )
        result = next
        return next
    }
}
