import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinEngine
import TocsinServer
import TocsinTesting

/// What one cache case keeps.
enum CacheKind: String, CaseIterable, Codable, Sendable, ExpressibleByArgument {
    /// Pods as the full ``Pod`` model (identity projection).
    case full
    /// Pods as ``WatchedPod``, the projection the operator's shared Pod watch keeps.
    case pods
    /// Pods, nodes and events as the operator keeps them (``WatchedPod``, ``WatchedNode``, ``WatchedEvent``).
    case all
}

/// What a cache case measured, printed by the child as one JSON line and read by the parent.
struct CacheCaseResult: Codable, Sendable {
    var cache: CacheKind
    var cachedPods: Int
    var cachedNodes: Int
    var cachedEvents: Int
    /// RSS after the client has made one request, before the caches fill (freed heap returned to the system).
    var baselineBytes: Int
    /// RSS once the caches are synced (freed heap returned to the system): the whole process.
    var afterBytes: Int
    /// RSS once the caches are synced, before returning freed heap.
    var afterUntrimmedBytes: Int
    /// From creating the client to every cache being synced (one namespaces list included).
    var syncSeconds: Double

    /// Resident bytes per cached pod, baseline subtracted (pods-only cases).
    var bytesPerPod: Double { Double(afterBytes - baselineBytes) / Double(max(cachedPods, 1)) }
}

/// The hidden subcommand run in a fresh child process for figures 2 and 3: fills the caches through informers
/// from the parent's fake API server (so the server's memory is not in this process) and reports RSS and the time
/// to sync.
struct CacheCaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-case", abstract: "Measure one cache case in this process (used by the benchmark).",
        shouldDisplay: false)

    @Option(help: "What to cache: full, pods or all.")
    var cache: CacheKind = .pods

    @Option(help: "The fake API server to read from (the parent's), e.g. http://127.0.0.1:41234.")
    var server: String

    @Option(help: "Client-side rate limit in requests per second (0: none).")
    var qps: Double = 0

    @Option(help: "Seconds before giving up on the sync.")
    var timeoutSeconds = 120

    func run() async throws {
        // As `tocsin run` does: two malloc arenas (and the figures read RSS after malloc_trim, as the operator's
        // MemoryTrimService trims after its caches sync).
        MemoryTuning.limitMallocArenas()
        BenchCommand.bootstrapLogging()
        guard let url = URL(string: server) else { throw ValidationError("--server must be a URL") }
        let result = try await measure(server: url)
        let data = try JSONEncoder().encode(result)
        print(String(decoding: data, as: UTF8.self))
    }

    func measure(server: URL) async throws -> CacheCaseResult {
        let cache = self.cache
        let timeout = Duration.seconds(timeoutSeconds)
        let start = ContinuousClock.now
        return try await BenchCluster.withClient(of: server, qps: qps) { client in
            // One small request first, so the client's fixed cost (event loop threads, connection pool, a
            // connection) is in the baseline and the difference is the caches alone.
            _ = try await client.list(Namespace.self)
            MemoryTuning.releaseFreeMemory()
            let baseline = ProcessStats.residentBytes() ?? 0
            let informers = SharedInformers(client: client, logger: BenchCluster.logger, pageSize: 500)
            var stores: [any CountedStore] = []
            switch cache {
            case .full:
                stores.append(informers.informer(Pod.self).subscribe())
            case .pods:
                stores.append(informers.informer(Pod.self).subscribe(projection: WatchedPod.init))
            case .all:
                stores.append(informers.informer(Pod.self).subscribe(projection: WatchedPod.init))
                stores.append(informers.informer(Node.self).subscribe(projection: WatchedNode.init))
                stores.append(informers.informer(Event.self).subscribe(projection: WatchedEvent.init))
            }
            defer { for store in stores { store.release() } }
            return try await BenchCluster.whileRunning(informers) {
                let waiting = stores
                try await BenchCluster.withTimeout(timeout, waitingFor: "the informers' first lists") {
                    for store in waiting { try await store.waitUntilSynced() }
                }
                let synced = ContinuousClock.now - start
                let untrimmed = ProcessStats.residentBytes() ?? 0
                MemoryTuning.releaseFreeMemory()
                let after = ProcessStats.residentBytes() ?? 0
                let counts = stores.map(\.cachedCount)
                return CacheCaseResult(
                    cache: cache, cachedPods: counts[0], cachedNodes: counts.count > 1 ? counts[1] : 0,
                    cachedEvents: counts.count > 2 ? counts[2] : 0, baselineBytes: baseline, afterBytes: after,
                    afterUntrimmedBytes: untrimmed, syncSeconds: synced.seconds)
            }
        }
    }
}

/// An informer subscription, whatever it caches.
protocol CountedStore: Sendable {
    var cachedCount: Int { get }
    func waitUntilSynced() async throws
    func release()
}

extension InformerSubscription: CountedStore {
    var cachedCount: Int { store.count }
}
