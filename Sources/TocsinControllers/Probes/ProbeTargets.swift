import KubeRuntime
import Synchronization
import TocsinAPI

/// The probes of every Ready Monitor, kept in one ``ProbeRunner``: the Monitor reconciler sets a Monitor's targets
/// when it is Ready and removes them when it is not (or gone), and reads the latest results into its status.
public final class ProbeTargets: Sendable {
    /// The runner that checks the targets (run it as leader-only work).
    public let runner: ProbeRunner
    private let byMonitor = Mutex<[ObjectKey: [ProbeTarget]]>([:])

    /// Creates the set around `runner`.
    public init(runner: ProbeRunner) {
        self.runner = runner
    }

    /// Makes `targets` the probes of `monitor` (unchanged targets keep their schedule and counts).
    public func set(_ targets: [ProbeTarget], for monitor: ObjectKey) {
        let all = byMonitor.withLock { byMonitor -> [ProbeTarget]? in
            guard byMonitor[monitor] != targets else { return nil }
            byMonitor[monitor] = targets.isEmpty ? nil : targets
            return byMonitor.values.flatMap { $0 }
        }
        if let all { runner.update(targets: all) }
    }

    /// Stops the probes of `monitor`.
    public func remove(for monitor: ObjectKey) {
        set([], for: monitor)
    }

    /// The latest result of each of `monitor`'s probes that has been checked, by probe name.
    public func statuses(for monitor: ObjectKey) -> [ProbeStatus] {
        let targets = byMonitor.withLock { $0[monitor] ?? [] }
        return targets.sorted { $0.id < $1.id }.compactMap { target in
            runner.result(for: target.id)?.status(name: target.id.probe)
        }
    }
}
