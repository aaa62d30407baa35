import TocsinEngine
import TocsinAPI

extension ProbeResult {
    /// The result as the Monitor status reports it for the probe `name`: the latency (rounded down to
    /// milliseconds) only when a response arrived — a refused or timed-out connection has none, only its error
    /// (its duration is the client's connect retries up to the timeout, not the endpoint's latency).
    public func status(name: String) -> ProbeStatus {
        let (seconds, attoseconds) = latency.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return ProbeStatus(
            name: name,
            isUp: isUp,
            statusCode: statusCode,
            latency: statusCode == nil ? nil : .milliseconds(milliseconds),
            consecutiveFailures: consecutiveFailures,
            lastCheckTime: Timestamp(checkedAt),
            lastTransitionTime: Timestamp(lastTransitionAt),
            lastError: error
        )
    }
}
