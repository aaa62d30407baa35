import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinAPI

/// The informer subscriptions of the AlertRule controller; keep them for as long as the controller runs.
public struct AlertRuleSubscriptions: Sendable {
    /// Whole AlertRules, indexed by the `namespace/name` of what they reference.
    public let alertRules: InformerSubscription<AlertRule>
    /// Monitors; a change enqueues the rules naming the Monitor.
    public let monitors: InformerSubscription<Monitor>
    /// OnCallSchedules; a change enqueues the rules naming the schedule.
    public let onCallSchedules: InformerSubscription<OnCallSchedule>
    /// Secrets projected to their key names (never values); a change enqueues the rules naming the Secret.
    public let secrets: InformerSubscription<SecretKeyNames>

    /// Whether every cache has synced.
    public var hasSynced: Bool {
        alertRules.hasSynced && monitors.hasSynced && onCallSchedules.hasSynced && secrets.hasSynced
    }

    /// Returns once every cache has synced (the `waitForCaches` of a ``ControllerManager``).
    /// - Throws: `CancellationError` when the task is cancelled first.
    public func waitUntilSynced() async throws {
        try await alertRules.waitUntilSynced()
        try await monitors.waitUntilSynced()
        try await onCallSchedules.waitUntilSynced()
        try await secrets.waitUntilSynced()
    }
}

extension Controller {
    /// The name of the AlertRule controller: its queue and the `controller` dimension of its metrics.
    public static let alertRulesName = "alertrule"

    /// Creates the AlertRule controller: an ``AlertRuleReconciler`` fed by a shared informer of AlertRules (spec
    /// changes, deletion, additions), and by Monitors, OnCallSchedules and Secrets (key names only), each of which
    /// enqueues the AlertRules that reference it by name in its namespace (through store indexes), so that a
    /// reference appearing later makes the rule `Ready`.
    ///
    /// Add the returned controller to a ``ControllerManager`` whose `waitForCaches` calls
    /// ``AlertRuleSubscriptions/waitUntilSynced()``, and run `informers` and `events`.
    /// - Parameters:
    ///   - client: reads rules and their references, patches status, finalizers and Incidents.
    ///   - informers: the shared informers the watches come from.
    ///   - events: records Warning Events.
    ///   - namespaces: the namespaces whose rules (and referenced objects) are watched (default all).
    ///   - concurrency: how many rules are reconciled at once.
    ///   - clock: the clock of the work queue (delays and retries).
    ///   - logger: the reconciler's logger.
    ///   - now: the wall clock of the reconciler.
    public static func alertRules(
        client: KubernetesClient, informers: SharedInformers, events: EventRecorder,
        namespaces: NamespaceSelection = .all, concurrency: Int = 2,
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "tocsin.alertrule"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> (controller: Controller, subscriptions: AlertRuleSubscriptions) {
        let reconciler = AlertRuleReconciler(client: client, events: events, logger: logger, now: now)
        let controller = Controller(
            name: alertRulesName, reconciler: reconciler, concurrency: concurrency, clock: clock)
        let rules = informers.informer(AlertRule.self, namespaces: namespaces).subscribe(
            indexes: AlertRuleReferences.indexes, handler: controller.handlerForObjects(predicate: .generationChanged))
        let store = rules.store
        let monitors = informers.informer(Monitor.self, namespaces: namespaces).subscribe(
            handler: controller.handler(
                predicate: .generationChanged,
                map: KeyMapper.referencing(in: store, index: AlertRuleReferences.monitorIndex)))
        let schedules = informers.informer(OnCallSchedule.self, namespaces: namespaces).subscribe(
            handler: controller.handler(
                predicate: .generationChanged,
                map: KeyMapper.referencing(in: store, index: AlertRuleReferences.onCallScheduleIndex)))
        let secrets = informers.informer(Secret.self, namespaces: namespaces).subscribe(
            projection: { SecretKeyNames($0) },
            handler: controller.handler(
                predicate: .updates { old, new in old.keys != new.keys },
                map: { secret in
                    let key = ObjectKey(namespace: secret.namespace, name: secret.name).description
                    return store.objects(in: AlertRuleReferences.secretIndex, matching: key)
                        .compactMap { ObjectKey($0.metadata) }
                }))
        let subscriptions = AlertRuleSubscriptions(
            alertRules: rules, monitors: monitors, onCallSchedules: schedules, secrets: secrets)
        return (controller, subscriptions)
    }
}
