/// A consumer's registration with an ``Informer``: its own store (filled through its projection) and its
/// handler. Keep it while you need the data; ``release()`` it when done — when the last consumer of an
/// informer releases, the informer stops its watches.
public final class InformerSubscription<Cached: Sendable>: Sendable {
    /// The consumer's cache, holding what its projection returned for each object.
    public let store: Store<Cached>
    let consumer: any SubscriptionBacking

    init(store: Store<Cached>, consumer: any SubscriptionBacking) {
        self.store = store
        self.consumer = consumer
    }

    /// Whether the store holds a complete list of the selection (the first list of every watch, or the
    /// replay for a consumer that joined later, has been applied).
    public var hasSynced: Bool { consumer.synced.isOpen }

    /// Returns once ``hasSynced`` is true.
    /// - Throws: `CancellationError` when the waiting task is cancelled first.
    public func waitUntilSynced() async throws {
        try await consumer.synced.wait()
    }

    /// Unregisters the consumer: no more handler calls; the store keeps its last content. Idempotent.
    public func release() {
        consumer.release()
    }
}

/// What a subscription needs from its consumer.
protocol SubscriptionBacking: Sendable {
    var synced: SyncLatch { get }
    var release: @Sendable () -> Void { get }
}

extension Consumer: SubscriptionBacking {}
