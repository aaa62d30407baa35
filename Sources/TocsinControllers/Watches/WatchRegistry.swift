import TocsinEngine
import KubeCore
import KubeRuntime
import Synchronization
import TocsinAPI

/// The shared Pod, Node and Event watches Monitors hold, and the small projections they keep.
///
/// Each Monitor holds one subscription per watched kind and namespace selection (``WatchKey``). A
/// subscription is shared by every Monitor that needs the same key and reference counted here: the first
/// holder subscribes to the ``SharedInformers`` informer with a small projection (``WatchedPod``,
/// ``WatchedNode``, ``WatchedEvent``), the last holder to let go releases it, and the informer stops its
/// watch. Because the informers are shared too, the API server sees one list and one watch per key however
/// many Monitors use it. Nodes are cluster-scoped: every Monitor watching nodes shares one subscription.
///
/// The stores are read by ``counts(for:)`` (the Monitor's `status.watchedObjects`) and by the alert engine
/// through ``pods(for:)``, ``pods(in:)``, ``nodes()``, ``events(for:)`` and ``events(in:)``.
/// Thread-safe: a `Mutex` guards the holds; reads of the stores are synchronous.
public final class WatchRegistry: Sendable {
    /// One shared subscription: a kind and the namespaces it covers (`.all` for nodes).
    public struct WatchKey: Sendable, Hashable, CustomStringConvertible {
        /// The watched kind.
        public var kind: WatchedKind
        /// The watched namespaces (normalized; `.all` for cluster-scoped kinds).
        public var namespaces: NamespaceSelection

        /// Creates a key, normalizing `namespaces` (always `.all` for nodes).
        public init(kind: WatchedKind, namespaces: NamespaceSelection) {
            self.kind = kind
            self.namespaces = kind == .node ? .all : namespaces.normalized
        }

        /// `Pod in names(a,b)`.
        public var description: String { "\(kind.rawValue) in \(namespaces)" }
    }

    /// What one Monitor holds: its kinds, namespaces and pod selector, and the keys of its subscriptions.
    public struct Hold: Sendable, Hashable {
        /// The kinds the Monitor watches.
        public var kinds: Set<WatchedKind>
        /// The namespaces the Monitor watches.
        public var namespaces: NamespaceSelection
        /// Only pods matching this selector count; `nil` means every pod.
        public var podSelector: LabelSelector?
        /// The subscriptions the Monitor holds.
        public var keys: Set<WatchKey>

        /// Whether `namespace` is one of the Monitor's namespaces (always true for a label selection, whose
        /// informer already filters).
        public func covers(namespace: String) -> Bool {
            guard case .names(let names) = namespaces else { return true }
            return names.contains(namespace)
        }
    }

    enum Subscription: Sendable {
        case pods(InformerSubscription<WatchedPod>)
        case nodes(InformerSubscription<WatchedNode>)
        case events(InformerSubscription<WatchedEvent>)

        var hasSynced: Bool {
            switch self {
            case .pods(let subscription): subscription.hasSynced
            case .nodes(let subscription): subscription.hasSynced
            case .events(let subscription): subscription.hasSynced
            }
        }

        func release() {
            switch self {
            case .pods(let subscription): subscription.release()
            case .nodes(let subscription): subscription.release()
            case .events(let subscription): subscription.release()
            }
        }
    }

    struct Entry: Sendable {
        let subscription: Subscription
        /// Why the informer's watches fail, read when asked (see ``failures(for:)``).
        let failures: @Sendable () -> [WatchFailure]
        var holders: Set<ObjectKey>
    }

    struct State: Sendable {
        var entries: [WatchKey: Entry] = [:]
        var holds: [ObjectKey: Hold] = [:]
        /// Monitors whose watches were decided at least once (acquired, or released as not allowed or invalid).
        var decided: Set<ObjectKey> = []
    }

    /// Where the informers come from.
    public let informers: SharedInformers
    /// Where changes of the watched objects and of the holds are reported for the alert engine, if anywhere.
    public let inbox: EngineInbox?
    let state = Mutex(State())

    /// Creates a registry subscribing to `informers` (whose `run()` runs the watches).
    /// - Parameter inbox: receives every change of the watched objects and a configuration change whenever a
    ///   Monitor's hold changes (the alert engine's input); `nil` for none.
    public init(informers: SharedInformers, inbox: EngineInbox? = nil) {
        self.informers = informers
        self.inbox = inbox
    }

    /// Makes `monitor` hold the watches of `kinds` in `namespaces` (replacing what it held before): new keys
    /// are subscribed (or shared with other holders), keys it no longer needs are let go, and a key nobody
    /// holds any more is released. An empty `.names([])` selection holds no Pod or Event watch.
    /// - Parameter podSelector: which pods ``counts(for:)`` and ``pods(for:)`` consider (`nil`: all).
    /// - Returns: the keys `monitor` now holds.
    @discardableResult
    public func acquire(
        for monitor: ObjectKey, kinds: [WatchedKind], namespaces: NamespaceSelection,
        podSelector: LabelSelector? = nil
    ) -> Set<WatchKey> {
        let namespaces = namespaces.normalized
        let keys = Set(kinds.compactMap { kind -> WatchKey? in
            if kind != .node, case .names(let names) = namespaces, names.isEmpty { return nil }
            return WatchKey(kind: kind, namespaces: namespaces)
        })
        state.withLock { state in
            let previous = state.holds[monitor]?.keys ?? []
            for key in keys.subtracting(previous) {
                if state.entries[key] == nil {
                    let (subscription, failures) = subscribe(key)
                    state.entries[key] = Entry(subscription: subscription, failures: failures, holders: [])
                }
                state.entries[key]?.holders.insert(monitor)
            }
            for key in previous.subtracting(keys) { letGo(key, by: monitor, in: &state) }
            state.holds[monitor] = Hold(
                kinds: Set(kinds), namespaces: namespaces, podSelector: podSelector, keys: keys)
            state.decided.insert(monitor)
        }
        inbox?.markConfigurationChanged()
        return keys
    }

    /// Drops everything `monitor` holds; subscriptions nobody holds any more are released (their informers
    /// stop watching once no other consumer remains). Idempotent.
    public func release(for monitor: ObjectKey) {
        state.withLock { state in
            state.decided.insert(monitor)
            guard let hold = state.holds.removeValue(forKey: monitor) else { return }
            for key in hold.keys { letGo(key, by: monitor, in: &state) }
        }
        inbox?.markConfigurationChanged()
    }

    /// What `monitor` holds, or `nil`.
    public func hold(for monitor: ObjectKey) -> Hold? {
        state.withLock { $0.holds[monitor] }
    }

    /// The keys of every subscription held by at least one Monitor, sorted by description.
    public var heldKeys: [WatchKey] {
        state.withLock { $0.entries.keys.sorted { $0.description < $1.description } }
    }

    /// Whether every subscription `monitor` holds has a complete list (true when it holds none).
    public func hasSynced(for monitor: ObjectKey) -> Bool {
        state.withLock { state in
            (state.holds[monitor]?.keys ?? []).allSatisfy { state.entries[$0]?.subscription.hasSynced ?? true }
        }
    }

    /// Why the watches `monitor` holds are failing, by key (only failing keys), e.g. `403 Forbidden` on nodes for
    /// a namespaced installation.
    public func failures(for monitor: ObjectKey) -> [WatchKey: [WatchFailure]] {
        let entries = state.withLock { state in
            (state.holds[monitor]?.keys ?? []).compactMap { key in state.entries[key].map { (key, $0.failures) } }
        }
        var failing: [WatchKey: [WatchFailure]] = [:]
        for (key, failures) in entries {
            let current = failures()
            if !current.isEmpty { failing[key] = current }
        }
        return failing
    }

    /// Whether the Monitor reconciler has decided what `monitor` watches (held its watches, or released them
    /// because the Monitor is invalid, not allowed or deleted) at least once.
    public func hasDecided(_ monitor: ObjectKey) -> Bool {
        state.withLock { $0.decided.contains(monitor) }
    }

    /// Whether every held watch has synced or is failing for lack of permission (which its Monitors report): the
    /// watches have settled. True when nothing is held.
    public var haveSettled: Bool {
        let entries = state.withLock { Array($0.entries.values) }
        return entries.allSatisfy { entry in
            entry.subscription.hasSynced || entry.failures().contains { $0.isForbidden || $0.isUnauthorized }
        }
    }

    private func subscribe(_ key: WatchKey) -> (Subscription, @Sendable () -> [WatchFailure]) {
        switch key.kind {
        case .pod:
            let informer = informers.informer(Pod.self, namespaces: key.namespaces)
            return (
                .pods(informer.subscribe(projection: WatchedPod.init, handler: inbox.map { $0.handlePod })),
                { informer.failures })
        case .node:
            let informer = informers.informer(Node.self)
            return (
                .nodes(informer.subscribe(projection: WatchedNode.init, handler: inbox.map { $0.handleNode })),
                { informer.failures })
        case .event:
            let informer = informers.informer(Event.self, namespaces: key.namespaces)
            return (
                .events(informer.subscribe(projection: WatchedEvent.init, handler: inbox.map { $0.handleEvent })),
                { informer.failures })
        }
    }

    private func letGo(_ key: WatchKey, by monitor: ObjectKey, in state: inout State) {
        state.entries[key]?.holders.remove(monitor)
        guard let entry = state.entries[key], entry.holders.isEmpty else { return }
        state.entries[key] = nil
        entry.subscription.release()
    }
}
