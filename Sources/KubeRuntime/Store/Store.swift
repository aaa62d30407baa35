import Synchronization

/// A cache of objects keyed `namespace/name`, with secondary indexes.
///
/// One writer (the informer that owns it) and any number of readers on any task: reads are synchronous and
/// cheap (a lock around a dictionary). `Cached` is whatever the consumer's projection keeps — the full
/// object or a small summary of the fields it needs.
public final class Store<Cached: Sendable>: Sendable {
    struct Entry: Sendable {
        var value: Cached
        var resourceVersion: String
    }

    struct State: Sendable {
        var entries: [ObjectKey: Entry] = [:]
        /// index name → value → keys.
        var indexed: [String: [String: Set<ObjectKey>]] = [:]
    }

    let indexes: [StoreIndex<Cached>]
    let state = Mutex(State())

    /// Creates an empty store with these secondary indexes.
    public init(indexes: [StoreIndex<Cached>] = []) {
        self.indexes = indexes
    }

    /// The object with this key, or `nil`.
    public func object(for key: ObjectKey) -> Cached? {
        state.withLock { $0.entries[key]?.value }
    }

    /// The object named `name` in `namespace` (`nil` for cluster-scoped objects), or `nil`.
    public func object(named name: String, in namespace: String? = nil) -> Cached? {
        object(for: ObjectKey(namespace: namespace, name: name))
    }

    /// Every cached object, in no particular order.
    public func objects() -> [Cached] {
        state.withLock { $0.entries.values.map(\.value) }
    }

    /// The objects whose index `index` has `value`, e.g. `objects(in: "label", matching: "app=web")`;
    /// empty for an unknown index.
    public func objects(in index: String, matching value: String) -> [Cached] {
        state.withLock { state in
            guard let keys = state.indexed[index]?[value] else { return [] }
            return keys.compactMap { state.entries[$0]?.value }
        }
    }

    /// The keys of the cached objects, sorted.
    public func keys() -> [ObjectKey] {
        state.withLock { $0.entries.keys.sorted() }
    }

    /// The resourceVersion of the cached object with this key.
    public func resourceVersion(for key: ObjectKey) -> String? {
        state.withLock { $0.entries[key]?.resourceVersion }
    }

    /// How many objects are cached.
    public var count: Int {
        state.withLock { $0.entries.count }
    }
}
