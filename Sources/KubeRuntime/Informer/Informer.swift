import KubeClient
import KubeCore
import Logging
import Metrics
import Synchronization

/// One shared list-and-watch of a resource (for one namespace selection and one pair of selectors) feeding
/// any number of consumers, each with its own projection, store and handler. The API server sees one list
/// and one watch per watched namespace however many consumers there are.
///
/// Handlers are called synchronously, in order, from the informer's reflector tasks (never two at once for
/// one informer): they must be fast — a controller just enqueues a key. A consumer that joins after the
/// informer has started listing gets every object replayed through one extra relist, which its peers do
/// not see. When the last consumer releases, the watches stop; the next subscription starts them again.
///
/// Informers are made by ``SharedInformers``, which runs their reflectors.
public final class Informer<Object: KubeResource>: Sendable {
    /// What is watched.
    public let resource: ResourceType
    /// Which namespaces are watched.
    public let namespaces: NamespaceSelection
    /// The server-side label selector of the watched objects.
    public let labelSelector: String?
    /// The server-side field selector of the watched objects.
    public let fieldSelector: String?

    struct Slot: Sendable {
        let reflector: Reflector<Object>
        let handle: TaskHandle
        let namespace: String?
        var hasDelivered = false
        var hasSynced = false
    }

    struct State: Sendable {
        var consumers: [Int: any InformerConsumer<Object>] = [:]
        /// Consumer id → slot id → the slot's list generation when the consumer joined: the slot replays its
        /// objects to the consumer with the next list that starts after that one.
        var pending: [Int: [Int: Int]] = [:]
        var nextID = 0
        var slots: [Int: Slot] = [:]
        var slotsByNamespace: [String: Int] = [:]
        var namespaceWatch: (reflector: Reflector<Namespace>, handle: TaskHandle)?
        var namespacesSynced = false
        var isRunning = false
        var synced = SyncLatch()
    }

    let environment: InformerEnvironment
    let state = Mutex(State())
    let delivery = Mutex(())
    let cacheObjects: Gauge

    init(
        resource: ResourceType, namespaces: NamespaceSelection, labelSelector: String?, fieldSelector: String?,
        environment: InformerEnvironment
    ) {
        self.resource = resource
        self.namespaces = resource.isNamespaced ? namespaces.normalized : .all
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.environment = environment
        let name = ReflectorConfiguration(resource: resource).resourceName
        cacheObjects = Gauge(
            label: "tocsin_cache_objects", dimensions: [("resource", name)], factory: environment.metricsFactory)
    }

    /// Whether every watch has completed its first list (stays true once reached while consumers remain).
    public var hasSynced: Bool { state.withLock { $0.synced.isOpen } }

    /// Returns once ``hasSynced`` is true.
    /// - Throws: `CancellationError` when the waiting task is cancelled first.
    public func waitUntilSynced() async throws {
        let latch = state.withLock { $0.synced }
        try await latch.wait()
    }

    /// Why its watches are failing, one entry per failing watch (each kept until that watch succeeds again);
    /// empty while healthy.
    public var failures: [WatchFailure] {
        state.withLock { state in
            let slots = state.slots.keys.sorted().compactMap { state.slots[$0]?.reflector.lastFailure }
            return (state.namespaceWatch?.reflector.lastFailure).map { [$0] + slots } ?? slots
        }
    }

    /// How many consumers are registered.
    public var consumerCount: Int { state.withLock { $0.consumers.count } }

    /// How many objects the informer's watches know (before projections).
    public var objectCount: Int {
        state.withLock { state in state.slots.values.reduce(0) { $0 + $1.reflector.knownCount } }
    }

    /// Registers a consumer that caches `projection(object)` for each object (nothing when it returns nil)
    /// in its own store, and calls `handler` for each change of its cache. Starts the watches if needed.
    ///
    /// May be called from inside a handler of this informer.
    public func subscribe<Cached: Sendable>(
        projection: @escaping @Sendable (Object) -> Cached?, indexes: [StoreIndex<Cached>] = [],
        handler: (@Sendable (InformerEvent<Cached>) -> Void)? = nil
    ) -> InformerSubscription<Cached> {
        let store = Store(indexes: indexes)
        var created: Consumer<Object, Cached>?
        withDeliveryLock {
            let toMark: (any InformerConsumer<Object>)? = state.withLock { state in
                let id = state.nextID
                state.nextID += 1
                let consumer = Consumer(id: id, projection: projection, store: store, handler: handler) {
                    [weak self] in self?.release(id)
                }
                created = consumer
                state.consumers[id] = consumer
                guard state.isRunning else {
                    start(&state)
                    return nil
                }
                let delivered = state.slots.filter(\.value.hasDelivered)
                if !delivered.isEmpty {
                    state.pending[id] = delivered.mapValues(\.reflector.listGeneration)
                    for slot in delivered.values { slot.reflector.requestRelist() }
                    return nil
                }
                return state.synced.isOpen ? consumer : nil
            }
            toMark?.markSynced()
            checkSynced()
        }
        guard let created else { preconditionFailure("subscribe registered no consumer") }
        return InformerSubscription(store: store, consumer: created)
    }

    /// Registers a consumer that caches whole objects.
    public func subscribe(
        indexes: [StoreIndex<Object>] = [], handler: (@Sendable (InformerEvent<Object>) -> Void)? = nil
    ) -> InformerSubscription<Object> {
        subscribe(projection: { $0 }, indexes: indexes, handler: handler)
    }

    /// Unregisters a consumer; the last one stops the watches.
    func release(_ id: Int) {
        withDeliveryLock {
            state.withLock { state in
                guard state.consumers.removeValue(forKey: id) != nil else { return }
                state.pending[id] = nil
                if state.consumers.isEmpty { stop(&state) }
            }
        }
    }
}
