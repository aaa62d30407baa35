import Synchronization

/// A named probe that reports whether one part of the process is healthy, e.g. "informer-sync".
struct HealthCheck: Sendable {
    /// The name shown in `/readyz?verbose` and `/healthz?verbose` lines (`[+]name ok`, `[-]name failed`).
    let name: String
    /// Returns `true` while the checked part is healthy.
    let isPassing: @Sendable () async -> Bool

    /// Creates a check named `name` that runs `isPassing` on every probe.
    init(name: String, isPassing: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.isPassing = isPassing
    }
}

/// The liveness and readiness checks of the process, registered by the components that own them.
///
/// Components register checks once during setup; probes run them on every request to `/healthz` and
/// `/readyz`. Registering a check with a name already in use replaces the earlier one, so a component that is
/// rebuilt does not leave a stale check behind. Checks should be cheap and non-blocking (read a flag, compare a
/// counter): the kubelet gives a probe about one second.
public final class HealthChecks: Sendable {
    private let checks = Mutex(Registered())

    private struct Registered {
        var liveness: [HealthCheck] = []
        var readiness: [HealthCheck] = []
    }

    /// Creates an empty set of checks: the process is live and ready until a check says otherwise.
    public init() {}

    /// Adds (or replaces) a liveness check; a failing liveness check makes `/healthz` answer 500.
    public func addLivenessCheck(named name: String, _ isPassing: @escaping @Sendable () async -> Bool) {
        let check = HealthCheck(name: name, isPassing: isPassing)
        checks.withLock { Self.insert(check, into: &$0.liveness) }
    }

    /// Adds (or replaces) a readiness check, e.g. "informer-sync"; `/readyz` answers 503 until every readiness
    /// check passes.
    public func addReadinessCheck(named name: String, _ isPassing: @escaping @Sendable () async -> Bool) {
        let check = HealthCheck(name: name, isPassing: isPassing)
        checks.withLock { Self.insert(check, into: &$0.readiness) }
    }

    /// Removes the liveness check named `name`, if any.
    public func removeLivenessCheck(named name: String) {
        checks.withLock { $0.liveness.removeAll { $0.name == name } }
    }

    /// Removes the readiness check named `name`, if any.
    public func removeReadinessCheck(named name: String) {
        checks.withLock { $0.readiness.removeAll { $0.name == name } }
    }

    /// Runs every liveness check (concurrently) and reports the outcome in registration order.
    public func liveness() async -> HealthReport {
        await Self.run(checks.withLock { $0.liveness })
    }

    /// Runs every readiness check (concurrently) and reports the outcome in registration order.
    public func readiness() async -> HealthReport {
        await Self.run(checks.withLock { $0.readiness })
    }

    private static func insert(_ check: HealthCheck, into list: inout [HealthCheck]) {
        if let index = list.firstIndex(where: { $0.name == check.name }) {
            list[index] = check
        } else {
            list.append(check)
        }
    }

    private static func run(_ checks: [HealthCheck]) async -> HealthReport {
        guard !checks.isEmpty else { return HealthReport(results: []) }
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, check) in checks.enumerated() {
                group.addTask { (index, await check.isPassing()) }
            }
            var outcomes = [Bool](repeating: false, count: checks.count)
            for await (index, isPassing) in group {
                outcomes[index] = isPassing
            }
            return outcomes
        }
        return HealthReport(
            results: zip(checks, outcomes).map { HealthReport.Result(name: $0.name, isPassing: $1) })
    }
}
