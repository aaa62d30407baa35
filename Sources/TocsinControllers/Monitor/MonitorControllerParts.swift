import KubeRuntime
import TocsinAPI

/// What `Controller.monitors(client:informers:events:policy:namespaces:concurrency:clock:now:)`
/// creates: the controller and the subscriptions whose caches it needs.
public struct MonitorControllerParts: Sendable {
    /// The Monitor controller.
    public let controller: Controller
    /// The HTTP probes of Ready Monitors; run ``ProbeTargets/runner`` as leader-only work (`ControllerManager`'s
    /// `leaderServices`).
    public let probes: ProbeTargets
    /// The Monitors (whole objects).
    public let monitorSubscription: InformerSubscription<Monitor>
    /// The namespaces (names and labels) the reconciler resolves selectors against; `nil` when only named
    /// namespaces are watched (the catalog is then those names, and nothing lists Namespaces).
    public let namespaceSubscription: InformerSubscription<NamespaceSummary>?
    /// The shared Pod, Node and Event watches the Ready Monitors hold (read by the alert engine).
    public let watches: WatchRegistry

    /// Whether the watches the Monitors ask for are ready: every Monitor in the cache (not being deleted) has had
    /// its watches decided by the reconciler, and every held watch has a complete list (or is refused for lack of
    /// permission, which its Monitors report as `Ready=False`). For `/readyz` where the controllers run.
    public var haveSettledWatches: Bool {
        let monitors = monitorSubscription.store.objects().filter { $0.metadata.deletionTimestamp == nil }
        return monitors.allSatisfy { monitor in
            ObjectKey(monitor.metadata).map { watches.hasDecided($0) } ?? true
        } && watches.haveSettled
    }

    /// Returns once both caches hold a complete list (for `ControllerManager`'s `waitForCaches`).
    /// - Throws: `CancellationError` when the waiting task is cancelled first.
    public func waitUntilSynced() async throws {
        try await monitorSubscription.waitUntilSynced()
        try await namespaceSubscription?.waitUntilSynced()
    }
}
