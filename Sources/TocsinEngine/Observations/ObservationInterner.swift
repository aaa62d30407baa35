import Synchronization

/// Shares equal values among the projections the watch caches hold, so that 10,000 pods of a few hundred
/// Deployments keep a few hundred copies of their labels, owners, node names and container lists instead of
/// 10,000 (Swift's strings, arrays and dictionaries are copy-on-write: an equal value handed out from the pool
/// shares the pool's storage).
///
/// Each pool is bounded: when one holds its capacity it starts over (values handed out stay valid; only later
/// sharing is lost), so churning label values cannot grow it without end: at most ``stringCapacity`` strings and
/// ``capacity`` label sets, container lists and owners stay alive for the pool alone (a few MiB at worst).
public final class ObservationInterner: Sendable {
    /// The interner the projections of the shared watches use.
    public static let shared = ObservationInterner()

    /// The most label sets, container lists and owners a pool keeps.
    public let capacity: Int
    /// The most strings the string pool keeps.
    public let stringCapacity: Int

    private struct Pools {
        var strings: Set<String> = []
        var labels: Set<[String: String]> = []
        var containers: Set<[WatchedContainer]> = []
        var owners: Set<WatchedOwner> = []
    }

    private let pools = Mutex(Pools())

    /// Creates an interner whose pools keep at most `capacity` label sets, container lists and owners, and
    /// `stringCapacity` strings.
    public init(capacity: Int = 4_096, stringCapacity: Int = 16_384) {
        self.capacity = max(1, capacity)
        self.stringCapacity = max(1, stringCapacity)
    }

    /// The pooled string equal to `value`.
    public func string(_ value: String) -> String {
        pools.withLock { Self.pooled(value, in: &$0.strings, capacity: stringCapacity) }
    }

    /// The pooled optional string equal to `value`.
    public func string(_ value: String?) -> String? {
        value.map(string)
    }

    /// The pooled label set equal to `labels`, its keys and values pooled too.
    public func labels(_ labels: [String: String]) -> [String: String] {
        guard !labels.isEmpty else { return labels }
        return pools.withLock { pools in
            if let found = pools.labels.firstIndex(of: labels) { return pools.labels[found] }
            var shared: [String: String] = [:]
            shared.reserveCapacity(labels.count)
            for (key, value) in labels {
                shared[Self.pooled(key, in: &pools.strings, capacity: stringCapacity)] =
                    Self.pooled(value, in: &pools.strings, capacity: stringCapacity)
            }
            return Self.pooled(shared, in: &pools.labels, capacity: capacity)
        }
    }

    /// The pooled container list equal to `containers` (healthy pods of one workload have equal lists).
    public func containers(_ containers: [WatchedContainer]) -> [WatchedContainer] {
        guard !containers.isEmpty else { return containers }
        return pools.withLock { pools in
            if let found = pools.containers.firstIndex(of: containers) { return pools.containers[found] }
            let shared = containers.map { container in
                var copy = container
                copy.name = Self.pooled(container.name, in: &pools.strings, capacity: stringCapacity)
                return copy
            }
            return Self.pooled(shared, in: &pools.containers, capacity: capacity)
        }
    }

    /// The pooled owner equal to `owner`.
    public func owner(_ owner: WatchedOwner?) -> WatchedOwner? {
        guard let owner else { return nil }
        return pools.withLock { Self.pooled(owner, in: &$0.owners, capacity: capacity) }
    }

    /// How many values the pools hold (strings, label sets, container lists, owners).
    public var counts: (strings: Int, labels: Int, containers: Int, owners: Int) {
        pools.withLock { ($0.strings.count, $0.labels.count, $0.containers.count, $0.owners.count) }
    }

    private static func pooled<Value: Hashable>(_ value: Value, in pool: inout Set<Value>, capacity: Int) -> Value {
        if let found = pool.firstIndex(of: value) { return pool[found] }
        if pool.count >= capacity { pool.removeAll(keepingCapacity: true) }
        pool.insert(value)
        return value
    }
}
