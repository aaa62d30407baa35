import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Metrics
import Synchronization
import TocsinAPI
import TocsinNotifiers

/// The delivery service with the informer subscriptions it reads.
public struct DeliveryParts: Sendable {
    /// The service (run it on the leader, next to the alert engine).
    public let service: DeliveryService
    /// Incidents, whole objects: their outboxes.
    public let incidents: InformerSubscription<Incident>
    /// AlertRules: the receivers' configuration.
    public let alertRules: InformerSubscription<AlertRule>
    /// Secrets, projected to namespace, name and resourceVersion (never their data): when to re-read a credential.
    public let secrets: InformerSubscription<SecretVersion>

    /// Returns once every subscription has its first list.
    /// - Throws: `CancellationError` when cancelled first.
    public func waitUntilSynced() async throws {
        try await incidents.waitUntilSynced()
        try await alertRules.waitUntilSynced()
        try await secrets.waitUntilSynced()
    }
}

extension DeliveryService {
    /// Creates the delivery service over shared informers.
    /// - Parameters:
    ///   - client: reads Incidents and Secrets, writes Incident and AlertRule status.
    ///   - slack: the Slack client (its base URL; tokens come from Secrets).
    ///   - opsgenie: the Opsgenie client (base URLs come from the receivers).
    ///   - events: Warning Events about deliveries dropped for good; `nil` records none.
    ///   - clock: paces the dispatcher's tick.
    ///   - now: the wall clock of every decision (due times, backoff, circuit cool-downs, rate limits).
    ///   - random: jitter in `0...1`.
    public static func make(
        client: KubernetesClient, informers: SharedInformers, slack: SlackClient, opsgenie: OpsgenieClient,
        events: EventRecorder?, configuration: DeliveryConfiguration = DeliveryConfiguration(),
        namespaces: NamespaceSelection = .all, metricsFactory: any MetricsFactory = MetricsSystem.factory,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        logger: Logger = Logger(label: "tocsin.delivery")
    ) -> DeliveryParts {
        let queue = DeliveryQueue(configuration: configuration)
        let service = Mutex<DeliveryService?>(nil)
        let incidents = informers.informer(Incident.self, namespaces: namespaces).subscribe { event in
            if let service = service.withLock({ $0 }) { service.handle(event) }
        }
        let rules = informers.informer(AlertRule.self, namespaces: namespaces).subscribe()
        let secrets = informers.informer(Secret.self, namespaces: namespaces).subscribe(
            projection: { SecretVersion($0) },
            handler: { event in if let service = service.withLock({ $0 }) { service.handle(event) } })
        let created = DeliveryService(
            client: client, incidents: incidents.store, alertRules: rules.store, queue: queue,
            secretVersions: secrets.store, slack: slack, opsgenie: opsgenie, events: events,
            metricsFactory: metricsFactory, clock: clock, now: now, random: random, logger: logger)
        service.withLock { $0 = created }
        return DeliveryParts(service: created, incidents: incidents, alertRules: rules, secrets: secrets)
    }
}
