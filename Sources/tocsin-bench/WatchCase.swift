import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Synchronization
import TocsinControllers
import TocsinEngine
import TocsinServer

/// What the watch case measured, printed by the child as one JSON line.
struct WatchCaseResult: Codable, Sendable {
    /// `updated` events the engine observed.
    var events: Int
    /// Wall time from the first to the last of them.
    var seconds: Double
    /// CPU time (user + system, every thread) of this process over the same span.
    var cpuSeconds: Double
    /// Incident decisions the engine made (pods turn crash looping along the way).
    var decisions: Int
}

/// The operator's engine path fed by the watch: the informer's handler records each change in an ``EngineInbox``
/// (as the operator's WatchRegistry does: the latest state per object), and a loop lets changes gather for
/// ``AlertEngineService/gathering``, drains the inbox, observes every change and evaluates once per drain (as the
/// operator's engine loop does, without the Incident writes).
final class WatchedEngine: Sendable {
    private struct Progress {
        var handled = 0
        var first: ContinuousClock.Instant?
        var firstCPU = 0.0
    }

    let inbox = EngineInbox()
    private let target: Int
    private let progress = Mutex(Progress())

    init(target: Int) {
        self.target = target
    }

    /// Records one informer event in the inbox (the initial list's `added` events are not counted).
    func handle(_ event: InformerEvent<WatchedPod>) {
        switch event {
        case .added(let pod): inbox.record(.pod(pod))
        case .updated(_, let pod):
            inbox.record(.pod(pod))
            let reached = progress.withLock { progress -> Bool in
                if progress.first == nil {
                    progress.first = ContinuousClock.now
                    progress.firstCPU = ProcessStats.cpuSeconds()
                }
                progress.handled += 1
                return progress.handled == target
            }
            // The change was recorded before it was counted: one more pass sees both.
            if reached { inbox.wake() }
        case .deleted: break
        }
    }

    /// Runs the engine loop until every counted change has been handled and evaluated.
    func run() async throws -> WatchCaseResult {
        var engine = AlertEngine()
        let scope = RuleScope(monitorNamespace: "bench", monitor: "bench", namespaces: .all, kinds: [.pod, .node, .event])
        for rule in try EngineThroughputFigure.rules() { engine.setRule(rule, scope: scope) }
        var decisions = 0
        for await _ in inbox.wakeups {
            try? await Task.sleep(for: AlertEngineService.gathering)
            let batch = inbox.drain()
            let now = Date()
            for change in batch.changes { engine.observe(change, now: now) }
            decisions += engine.evaluate(now: now).count
            let (handled, first, firstCPU) = progress.withLock { ($0.handled, $0.first, $0.firstCPU) }
            if handled >= target, let first {
                return WatchCaseResult(
                    events: handled, seconds: (ContinuousClock.now - first).seconds,
                    cpuSeconds: ProcessStats.cpuSeconds() - firstCPU, decisions: decisions)
            }
        }
        throw BenchError("the engine inbox ended before \(target) changes")
    }
}

/// The hidden subcommand of figure 1, run in a child process: lists and watches the parent's fake API server's
/// pods through the real client and informer, projects them to ``WatchedPod``, and feeds every change through
/// an ``EngineInbox`` to the alert engine with six rules, as the operator does. Prints `synced` once the cache is filled; the parent then writes the status
/// updates while its fake holds the watch events back, and releases them as one burst, which this process
/// drains as fast as it can. Prints one JSON line with the wall and CPU time of the drain.
struct WatchCaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch-case", abstract: "Measure the operator side of the watch (used by the benchmark).",
        shouldDisplay: false)

    /// The line printed once the cache is synced.
    static let syncedLine = "synced"

    @Option(help: "The fake API server to watch (the parent's).")
    var server: String

    @Option(help: "How many updates to wait for.")
    var events: Int

    @Option(help: "Seconds before giving up.")
    var timeoutSeconds = 120

    func run() async throws {
        MemoryTuning.limitMallocArenas()
        BenchCommand.bootstrapLogging()
        guard let url = URL(string: server) else { throw ValidationError("--server must be a URL") }
        let engine = WatchedEngine(target: events)
        let timeout = Duration.seconds(timeoutSeconds)
        let result = try await BenchCluster.withClient(of: url, qps: 0) { client in
            let informers = SharedInformers(client: client, logger: BenchCluster.logger, pageSize: 500)
            let subscription = informers.informer(Pod.self).subscribe(
                projection: { WatchedPod($0) }, handler: { engine.handle($0) })
            defer { subscription.release() }
            return try await BenchCluster.whileRunning(informers) {
                try await BenchCluster.withTimeout(timeout, waitingFor: "the informer's first list") {
                    try await subscription.waitUntilSynced()
                }
                FileHandle.standardOutput.write(Data((Self.syncedLine + "\n").utf8))
                return try await BenchCluster.withTimeout(timeout, waitingFor: "\(events) watch events") {
                    try await engine.run()
                }
            }
        }
        FileHandle.standardOutput.write(try JSONEncoder().encode(result) + Data("\n".utf8))
    }
}
