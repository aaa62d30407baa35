import TocsinEngine
import TocsinAPI

extension ProbeResult {
    /// The result as the Monitor status reports it for the probe `name` (latency rounded down to milliseconds).
    public func status(name: String) -> ProbeStatus {
        let (seconds, attoseconds) = latency.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return ProbeStatus(
            name: name,
            isUp: isUp,
            statusCode: statusCode,
            latency: .milliseconds(milliseconds),
            consecutiveFailures: consecutiveFailures,
            lastCheckTime: Timestamp(checkedAt),
            lastTransitionTime: Timestamp(lastTransitionAt),
            lastError: error
        )
    }
}
