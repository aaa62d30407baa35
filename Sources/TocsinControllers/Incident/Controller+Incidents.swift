import Foundation
import KubeClient
import KubeRuntime
import Logging
import TocsinAPI

extension Controller {
    /// The name of the Incident controller.
    public static let incidentsName = "incident"

    /// Creates the Incident controller (``IncidentReconciler``): every change of an Incident's annotations or status
    /// enqueues it.
    public static func incidents(
        client: KubernetesClient, informers: SharedInformers, events: EventRecorder,
        namespaces: NamespaceSelection = .all, concurrency: Int = 2, clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "tocsin.incident"), now: @escaping @Sendable () -> Date = { Date() }
    ) -> (controller: Controller, subscription: InformerSubscription<Incident>) {
        let reconciler = IncidentReconciler(client: client, events: events, logger: logger, now: now)
        let controller = Controller(name: incidentsName, reconciler: reconciler, concurrency: concurrency, clock: clock)
        let subscription = informers.informer(Incident.self, namespaces: namespaces).subscribe(
            handler: controller.handlerForObjects(predicate: .updates { old, new in
                old.metadata.annotations != new.metadata.annotations || old.status?.phase != new.status?.phase
            }))
        return (controller, subscription)
    }
}
