import KubeClient
import KubeCore
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// The I/O loop of a watcher: lists (paginated), then watches with bookmarks from the list's
/// resourceVersion, resumes after a watch ends, relists on `410 Gone` and backs off on errors, as
/// ``WatcherStateMachine`` decides. Every change is handed, in order and in batches, to `onChange` on the
/// reflector's own task; the first ``WatcherChange/synced(resourceVersion:)`` marks ``hasSynced``.
///
/// A `Service`: ``run()`` returns when its task is cancelled or on graceful shutdown.
public final class Reflector<Object: KubeResource>: Service, Sendable {
    /// The list and watch parameters.
    public let configuration: ReflectorConfiguration
    let client: KubernetesClient
    let clock: any Clock<Duration>
    let logger: Logger
    let onChange: @Sendable ([WatcherChange<Object>]) -> Void
    let machine: Mutex<WatcherStateMachine<Object>>
    let relistSignal = WakeSignal()
    let failure = Mutex<WatchFailure?>(nil)
    let listGenerations = Atomic<Int>(0)
    let restarts: Counter
    let relists: Counter

    /// Creates a reflector; nothing happens until ``run()``.
    /// - Parameter onChange: receives each batch of changes, synchronously and in order; keep it fast.
    public init(
        client: KubernetesClient, configuration: ReflectorConfiguration,
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "tocsin.reflector"),
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        onChange: @escaping @Sendable ([WatcherChange<Object>]) -> Void
    ) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
        var logger = logger
        logger[metadataKey: "resource"] = .string(configuration.resourceName)
        if let namespace = configuration.namespace { logger[metadataKey: "namespace"] = .string(namespace) }
        self.logger = logger
        self.onChange = onChange
        self.machine = Mutex(WatcherStateMachine(backoff: configuration.backoff))
        let dimensions = [("resource", configuration.resourceName)]
        restarts = Counter(label: "tocsin_watch_restarts_total", dimensions: dimensions, factory: metricsFactory)
        relists = Counter(label: "tocsin_watch_relists_total", dimensions: dimensions, factory: metricsFactory)
    }

    /// Whether the first full list has been applied.
    public var hasSynced: Bool { machine.withLock { $0.hasSynced } }

    /// Why the last request failed, until a list or watch succeeds again; nil while healthy.
    public var lastFailure: WatchFailure? { failure.withLock { $0 } }

    /// The last resourceVersion seen (of the list, an event or a bookmark), where the next watch resumes.
    public var resourceVersion: String? { machine.withLock { $0.resourceVersion } }

    /// How many full lists have started (the first page requested); a `synced` change completes the latest.
    package var listGeneration: Int { listGenerations.load(ordering: .acquiring) }

    /// How many objects the reflector currently knows.
    public var knownCount: Int { machine.withLock { $0.knownCount } }

    /// Asks for a full relist as soon as possible (interrupting the watch): used to replay every object to a
    /// consumer that joined after the first list. Unchanged objects come as ``WatcherChange/unchanged(_:)``.
    public func requestRelist() {
        relistSignal.fire()
    }

    /// Lists and watches until the task is cancelled or a graceful shutdown begins.
    /// - Throws: only `CancellationError`; request errors are retried with backoff.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.loop() }
        } catch is CancellationError {
            logger.debug("Reflector stopped")
        }
    }

    private func loop() async throws {
        var action = machine.withLock { $0.start() }
        var watchedBefore = false
        while true {
            try Task.checkCancellation()
            switch action {
            case .list(let continueToken):
                if continueToken == nil {
                    if machine.withLock({ $0.hasSynced }) { relists.increment() }
                    listGenerations.add(1, ordering: .releasing)
                }
                action = try await listPage(continueToken: continueToken)
            case .watch(let resourceVersion):
                if relistSignal.consume() {
                    action = machine.withLock { $0.relist() }
                    continue
                }
                if watchedBefore { restarts.increment() }
                watchedBefore = true
                action = try await watch(from: resourceVersion)
            case .backoff(let delay):
                logger.debug("Backing off before retrying", metadata: ["backoff.delay": "\(delay)"])
                try await clock.sleep(for: delay)
                action = machine.withLock { $0.backoffElapsed() }
            }
        }
    }
}
