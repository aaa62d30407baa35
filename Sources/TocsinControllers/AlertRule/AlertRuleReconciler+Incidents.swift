import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinAPI
import TocsinEngine

extension AlertRuleReconciler {
    /// The timeline message of an Incident resolved because its AlertRule is being deleted.
    public static let ruleDeletedMessage = "AlertRule deleted"
    /// The `resolvedBy` of an Incident resolved because its AlertRule is being deleted: the operator, and why.
    public static let ruleDeletedActor = "\(IncidentStatus.engineActor) (\(ruleDeletedMessage))"
    /// How often a rule being deleted is looked at again while its Incidents' closing deliveries are pending.
    public static let closingDeliveryRecheck = Duration.seconds(2)

    /// The deletion of `rule` (being deleted, carrying ``finalizer``): its open Incidents are resolved, then the
    /// finalizer stays until their closing deliveries (Slack `chat.update`, Opsgenie close) have left the outboxes
    /// — the delivery service reads the receivers' routes and Secrets from the rule, so it must outlive them — or
    /// until ``closingDeliveryTimeout`` after the deletion began, whichever comes first.
    /// - Returns: `.requeue` while deliveries are pending, else `.done` once the finalizer is removed.
    /// - Throws: the client's errors (retried).
    func finalize(_ rule: AlertRule) async throws -> ReconcileResult {
        let instant = now()
        let incidents = try await resolveOpenIncidents(of: rule, at: instant)
        let pending = incidents.filter(\.hasPendingDeliveries).compactMap(\.metadata.name)
        let deadline = (rule.metadata.deletionTimestamp ?? instant)
            .addingTimeInterval(Double(closingDeliveryTimeout.components.seconds))
        let metadata: Logger.Metadata = [
            "alertrule.namespace": "\(rule.metadata.namespace ?? "")", "alertrule.name": "\(rule.metadata.name ?? "")",
        ]
        if !pending.isEmpty {
            if instant < deadline {
                logger.debug(
                    "Waiting for closing deliveries before removing the AlertRule finalizer",
                    metadata: metadata.merging(["incidents.pending": "\(pending.count)"]) { $1 })
                return .requeue(after: Self.closingDeliveryRecheck)
            }
            let message = "Removed the finalizer with closing deliveries still pending after \(closingDeliveryTimeout): "
                + "Incidents \(pending.prefix(5).joined(separator: ", "))"
            logger.warning("\(message)", metadata: metadata)
            events.record(.warning, reason: "ClosingDeliveriesPending", message: message, about: rule)
        }
        _ = try await finalizers.remove(Self.finalizer, from: rule)
        return .done
    }

    /// Resolves every open Incident (phase `Firing` or `Acknowledged`) of `rule` in its namespace, as the engine
    /// resolves one: phase `Resolved`, `resolvedTime` `instant`, `resolvedBy` ``ruleDeletedActor``, a `Resolved`
    /// timeline entry "AlertRule deleted", and a pending `Resolve` for every receiver (so the Slack card is updated
    /// and the Opsgenie alert closed).
    ///
    /// Idempotent: resolved Incidents are left alone. Each write carries the Incident's `resourceVersion` and is
    /// re-applied on fresh data after a conflict.
    /// - Returns: the rule's Incidents as they are after the writes.
    /// - Throws: `KubeAPIError`, `KubeTransportError`, `KubeDecodingError` from the list or a write.
    func resolveOpenIncidents(of rule: AlertRule, at instant: Date) async throws -> [Incident] {
        guard let ruleName = rule.metadata.name else { return [] }
        let listed = try await client.listAll(Incident.self, namespace: rule.metadata.namespace)
        let writer = IncidentWriter(client: client, logger: logger)
        var incidents: [Incident] = []
        var resolved = 0
        for incident in listed.items where incident.spec.alertRuleRef.name == ruleName {
            guard incident.status?.isOpen == true, let name = incident.metadata.name else {
                incidents.append(incident)
                continue
            }
            let written = try await writer.modify(namespace: incident.metadata.namespace ?? "", name: name) { status in
                status.resolve(by: Self.ruleDeletedActor, message: Self.ruleDeletedMessage, now: instant)
            }
            if let written {
                incidents.append(written)
                resolved += 1
            }
        }
        if resolved > 0 {
            logger.debug(
                "Resolved open Incidents of deleted AlertRule",
                metadata: ["alertrule.namespace": "\(rule.metadata.namespace ?? "")", "alertrule.name": "\(ruleName)",
                    "incidents.resolved": "\(resolved)"])
        }
        return incidents
    }
}

extension Incident {
    /// Whether any receiver still has outbox entries to deliver.
    var hasPendingDeliveries: Bool {
        status?.deliveries?.contains { !($0.pending ?? []).isEmpty } ?? false
    }
}
