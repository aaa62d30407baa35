import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinAPI

extension Controller {
    /// The name of the OnCallOverride controller: its queue and the `controller` dimension of its metrics.
    public static let onCallOverridesName = "oncalloverride"

    /// Creates the OnCallOverride controller: an ``OnCallOverrideReconciler`` fed by a shared informer of
    /// OnCallOverrides (spec changes, additions, deletions) indexed by the schedule they name, and by
    /// OnCallSchedules, whose additions, spec changes and deletions enqueue the overrides naming them (so that
    /// `ScheduleNotFound` clears when the schedule appears).
    ///
    /// The schedules' own status follows overrides through ``onCallSchedules(client:informers:events:namespaces:concurrency:clock:now:)``.
    /// Add the returned controller to a ``ControllerManager`` and run `informers` and `events`. Awaiting the
    /// returned subscription in `waitForCaches` is optional (the operator does not, so that a cluster without the
    /// OnCallOverride CRD runs everything else): a late override is reconciled, and re-reconciles its schedule,
    /// when it arrives.
    /// - Parameters:
    ///   - client: reads overrides and schedules, patches status, deletes expired overrides.
    ///   - informers: the shared informers the watches come from.
    ///   - events: records Warning Events.
    ///   - namespaces: the namespaces whose overrides are reconciled (default all).
    ///   - concurrency: how many overrides are reconciled at once.
    ///   - clock: the clock of the work queue (delays and requeues).
    ///   - now: the wall clock of the reconciler.
    public static func onCallOverrides(
        client: KubernetesClient, informers: SharedInformers, events: EventRecorder,
        namespaces: NamespaceSelection = .all, concurrency: Int = 1,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }
    ) -> (controller: Controller, subscription: InformerSubscription<OnCallOverride>) {
        let reconciler = OnCallOverrideReconciler(client: client, events: events, now: now)
        let controller = Controller(
            name: onCallOverridesName, reconciler: reconciler, concurrency: concurrency, clock: clock)
        let overrides = informers.informer(OnCallOverride.self, namespaces: namespaces).subscribe(
            indexes: OnCallScheduleReconciler.overrideIndexes,
            handler: controller.handlerForObjects(predicate: .generationChanged))
        // The informer keeps the subscription (and its store) for as long as it runs.
        _ = informers.informer(OnCallSchedule.self, namespaces: namespaces).subscribe(
            handler: controller.handler(
                predicate: .generationChanged,
                map: KeyMapper.referencing(in: overrides.store, index: OnCallScheduleReconciler.overrideScheduleIndex)))
        return (controller, overrides)
    }
}
