import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Metrics
import ServiceLifecycle
import TocsinAPI
import TocsinNotifiers

/// Delivers the Incidents' outboxes to Slack and Opsgenie; run it on the leader next to the alert engine.
///
/// It follows the Incidents (shared informer) and keeps a bounded work set of receivers with pending entries
/// (``DeliveryConfiguration/maximumQueuedWork``; beyond it work stays in the outbox and is picked up by the next
/// resync). A dispatcher hands due work to ``DeliveryConfiguration/concurrency`` senders. Each delivery reads the
/// Incident fresh from the API server, sends its receiver's head entry (``DeliveryPlan``) and records the outcome
/// in the same status write that removes the entry, so a restart never re-sends what was delivered:
/// - success: entry removed, identifiers recorded (Slack channel ID and `ts`, Opsgenie request ID), attempts
///   reset, `lastSuccessTime`, a `Notified` timeline entry for a `Create`;
/// - retryable failure (rate limit, 5xx, transport): attempts + 1, `lastError`, `notBefore` from
///   ``DeliveryBackoff`` (at least `Retry-After`); endpoint failures count on the receiver's ``CircuitBreaker``;
/// - other failures: the entry is dropped with `lastError`, a `DeliveryFailed` timeline entry, Warning Events on
///   the Incident and its AlertRule, and the AlertRule condition `Delivering=False`.
/// Credentials are read from Secrets in the AlertRule's namespace and kept in memory only.
public final class DeliveryService: Service, Sendable {
    let client: KubernetesClient
    let incidents: Store<Incident>
    let alertRules: Store<AlertRule>
    let queue: DeliveryQueue
    let secrets: SecretValueCache
    let sender: DeliverySender
    let writer: IncidentWriter
    let events: EventRecorder?
    let statusWriter: StatusWriter
    let metrics: DeliveryMetrics
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let random: @Sendable () -> Double
    let logger: Logger

    var configuration: DeliveryConfiguration { queue.configuration }

    init(
        client: KubernetesClient, incidents: Store<Incident>, alertRules: Store<AlertRule>, queue: DeliveryQueue,
        secretVersions: Store<SecretVersion>?, slack: SlackClient, opsgenie: OpsgenieClient, events: EventRecorder?,
        metricsFactory: any MetricsFactory, clock: any Clock<Duration>, now: @escaping @Sendable () -> Date,
        random: @escaping @Sendable () -> Double, logger: Logger
    ) {
        self.client = client
        self.incidents = incidents
        self.alertRules = alertRules
        self.queue = queue
        secrets = SecretValueCache(client: client, versions: secretVersions)
        sender = DeliverySender(
            slack: slack, opsgenie: opsgenie, cardOptions: queue.configuration.cardOptions,
            opsgenieOptions: queue.configuration.opsgenieOptions)
        writer = IncidentWriter(client: client, logger: logger)
        self.events = events
        statusWriter = StatusWriter(client: client)
        metrics = DeliveryMetrics(factory: metricsFactory)
        self.clock = clock
        self.now = now
        self.random = random
        self.logger = logger
    }

    /// Runs until cancelled or a graceful shutdown: dispatches due work to the senders and waits for them.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.tickUntilCancelled() }
                self.resync()
                var lastResync = self.now()
                for await _ in self.queue.wakeups {
                    if Task.isCancelled { break }
                    let instant = self.now()
                    if instant.timeIntervalSince(lastResync) >= CircuitBreaker.seconds(self.configuration.resyncInterval) {
                        lastResync = instant
                        self.resync()
                    }
                    for work in self.queue.take(now: instant) {
                        group.addTask {
                            await self.process(work)
                            self.queue.finish(work)
                        }
                    }
                    self.metrics.queueDepth.record(self.queue.depth)
                }
                group.cancelAll()
            }
        }
        logger.debug("Stopped delivery")
    }

    /// Schedules every cached Incident's pending work (at start and every resync interval).
    func resync() {
        let instant = now()
        for incident in incidents.objects() { queue.schedule(incident, now: instant) }
        let refused = queue.takeRefusedCount()
        if refused > 0 {
            logger.warning(
                "Delivery work set is full: receivers left in their Incidents' outboxes until the next resync",
                metadata: ["delivery.refused": "\(refused)", "delivery.capacity": "\(configuration.maximumQueuedWork)"])
        }
    }

    /// Handles an Incident informer event: schedules its work, or forgets a deleted Incident.
    func handle(_ event: InformerEvent<Incident>) {
        switch event {
        case .added(let incident), .updated(_, let incident):
            if queue.schedule(incident, now: now()) > 0 {
                logger.debug(
                    "Delivery work set is full: work left in the Incident's outbox",
                    metadata: ["incident.namespace": "\(incident.metadata.namespace ?? "")",
                        "incident.name": "\(incident.metadata.name ?? "")"])
            }
        case .deleted(let incident):
            if let namespace = incident.metadata.namespace, let name = incident.metadata.name {
                queue.removeIncident(namespace: namespace, name: name)
            }
        }
    }

    /// Handles a Secret informer event: a changed or deleted Secret is read again on its next use.
    func handle(_ event: InformerEvent<SecretVersion>) {
        switch event {
        case .added:
            break
        case .updated(let old, _), .deleted(let old):
            secrets.forget(namespace: old.namespace, name: old.name)
        }
    }

    /// Wakes the dispatcher every ``DeliveryConfiguration/tick`` when queued work is due.
    /// and at least every ``DeliveryConfiguration/resyncInterval``.
    private func tickUntilCancelled() async {
        var lastWake = now()
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: configuration.tick)
            } catch {
                return
            }
            let instant = now()
            let isDue = queue.nextDueTime.map { $0 <= instant } ?? false
            if isDue || instant.timeIntervalSince(lastWake) >= CircuitBreaker.seconds(configuration.resyncInterval) {
                lastWake = instant
                queue.wake()
            }
        }
    }
}
