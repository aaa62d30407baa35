import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Synchronization
import TocsinAPI

extension Controller {
    /// The name of the OnCallSchedule controller: its queue and the `controller` dimension of its metrics.
    public static let onCallSchedulesName = "oncallschedule"

    /// Creates the OnCallSchedule controller: an ``OnCallScheduleReconciler`` fed by a shared informer of
    /// OnCallSchedules (whole objects) whose spec changes (`metadata.generation`), additions and deletions enqueue
    /// the schedule. Its own status writes do not; the reconciler requeues itself at each next handoff.
    ///
    /// It also subscribes to OnCallOverrides (indexed by ``OnCallScheduleReconciler/overrideScheduleIndex``, the
    /// store the reconciler reads them from): adding, changing or deleting one enqueues the schedule it names
    /// (before and after a change of `scheduleRef`). That subscription is not awaited: it fills in the same
    /// delivery as the OnCallOverride controller's
    /// (``onCallOverrides(client:informers:events:namespaces:concurrency:clock:now:)``), and an override arriving
    /// after the schedule was reconciled enqueues the schedule again.
    ///
    /// Add the returned controller to a ``ControllerManager`` (whose `waitForCaches` awaits the returned
    /// subscription), and run `informers` and `events`.
    /// - Parameters:
    ///   - client: reads schedules and patches their status.
    ///   - informers: the shared informers the OnCallSchedule watch comes from.
    ///   - events: records `InvalidSpec` Warning Events.
    ///   - namespaces: the namespaces whose schedules are reconciled (default all).
    ///   - concurrency: how many schedules are reconciled at once.
    ///   - clock: the clock of the work queue (delays and requeues).
    ///   - handoffNotifier: announces handoffs of schedules with `spec.notifications` (default none).
    ///   - now: the wall clock of the reconciler.
    public static func onCallSchedules(
        client: KubernetesClient, informers: SharedInformers, events: EventRecorder,
        namespaces: NamespaceSelection = .all, concurrency: Int = 2,
        clock: any Clock<Duration> = ContinuousClock(), handoffNotifier: HandoffNotifier? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> (controller: Controller, subscription: InformerSubscription<OnCallSchedule>) {
        let enqueue = Mutex<(@Sendable (ObjectKey) -> Void)?>(nil)
        // The informer keeps the subscription (and its store) for as long as it runs.
        let overrides = informers.informer(OnCallOverride.self, namespaces: namespaces).subscribe(
            indexes: OnCallScheduleReconciler.overrideIndexes,
            handler: { event in
                guard let add = enqueue.withLock({ $0 }) else { return }
                for key in scheduleKeys(of: event) { add(key) }
            })
        let reconciler = OnCallScheduleReconciler(
            client: client, events: events, overrides: overrides.store, handoffNotifier: handoffNotifier, now: now)
        let controller = Controller(
            name: onCallSchedulesName, reconciler: reconciler, concurrency: concurrency, clock: clock)
        enqueue.withLock { $0 = { [queue = controller.queue] key in _ = queue.add(key) } }
        // The informer keeps the subscription (and its store) for as long as it runs.
        let subscription = informers.informer(OnCallSchedule.self, namespaces: namespaces)
            .subscribe(handler: controller.handlerForObjects(predicate: .generationChanged))
        return (controller, subscription)
    }
}

extension Controller {
    /// The schedules an OnCallOverride event concerns: the one it names, and for an update of its spec or
    /// deletion the one it named.
    static func scheduleKeys(of event: InformerEvent<OnCallOverride>) -> [ObjectKey] {
        func key(_ override: OnCallOverride) -> ObjectKey {
            ObjectKey(namespace: override.metadata.namespace, name: override.spec.scheduleRef.name)
        }
        switch event {
        case .added(let override), .deleted(let override):
            return [key(override)]
        case .updated(let old, let new):
            // Status writes change neither the spec nor the deletion: nothing for the schedule.
            guard old.spec != new.spec || old.metadata.deletionTimestamp != new.metadata.deletionTimestamp else { return [] }
            return key(old) == key(new) ? [key(new)] : [key(old), key(new)]
        }
    }
}
