import Foundation
import KubeClient
import KubeRuntime
import Logging
import TocsinAPI

/// The alert engine service with the informer subscriptions it reads.
public struct AlertEngineParts: Sendable {
    /// The service (run it on the leader: a `ControllerManager` leader service).
    public let service: AlertEngineService
    /// The subscriptions whose stores the service reads; wait for them before the leader starts.
    public let alertRules: InformerSubscription<AlertRule>
    /// Monitors (for their labels).
    public let monitors: InformerSubscription<Monitor>
    /// OnCallSchedules (who is paged).
    public let schedules: InformerSubscription<OnCallSchedule>
    /// Incidents (the engine's memory after a restart, and what people did to them).
    public let incidents: InformerSubscription<Incident>
    /// OnCallOverrides (merged into the schedules). Not awaited by ``waitUntilSynced()``, so that a cluster without
    /// the OnCallOverride CRD still runs: any override arriving later reconfigures the engine.
    public let overrides: InformerSubscription<OnCallOverride>

    /// Returns once every subscription has its first list.
    /// - Throws: `CancellationError` when cancelled first.
    public func waitUntilSynced() async throws {
        try await alertRules.waitUntilSynced()
        try await monitors.waitUntilSynced()
        try await schedules.waitUntilSynced()
        try await incidents.waitUntilSynced()
    }
}

extension AlertEngineService {
    /// Creates the engine service over shared informers: subscriptions to AlertRules, Monitors, OnCallSchedules and
    /// OnCallOverrides (any change reconfigures the engine) and to Incidents (restored at start, then followed), fed
    /// through `inbox` — the same inbox the Monitor parts' ``WatchRegistry`` and probe runner report to.
    public static func make(
        client: KubernetesClient, informers: SharedInformers, inbox: EngineInbox, monitors: MonitorControllerParts,
        namespaces: NamespaceSelection = .all, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "tocsin.engine")
    ) -> AlertEngineParts {
        let rules = informers.informer(AlertRule.self, namespaces: namespaces).subscribe(
            handler: inbox.handleConfiguration)
        let monitorObjects = informers.informer(Monitor.self, namespaces: namespaces).subscribe(
            handler: inbox.handleConfiguration)
        let schedules = informers.informer(OnCallSchedule.self, namespaces: namespaces).subscribe(
            handler: inbox.handleConfiguration)
        let incidents = informers.informer(Incident.self, namespaces: namespaces).subscribe(
            handler: inbox.handleIncident)
        let overrides = informers.informer(OnCallOverride.self, namespaces: namespaces).subscribe(
            handler: inbox.handleConfiguration)
        let service = AlertEngineService(
            inbox: inbox,
            caches: Caches(
                alertRules: rules.store, monitors: monitorObjects.store, schedules: schedules.store,
                incidents: incidents.store, overrides: overrides.store),
            watches: monitors.watches, probes: monitors.probes,
            namespaceLabels: { [namespaces = monitors.namespaceSubscription] in
                Dictionary(
                    (namespaces?.store.objects() ?? []).map { ($0.name, $0.labels) }, uniquingKeysWith: { first, _ in first })
            },
            writer: IncidentWriter(client: client, logger: logger),
            clock: clock, now: now, logger: logger)
        return AlertEngineParts(
            service: service, alertRules: rules, monitors: monitorObjects, schedules: schedules, incidents: incidents,
            overrides: overrides)
    }
}
