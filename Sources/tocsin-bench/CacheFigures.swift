import Foundation
import TocsinTesting

/// Figures 2 and 3: resident memory with pods, nodes and events cached as the operator caches them, bytes per
/// cached pod (full model and the operator's ``WatchedPod``), and the time from start to caches synced.
///
/// The fake API server runs in this (the parent) process; each case runs in a fresh child process (this
/// binary's hidden `cache-case` subcommand) that only lists and watches it, so the child's resident memory is the
/// client and its caches alone, as an operator pod's would be.
struct CacheFigures: Sendable {
    var pods: Int
    var nodes: Int
    var events: Int
    var qps: Double
    var timeoutSeconds: Int

    func run() async throws -> (figures: [Figure], results: [CacheCaseResult]) {
        try await BenchCluster.withServer(pods: pods, nodes: nodes, events: events) { server in
            let url = server.baseURL.absoluteString
            let full = try await runChild(.full, server: url)
            let operatorPods = try await runChild(.pods, server: url)
            let all = try await runChild(.all, server: url)
            let encodeSeconds = Self.encodeSeconds(server.objects(.pods))
            let figures = [
                Figure(
                    key: "residentMiBAll",
                    title: "resident, \(pods) pods + \(nodes) nodes + \(events) events cached (whole process)",
                    value: Double(all.afterBytes) / 1_048_576, unit: "MiB", target: .atMost(64)),
                Figure(
                    key: "bytesPerPodOperator", title: "resident bytes per cached pod, WatchedPod (the operator's)",
                    value: operatorPods.bytesPerPod, unit: "B", target: .atMost(1024)),
                Figure(
                    key: "bytesPerPodFull", title: "resident bytes per cached pod, full Pod model",
                    value: full.bytesPerPod, unit: "B", target: nil),
                Figure(
                    key: "syncSeconds", title: "start to synced, \(pods) pods, limit 500 (WatchedPod)",
                    value: operatorPods.syncSeconds, unit: "s", target: .atMost(2)),
                Figure(
                    key: "syncSecondsAll", title: "start to synced, pods + nodes + events", value: all.syncSeconds,
                    unit: "s", target: nil),
                Figure(
                    key: "syncSecondsWithoutFakeEncoding",
                    title: "start to synced minus the fake's JSON encoding of the pods (estimate)",
                    value: operatorPods.syncSeconds - encodeSeconds, unit: "s", target: nil),
            ]
            return (figures, [full, operatorPods, all])
        }
    }

    /// The time to encode `objects` as the fake's list responses do (`FakeJSON.jsonData`).
    static func encodeSeconds(_ objects: [FakeJSON]) -> Double {
        let start = ContinuousClock.now
        var bytes = 0
        for object in objects { bytes += object.jsonData.count }
        let elapsed = ContinuousClock.now - start
        return bytes > 0 ? elapsed.seconds : 0
    }

    /// Runs the `cache-case` child for `cache` and decodes what it measured.
    private func runChild(_ cache: CacheKind, server: String) async throws -> CacheCaseResult {
        try await BenchChild([
            "cache-case", "--cache", cache.rawValue, "--server", server, "--qps", String(qps),
            "--timeout-seconds", String(timeoutSeconds),
        ]).finish(as: CacheCaseResult.self)
    }
}
