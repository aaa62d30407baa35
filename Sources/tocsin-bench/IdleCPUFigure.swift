import Foundation
import TocsinServer
import TocsinTesting

/// Figure 5: CPU used by the idle operator with `pods` pods cached and no changes, over `seconds`.
///
/// The whole operator runs (``BenchOperator``: informers with their watches open, the engine loop and its tick,
/// the delivery dispatcher's tick, the HTTP endpoints) with one Monitor over ``PodFixture``'s namespaces and one
/// `podFailed` rule (no pod fails, so nothing is delivered). Once it has synced and a settling pause has passed,
/// `getrusage` (user + system, every thread of the process) is read before and after `seconds` of idling. The
/// in-process fakes are inside the number, idle too.
struct IdleCPUFigure: Sendable {
    var pods: Int
    var seconds: Int
    /// The pause after the operator is ready, before the measurement (start-up writes, first ticks).
    var settle: Duration
    var timeout: Duration

    /// The measured numbers.
    struct Result: Sendable {
        var cpuSeconds: Double
        var wallSeconds: Double
        /// Requests the operator made to the fake API server while idle.
        var apiRequests: Int
        /// Requests to the fake Slack while idle.
        var slackRequests: Int

        /// CPU time as a percentage of one core.
        var percentOfOneCore: Double { cpuSeconds / wallSeconds * 100 }
    }

    func run() async throws -> [Figure] {
        let result = try await measure()
        return [
            Figure(
                key: "idleCPUPercent",
                title: "idle CPU, \(pods) pods cached, \(seconds) s (whole operator)",
                value: result.percentOfOneCore, unit: "% of a core", target: .atMost(1)),
            Figure(
                key: "idleAPIRequests", title: "API requests while idle, \(seconds) s",
                value: Double(result.apiRequests), unit: "requests", target: nil),
        ]
    }

    func measure() async throws -> Result {
        let pods = self.pods
        let seconds = self.seconds
        let settle = self.settle
        let timeout = self.timeout
        let namespace = BenchObjects.operatorNamespace
        return try await BenchOperator.run { server in
            try BenchObjects.createBase(in: server, namespaces: PodFixture.namespaces, ruleNamespace: namespace)
            try server.create(
                BenchObjects.resource("monitors"),
                BenchObjects.json(BenchObjects.monitor("cluster", namespace: namespace, watching: PodFixture.namespaces)))
            try server.create(
                BenchObjects.resource("alertrules"),
                BenchObjects.json(BenchObjects.rule("pod-failed", namespace: namespace, monitor: "cluster")))
            for index in 0..<pods {
                try server.create(.pods, PodFixture.pod(index))
            }
        } _: { bench in
            try await bench.waitUntilReady(rules: 1, timeout: timeout)
            try await Task.sleep(for: settle)
            MemoryTuning.releaseFreeMemory()
            let apiBefore = bench.cluster.requests.count
            let slackBefore = bench.slack.requests.count
            let cpuStart = ProcessStats.cpuSeconds()
            let start = ContinuousClock.now
            try await Task.sleep(for: .seconds(seconds))
            let cpu = ProcessStats.cpuSeconds() - cpuStart
            let wall = (ContinuousClock.now - start).seconds
            return Result(
                cpuSeconds: cpu, wallSeconds: wall, apiRequests: bench.cluster.requests.count - apiBefore,
                slackRequests: bench.slack.requests.count - slackBefore)
        }
    }
}
