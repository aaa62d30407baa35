import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Synchronization
import TocsinAPI

extension Controller {
    /// The name of the Monitor controller: its queue and the `controller` dimension of its metrics.
    public static let monitorsName = "monitor"

    /// Creates the Monitor controller: a ``MonitorReconciler`` fed by
    /// - a shared informer of Monitors (whole objects, indexed by the namespaces they depend on) whose spec
    ///   changes (`metadata.generation`), additions and deletions enqueue the Monitor — its own status writes do
    ///   not;
    /// - a shared informer of Namespaces (projected to ``NamespaceSummary``), the reconciler's catalog, whose
    ///   additions, deletions and label changes enqueue every Monitor with a namespace selector and every Monitor
    ///   listing that namespace by name.
    ///
    /// Ready Monitors hold shared Pod, Node and Event watches in ``MonitorControllerParts/watches`` (a
    /// ``WatchRegistry`` over `informers`); each is requeued every 60 s to refresh `status.watchedObjects`
    /// rather than on every pod or event change.
    ///
    /// Add ``MonitorControllerParts/controller`` to a ``ControllerManager`` (whose `waitForCaches` awaits
    /// ``MonitorControllerParts/waitUntilSynced()``), and run `informers` and `events`.
    /// - Parameters:
    ///   - client: reads Monitors and patches their status.
    ///   - informers: the shared informers the Monitor and Namespace watches come from.
    ///   - events: records `NamespaceNotAllowed` and `InvalidSpec` Warning Events.
    ///   - policy: which Monitors may watch other namespaces.
    ///   - namespaces: the namespaces whose Monitors are reconciled (default all).
    ///   - concurrency: how many Monitors are reconciled at once.
    ///   - inbox: where watched-object changes and probe results go for the alert engine (`nil`: nowhere).
    ///   - clock: the clock of the work queue (delays and requeues).
    ///   - now: the wall clock of the reconciler.
    public static func monitors(
        client: KubernetesClient, informers: SharedInformers, events: EventRecorder, policy: NamespacePolicy,
        namespaces: NamespaceSelection = .all, concurrency: Int = 2, inbox: EngineInbox? = nil,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }
    ) -> MonitorControllerParts {
        // The Namespace handler needs the controller and the Monitor store, which need the catalog: it is
        // connected once they exist (before `informers.run()` can deliver anything).
        let namespaceHandler = DeferredHandler<NamespaceSummary>()
        // Watching named namespaces only (the namespaced install, which may not read cluster-scoped objects): the
        // catalog is those names, without labels, and nothing lists Namespaces.
        let namespaceSubscription: InformerSubscription<NamespaceSummary>?
        let catalog: NamespaceCatalog
        if case .names(let names) = namespaces {
            namespaceSubscription = nil
            catalog = NamespaceCatalog(names: names)
        } else {
            let subscription = informers.informer(Namespace.self).subscribe(
                projection: NamespaceSummary.init, handler: namespaceHandler.handle)
            namespaceSubscription = subscription
            catalog = NamespaceCatalog(subscription: subscription)
        }
        let watches = WatchRegistry(informers: informers, inbox: inbox)
        // A probe that goes up or down re-reconciles its Monitor at once; other results wait for the 60 s refresh.
        let controllerBox = ControllerBox()
        let runner = ProbeRunner(clock: clock) { id, result in
            inbox?.recordProbe(namespace: id.namespace, monitor: id.monitor, probe: id.probe, result: result)
            guard result.consecutiveFailures == 1 || result.consecutiveSuccesses == 1 else { return }
            controllerBox.enqueue(ObjectKey(namespace: id.namespace.isEmpty ? nil : id.namespace, name: id.monitor))
        }
        let probes = ProbeTargets(runner: runner)
        let reconciler = MonitorReconciler(
            client: client, events: events, policy: policy,
            namespaces: catalog, watches: watches, probes: probes,
            now: now)
        let controller = Controller(name: monitorsName, reconciler: reconciler, concurrency: concurrency, clock: clock)
        controllerBox.connect(controller)
        // The informers keep the subscriptions (and their stores) for as long as they run.
        let monitorSubscription = informers.informer(Monitor.self, namespaces: namespaces).subscribe(
            indexes: [namespaceDependencyIndex], handler: controller.handlerForObjects(predicate: .generationChanged))
        let monitorStore = monitorSubscription.store
        namespaceHandler.connect(
            controller.handler(predicate: .updates { old, new in old.labels != new.labels }) { namespace in
                (monitorStore.objects(in: namespaceDependencyIndexName, matching: anyNamespace)
                    + monitorStore.objects(in: namespaceDependencyIndexName, matching: namespace.name))
                    .compactMap { ObjectKey($0.metadata) }
            })
        return MonitorControllerParts(
            controller: controller, probes: probes, monitorSubscription: monitorSubscription,
            namespaceSubscription: namespaceSubscription, watches: watches)
    }

    static let namespaceDependencyIndexName = "monitor.namespaces"
    /// The index value of Monitors with a selector (no namespace is named `*`).
    static let anyNamespace = "*"

    /// Monitors by the namespaces whose changes may change their resolution: a selector → ``anyNamespace``,
    /// names → each name, unset → nothing.
    static let namespaceDependencyIndex = StoreIndex<Monitor>(name: namespaceDependencyIndexName) { monitor in
        switch MonitorNamespaceSelection(monitor.spec) {
        case .own: return []
        case .names(let names): return names
        case .selector: return [anyNamespace]
        }
    }
}

/// Lets the probe runner's callback reach the controller created after it.
private final class ControllerBox: Sendable {
    private let controller = Mutex<Controller?>(nil)

    func connect(_ controller: Controller) {
        self.controller.withLock { $0 = controller }
    }

    func enqueue(_ key: ObjectKey) {
        _ = controller.withLock { $0 }?.queue.add(key)
    }
}
