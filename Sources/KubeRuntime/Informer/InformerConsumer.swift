import KubeCore
import Synchronization

/// One consumer of an informer, seen without its cached type.
protocol InformerConsumer<Object>: AnyObject, Sendable {
    associatedtype Object: KubeResource
    /// The consumer's id in its informer.
    var id: Int { get }
    /// Applies changes from one reflector; ``WatcherChange/unchanged(_:)`` only matters while replaying.
    func apply(_ changes: [WatcherChange<Object>], replaying: Bool)
    /// Removes every object of a namespace that left the selection.
    func removeAll(inNamespace namespace: String)
    /// Marks the consumer's cache as complete.
    func markSynced()
}

/// A consumer: its projection, its store and its handler.
final class Consumer<Object: KubeResource, Cached: Sendable>: InformerConsumer {
    let id: Int
    let projection: @Sendable (Object) -> Cached?
    let store: Store<Cached>
    let handler: (@Sendable (InformerEvent<Cached>) -> Void)?
    let synced = SyncLatch()
    let release: @Sendable () -> Void

    init(
        id: Int, projection: @escaping @Sendable (Object) -> Cached?, store: Store<Cached>,
        handler: (@Sendable (InformerEvent<Cached>) -> Void)?, release: @escaping @Sendable () -> Void
    ) {
        self.id = id
        self.projection = projection
        self.store = store
        self.handler = handler
        self.release = release
    }

    func apply(_ changes: [WatcherChange<Object>], replaying: Bool) {
        for change in changes {
            switch change {
            case .added(let object), .modified(let object):
                upsert(object)
            case .unchanged(let object):
                if replaying { upsert(object) }
            case .deleted(let key, _):
                if let old = store.remove(key) { handler?(.deleted(old)) }
            case .synced:
                break
            }
        }
    }

    private func upsert(_ object: Object) {
        guard let key = ObjectKey(object.metadata) else { return }
        guard let value = projection(object) else {
            if let old = store.remove(key) { handler?(.deleted(old)) }
            return
        }
        switch store.upsert(value, for: key, resourceVersion: object.metadata.resourceVersion ?? "") {
        case .inserted: handler?(.added(value))
        case .updated(let old): handler?(.updated(old: old, new: value))
        case .unchanged: break
        }
    }

    func removeAll(inNamespace namespace: String) {
        for (_, old) in store.removeAll(inNamespace: namespace) {
            handler?(.deleted(old))
        }
    }

    func markSynced() {
        synced.open()
    }
}
