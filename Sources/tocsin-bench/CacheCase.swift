import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinTesting

/// What one cache case keeps per pod.
enum CacheKind: String, CaseIterable, Codable, Sendable, ExpressibleByArgument {
    /// The full ``Pod`` model (identity projection).
    case full
    /// ``PodSummary``.
    case summary
}

/// What a cache case measured, printed by the child as one JSON line and read by the parent.
struct CacheCaseResult: Codable, Sendable {
    var cache: CacheKind
    var pods: Int
    var cachedObjects: Int
    /// RSS after the server holds the pods and the client has made one request, before the cache fills
    /// (freed heap returned to the system).
    var baselineBytes: Int
    /// RSS once the cache is synced (freed heap returned to the system).
    var afterBytes: Int
    /// RSS once the cache is synced, before returning freed heap.
    var afterUntrimmedBytes: Int
    /// From creating the client to the consumer's cache being synced (one namespaces list included).
    var syncSeconds: Double
    /// How long encoding every pod to JSON takes in this process: a lower bound of the fake server's own
    /// share of ``syncSeconds`` (it encodes each list page the same way).
    var fakeEncodeSeconds: Double

    /// Resident bytes per cached pod, baseline subtracted.
    var bytesPerPod: Double { Double(afterBytes - baselineBytes) / Double(max(cachedObjects, 1)) }
}

/// The hidden subcommand run in a fresh child process for figures 2 and 3: fills a store through an
/// informer with `pods` pods and reports RSS and the time to sync.
struct CacheCaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-case", abstract: "Measure one cache case in this process (used by the benchmark).",
        shouldDisplay: false)

    @Option(help: "What to cache per pod: full or summary.")
    var cache: CacheKind = .summary

    @Option(help: "How many pods the fake server holds.")
    var pods = 10_000

    @Option(help: "Client-side rate limit in requests per second (0: none).")
    var qps: Double = 0

    @Option(help: "Seconds before giving up on the sync.")
    var timeoutSeconds = 120

    func run() async throws {
        BenchCommand.bootstrapLogging()
        let result = try await measure()
        let data = try JSONEncoder().encode(result)
        print(String(decoding: data, as: UTF8.self))
    }

    func measure() async throws -> CacheCaseResult {
        let cache = self.cache
        let qps = self.qps
        let timeout = Duration.seconds(timeoutSeconds)
        let pods = self.pods
        return try await BenchCluster.withServer(pods: pods) { server in
            let start = ContinuousClock.now
            return try await BenchCluster.withClient(of: server, qps: qps) { client in
                // One small request first, so the client's fixed cost (event loop threads, connection pool,
                // a connection) is in the baseline and the difference is the cache alone.
                _ = try await client.list(Namespace.self)
                ProcessStats.releaseFreeMemory()
                let baseline = ProcessStats.residentBytes() ?? 0
                let informers = SharedInformers(client: client, logger: BenchCluster.logger, pageSize: 500)
                let informer = informers.informer(Pod.self)
                switch cache {
                case .full:
                    var result = try await fill(
                        informers, informer.subscribe(), baseline: baseline, start: start, timeout: timeout)
                    result.fakeEncodeSeconds = Self.encodeSeconds(server.objects(.pods))
                    return result
                case .summary:
                    let subscription = informer.subscribe(projection: { PodSummary($0) })
                    var result = try await fill(
                        informers, subscription, baseline: baseline, start: start, timeout: timeout)
                    result.fakeEncodeSeconds = Self.encodeSeconds(server.objects(.pods))
                    return result
                }
            }
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

    private func fill<Cached: Sendable>(
        _ informers: SharedInformers, _ subscription: InformerSubscription<Cached>, baseline: Int,
        start: ContinuousClock.Instant, timeout: Duration
    ) async throws -> CacheCaseResult {
        defer { subscription.release() }
        return try await BenchCluster.whileRunning(informers) {
            try await BenchCluster.withTimeout(timeout, waitingFor: "the informer's first list of \(pods) pods") {
                try await subscription.waitUntilSynced()
            }
            let synced = ContinuousClock.now - start
            let untrimmed = ProcessStats.residentBytes() ?? 0
            ProcessStats.releaseFreeMemory()
            let after = ProcessStats.residentBytes() ?? 0
            return CacheCaseResult(
                cache: cache, pods: pods, cachedObjects: subscription.store.count, baselineBytes: baseline,
                afterBytes: after, afterUntrimmedBytes: untrimmed, syncSeconds: synced.seconds,
                fakeEncodeSeconds: 0)
        }
    }
}
