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

    /// Whether the condition reads the probe `name` of its rule's Monitor.
    public func readsProbe(named name: String) -> Bool {
        switch rule {
        case .probeDown(let probe, _), .probeSlow(let probe, _): probe.map { $0 == name } ?? true
        default: false
        }
    }

    /// How many checks of a probe it takes, at most, before its result can be judged: `consecutiveFailures` for
    /// probeDown, one for probeSlow, zero for conditions that read no probe.
    public var checksToJudge: Int {
        switch rule {
        case .probeDown(_, let consecutiveFailures): max(consecutiveFailures, 1)
        case .probeSlow: 1
        default: 0
        }
    }

    /// Whether `probe`'s result lets the condition be judged without history from before a restart: a probeSlow
    /// result always does; a probeDown result does once the probe is up or has failed `consecutiveFailures` checks
    /// in a row (fewer failures after a restart may continue a run that had already crossed the threshold).
    public func isConclusive(_ probe: WatchedProbe) -> Bool {
        guard let result = probe.result else { return false }
        switch rule {
        case .probeDown(_, let consecutiveFailures): return result.isUp || result.consecutiveFailures >= consecutiveFailures
        case .probeSlow: return true
        default: return true
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
