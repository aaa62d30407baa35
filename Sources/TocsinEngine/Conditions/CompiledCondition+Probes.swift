import Foundation
import TocsinAPI

// Every probe finding carries the labels `namespace`, `monitor`, `probe` and `url`, and the probe's Monitor as its
// affected object (detail `probe <name>: …`). A probe not checked yet is never relevant.

extension CompiledCondition {
    /// The finding of a probe condition about `probe` at `now`; `nil` when the probe is not relevant (another probe
    /// than the one named, not checked yet, not matching) or the condition does not evaluate probes.
    public func finding(for probe: WatchedProbe, now: Date) -> Finding? {
        switch rule {
        case .probeDown(let name, let consecutiveFailures):
            guard name.map({ $0 == probe.probe }) ?? true else { return nil }
            return down(probe, consecutiveFailures: consecutiveFailures)
        case .probeSlow(let name, let threshold):
            guard name.map({ $0 == probe.probe }) ?? true else { return nil }
            return slow(probe, threshold: threshold)
        default:
            return nil
        }
    }

    /// **probeDown** (probe: all when unset, consecutiveFailures default 3): the probe failed at least
    /// `consecutiveFailures` checks in a row. Value = the failures in a row; activeSince = when the probe went down
    /// (the result's last transition); detail = the last error.
    func down(_ probe: WatchedProbe, consecutiveFailures: Int) -> Finding? {
        guard let result = probe.result, result.consecutiveFailures >= consecutiveFailures else { return nil }
        let failures = "\(result.consecutiveFailures) failed checks in a row"
        return Finding(
            object: probe.affected("\(result.error ?? "down"); \(failures)"), labels: probe.findingLabels,
            value: Double(result.consecutiveFailures), activeSince: result.lastTransitionAt)
    }

    /// **probeSlow** (probe: all when unset, threshold): the last check succeeded and took longer than the
    /// threshold (a failed check is probeDown's business and clears this one). Value = the latency in seconds;
    /// detail = `answered in 2.5s (threshold 1s)`.
    func slow(_ probe: WatchedProbe, threshold: KubeDuration) -> Finding? {
        guard let result = probe.result, result.isUp, result.latency > threshold.duration else { return nil }
        let seconds = result.latency.seconds
        return Finding(
            object: probe.affected("answered in \(Self.seconds(seconds)) (threshold \(threshold))"),
            labels: probe.findingLabels, value: seconds)
    }

    /// `2.5s`, `0.25s`, `12s`: seconds with at most three decimals, whatever the locale.
    static func seconds(_ value: Double) -> String {
        let milliseconds = Int64((value * 1000).rounded())
        var fraction = String(milliseconds % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(milliseconds / 1000)" + (fraction.isEmpty ? "" : "." + fraction) + "s"
    }
}
