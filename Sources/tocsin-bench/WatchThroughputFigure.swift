import KubeClient
import KubeCore
import KubeRuntime
import TocsinEngine
import TocsinTesting

/// Figure 1: watch events per second end to end. The fake API server holds `pods` pods; a
/// ``SharedInformers`` informer (one list, one watch) feeds a consumer caching ``WatchedPod`` (the operator's projection); then every pod's
/// status is updated `rounds` times through the fake's store API (`updateStatus`, as the kubelet would), and
/// the clock runs from the first write until the consumer's handler has seen the last `updated` event.
///
/// The fake server runs in the same process: its work (JSON encoding of every event, HTTP framing) is inside
/// the figure. At most ``window`` events are in flight so the fake never ends the watch for a slow client.
struct WatchThroughputFigure: Sendable {
    var pods: Int
    var rounds: Int
    var qps: Double
    var timeout: Duration

    /// The most writes ahead of the handler (the fake buffers 10,000 lines per watch).
    static let window = 2_000

    /// The measured numbers.
    struct Result: Sendable {
        var events: Int
        var seconds: Double
        var cpuSeconds: Double
        /// Time spent inside the fake's `updateStatus` calls (its store write and the encoding of the
        /// event line for the watch), on the writer's thread.
        var fakeWriteSeconds: Double
    }

    func run() async throws -> [Figure] {
        let result = try await BenchCluster.withServer(pods: pods) { server in
            try await BenchCluster.withClient(of: server, qps: qps) { client in
                try await measure(server: server, client: client)
            }
        }
        return [
            Figure(
                key: "watchEventsPerSecond", title: "watch events/s end to end (2 cores, fake server inside)",
                value: Double(result.events) / result.seconds, unit: "events/s", target: .atLeast(20_000)),
            Figure(
                key: "watchEventsPerCPUSecond", title: "watch events per CPU-second (whole process)",
                value: Double(result.events) / result.cpuSeconds, unit: "events/s/core", target: .atLeast(20_000)),
            Figure(
                key: "fakeWriteMicrosecondsPerEvent", title: "fake server: store write + event encoding per event",
                value: result.fakeWriteSeconds * 1e6 / Double(result.events), unit: "µs", target: nil),
        ]
    }

    private func measure(server: FakeAPIServer, client: KubernetesClient) async throws -> Result {
        let informers = SharedInformers(client: client, logger: BenchCluster.logger, pageSize: 500)
        let counter = EventCounter(target: pods * rounds)
        let subscription = informers.informer(Pod.self).subscribe(
            projection: { WatchedPod($0) },
            handler: { event in
                if case .updated = event { counter.record() }
            })
        defer { subscription.release() }
        return try await BenchCluster.whileRunning(informers) {
            try await BenchCluster.withTimeout(timeout, waitingFor: "the informer's first list") {
                try await subscription.waitUntilSynced()
            }
            let deadline = ContinuousClock.now + timeout
            let cpuStart = ProcessStats.cpuSeconds()
            let start = ContinuousClock.now
            var written = 0
            var fakeWrites = Duration.zero
            for round in 1...rounds {
                for index in 0..<pods {
                    while written - counter.value >= Self.window {
                        guard ContinuousClock.now < deadline else {
                            throw BenchError("Timed out after \(timeout): the informer saw \(counter.value) of \(written) events")
                        }
                        try await Task.sleep(for: .microseconds(200))
                    }
                    let update = PodFixture.statusUpdate(index, restarts: Int64(round))
                    let writeStart = ContinuousClock.now
                    try server.updateStatus(.pods, update)
                    fakeWrites += ContinuousClock.now - writeStart
                    written += 1
                    if written % 256 == 0 { await Task.yield() }
                }
            }
            let remaining = deadline - ContinuousClock.now
            guard try await counter.waitForTarget(timeout: max(remaining, .seconds(1))) else {
                throw BenchError(
                    "Timed out after \(timeout): the informer saw \(counter.value) of \(counter.target) events")
            }
            let elapsed = ContinuousClock.now - start
            return Result(
                events: counter.target, seconds: elapsed.seconds, cpuSeconds: ProcessStats.cpuSeconds() - cpuStart,
                fakeWriteSeconds: fakeWrites.seconds)
        }
    }
}
