import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import TocsinAPI

extension Controller {
    /// The name of the OnCallSchedule controller: its queue and the `controller` dimension of its metrics.
    public static let onCallSchedulesName = "oncallschedule"

    /// Creates the OnCallSchedule controller: an ``OnCallScheduleReconciler`` fed by a shared informer of
    /// OnCallSchedules (whole objects) whose spec changes (`metadata.generation`), additions and deletions enqueue
    /// the schedule. Its own status writes do not; the reconciler requeues itself at each next handoff.
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
    ///   - now: the wall clock of the reconciler.
    public static func onCallSchedules(
        client: KubernetesClient, informers: SharedInformers, events: EventRecorder,
        namespaces: NamespaceSelection = .all, concurrency: Int = 2,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }
    ) -> (controller: Controller, subscription: InformerSubscription<OnCallSchedule>) {
        let reconciler = OnCallScheduleReconciler(client: client, events: events, now: now)
        let controller = Controller(
            name: onCallSchedulesName, reconciler: reconciler, concurrency: concurrency, clock: clock)
        // The informer keeps the subscription (and its store) for as long as it runs.
        let subscription = informers.informer(OnCallSchedule.self, namespaces: namespaces)
            .subscribe(handler: controller.handlerForObjects(predicate: .generationChanged))
        return (controller, subscription)
    }
}
