import KubeClient
import KubeCore
import TocsinTesting

/// Figure 1: watch events through the operator's path. The fake API server (in this process) holds `pods` pods; a
/// child process (the hidden `watch-case` subcommand) lists and watches them with the real client and a
/// ``SharedInformers`` informer, projects each to ``WatchedPod``, keeps the store, and feeds every change to the
/// alert engine with six rules (`evaluate` after every 100). Once it has synced, `updates` pods get a status
/// update through the fake's store API (`updateStatus`, as the kubelet would) while the fake holds the watch
/// events back (``FakeAPIServer/holdWatchEvents()``; it queues up to 10,000 per watch); released, they reach the
/// child as one burst, which it drains as fast as it can.
///
/// The figures are the child's: events per wall-clock second of the drain, and per CPU-second (user + system,
/// every thread) — the operator's own cost, the API server's work being in another process as in a cluster. The
/// fake's cost per event (store write and JSON encoding, about 150 µs) is shown for information: a client
/// watching it live is paced by it.
struct WatchThroughputFigure: Sendable {
    var pods: Int
    var updates: Int
    var timeout: Duration

    func run() async throws -> [Figure] {
        let (result, fakeWrite) = try await BenchCluster.withServer(pods: pods) { server in
            let child = try BenchChild([
                "watch-case", "--server", server.baseURL.absoluteString, "--events", String(updates),
                "--timeout-seconds", String(timeout.components.seconds),
            ])
            defer { child.terminate() }
            try await child.waitForLine(WatchCaseCommand.syncedLine)
            server.holdWatchEvents()
            var fakeWrites = Duration.zero
            for index in 0..<updates {
                // Each update changes the pod (a no-op write makes no event); one pod in ten has restarted five times
                // more, so the restarts rule opens incidents during the drain.
                let restarts = Int64((index % pods) % 10 == 0 ? 5 : 0) + Int64(1 + index / pods)
                let update = PodFixture.statusUpdate(index % pods, restarts: restarts)
                let start = ContinuousClock.now
                try server.updateStatus(.pods, update)
                fakeWrites += ContinuousClock.now - start
                if index % 256 == 255 { await Task.yield() }
            }
            server.releaseWatchEvents()
            return (try await child.finish(as: WatchCaseResult.self), fakeWrites.seconds / Double(max(updates, 1)))
        }
        guard result.decisions > 0 else { throw BenchError("the engine decided nothing during the watch figure") }
        return [
            Figure(
                key: "watchEventsPerSecond", title: "watch events/s through decode → store → engine (1 process)",
                value: Double(result.events) / result.seconds, unit: "events/s", target: .atLeast(20_000)),
            Figure(
                key: "watchEventsPerCPUSecond", title: "watch events per CPU-second of that process",
                value: Double(result.events) / result.cpuSeconds, unit: "events/s/core", target: .atLeast(20_000)),
            Figure(
                key: "watchCPUMicrosecondsPerEvent", title: "operator CPU per watch event",
                value: result.cpuSeconds * 1e6 / Double(result.events), unit: "µs", target: nil),
            Figure(
                key: "fakeWriteMicrosecondsPerEvent", title: "fake server: store write + event encoding per event",
                value: fakeWrite * 1e6, unit: "µs", target: nil),
        ]
    }

    /// How figure 1 was measured, for the report.
    static let note =
        "watch: a child process runs the client, the informer (WatchedPod), the store and the alert engine (six"
        + " rules) and drains a burst of status updates the fake held back and then released at once;"
        + " per CPU-second = events / its user + system CPU over the drain; the fake API server is the parent process."
}
