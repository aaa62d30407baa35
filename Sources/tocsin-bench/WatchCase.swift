import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Synchronization
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

/// The alert engine fed by the watch: `observe` for every change, `evaluate` after every batch of 100, as the
/// operator's engine loop does with its inbox.
final class WatchedEngine: Sendable {
    private struct State {
        var engine = AlertEngine()
        var sinceEvaluation = 0
        var decisions = 0
        var events = 0
        var first: ContinuousClock.Instant?
        var firstCPU = 0.0
    }

    private let state = Mutex(State())
    private let target: Int
    private let done: AsyncStream<(Int, Double, Double, Int)>.Continuation
    let finished: AsyncStream<(Int, Double, Double, Int)>

    init(target: Int) throws {
        self.target = target
        (finished, done) = AsyncStream.makeStream()
        let scope = RuleScope(monitorNamespace: "bench", monitor: "bench", namespaces: .all, kinds: [.pod, .node, .event])
        let rules = try EngineThroughputFigure.rules()
        state.withLock { state in
            for rule in rules { state.engine.setRule(rule, scope: scope) }
        }
    }

    /// Observes the cache's initial content (not counted).
    func seed(_ pod: WatchedPod) {
        state.withLock { $0.engine.observe(.pod(pod), now: Date()) }
    }

    /// Observes one change.
    func updated(_ pod: WatchedPod) {
        let finished = state.withLock { state -> (Int, Double, Double, Int)? in
            if state.first == nil {
                state.first = ContinuousClock.now
                state.firstCPU = ProcessStats.cpuSeconds()
            }
            let now = Date()
            state.engine.observe(.pod(pod), now: now)
            state.events += 1
            state.sinceEvaluation += 1
            if state.sinceEvaluation >= 100 || state.events == target {
                state.sinceEvaluation = 0
                state.decisions += state.engine.evaluate(now: now).count
            }
            guard state.events == target, let first = state.first else { return nil }
            return (
                state.events, (ContinuousClock.now - first).seconds, ProcessStats.cpuSeconds() - state.firstCPU,
                state.decisions
            )
        }
        if let finished {
            done.yield(finished)
            done.finish()
        }
    }
}

/// The hidden subcommand of figure 1, run in a child process: lists and watches the parent's fake API server's
/// pods through the real client and informer, projects them to ``WatchedPod``, and feeds every change to the
/// alert engine with six rules. Prints `synced` once the cache is filled; the parent then writes the status
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
        let engine = try WatchedEngine(target: events)
        let timeout = Duration.seconds(timeoutSeconds)
        let result = try await BenchCluster.withClient(of: url, qps: 0) { client in
            let informers = SharedInformers(client: client, logger: BenchCluster.logger, pageSize: 500)
            let subscription = informers.informer(Pod.self).subscribe(
                projection: { WatchedPod($0) },
                handler: { event in
                    switch event {
                    case .added(let pod): engine.seed(pod)
                    case .updated(_, let pod): engine.updated(pod)
                    case .deleted: break
                    }
                })
            defer { subscription.release() }
            return try await BenchCluster.whileRunning(informers) {
                try await BenchCluster.withTimeout(timeout, waitingFor: "the informer's first list") {
                    try await subscription.waitUntilSynced()
                }
                FileHandle.standardOutput.write(Data((Self.syncedLine + "\n").utf8))
                return try await BenchCluster.withTimeout(timeout, waitingFor: "\(events) watch events") {
                    for await (count, seconds, cpu, decisions) in engine.finished {
                        return WatchCaseResult(events: count, seconds: seconds, cpuSeconds: cpu, decisions: decisions)
                    }
                    throw BenchError("the engine stopped before \(events) events")
                }
            }
        }
        FileHandle.standardOutput.write(try JSONEncoder().encode(result) + Data("\n".utf8))
    }
}
