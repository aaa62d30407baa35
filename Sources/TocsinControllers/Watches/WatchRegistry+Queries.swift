import TocsinEngine
import KubeRuntime
import TocsinAPI

/// Reads of the watched objects, for `status.watchedObjects` and for the alert engine.
///
/// The stores hold what the informers delivered so far: until ``WatchRegistry/hasSynced(for:)`` is true they
/// may be incomplete. Results are in no particular order; an object covered by several subscriptions (two
/// Monitors with overlapping namespaces) appears once.
extension WatchRegistry {
    /// How many pods, nodes and events `monitor` watches: pods in its namespaces matching its pod selector,
    /// every node, the events of its namespaces; 0 for a kind it does not watch (all three are always set, so
    /// a merge patch of `status.watchedObjects` never leaves a stale count behind).
    public func counts(for monitor: ObjectKey) -> WatchedObjectCounts {
        let watchesNodes = hold(for: monitor)?.kinds.contains(.node) ?? false
        return WatchedObjectCounts(
            pods: pods(for: monitor).count, nodes: watchesNodes ? nodes().count : 0,
            events: events(for: monitor).count)
    }

    /// The pods `monitor` watches: in its namespaces and matching its pod selector.
    public func pods(for monitor: ObjectKey) -> [WatchedPod] {
        guard let hold = hold(for: monitor), hold.kinds.contains(.pod) else { return [] }
        return podSubscriptions(in: hold.keys).flatMap { $0.store.objects() }.filter { pod in
            hold.covers(namespace: pod.namespace) && (hold.podSelector?.matches(pod.labels) ?? true)
        }
    }

    /// The events of `monitor`'s namespaces.
    public func events(for monitor: ObjectKey) -> [WatchedEvent] {
        guard let hold = hold(for: monitor), hold.kinds.contains(.event) else { return [] }
        return eventSubscriptions(in: hold.keys).flatMap { $0.store.objects() }.filter {
            hold.covers(namespace: $0.namespace)
        }
    }

    /// Every watched pod in `namespace`, from whichever held subscriptions cover it.
    public func pods(in namespace: String) -> [WatchedPod] {
        let all = podSubscriptions(in: nil).flatMap { $0.store.objects() }.filter { $0.namespace == namespace }
        return Self.unique(all) { ObjectKey(namespace: $0.namespace, name: $0.name) }
    }

    /// Every watched node (empty when no Monitor watches nodes).
    public func nodes() -> [WatchedNode] {
        let subscription = state.withLock { state -> InformerSubscription<WatchedNode>? in
            guard case .nodes(let nodes)? = state.entries[WatchKey(kind: .node, namespaces: .all)]?.subscription
            else { return nil }
            return nodes
        }
        return subscription?.store.objects() ?? []
    }

    /// Every watched event in `namespace`, from whichever held subscriptions cover it.
    public func events(in namespace: String) -> [WatchedEvent] {
        let all = eventSubscriptions(in: nil).flatMap { $0.store.objects() }.filter { $0.namespace == namespace }
        return Self.unique(all) { ObjectKey(namespace: $0.namespace, name: $0.name) }
    }

    /// The held Pod subscriptions among `keys` (all when `nil`).
    private func podSubscriptions(in keys: Set<WatchKey>?) -> [InformerSubscription<WatchedPod>] {
        subscriptions(in: keys).compactMap { if case .pods(let pods) = $0 { pods } else { nil } }
    }

    /// The held Event subscriptions among `keys` (all when `nil`).
    private func eventSubscriptions(in keys: Set<WatchKey>?) -> [InformerSubscription<WatchedEvent>] {
        subscriptions(in: keys).compactMap { if case .events(let events) = $0 { events } else { nil } }
    }

    private func subscriptions(in keys: Set<WatchKey>?) -> [Subscription] {
        state.withLock { state in
            guard let keys else { return state.entries.values.map(\.subscription) }
            return keys.compactMap { state.entries[$0]?.subscription }
        }
    }

    private static func unique<T>(_ values: [T], by key: (T) -> ObjectKey) -> [T] {
        var seen = Set<ObjectKey>()
        return values.filter { seen.insert(key($0)).inserted }
    }
}
