import Foundation
import KubeClient
import KubeCore
import TocsinAPI

extension AlertRuleReconciler {
    /// The timeline message of an Incident resolved because its AlertRule is being deleted.
    public static let ruleDeletedMessage = "AlertRule deleted"

    /// Resolves every open Incident (phase `Firing` or `Acknowledged`) of `rule` in its namespace: phase
    /// `Resolved`, `resolvedTime` `instant`, and a `Resolved` timeline entry "AlertRule deleted".
    ///
    /// Idempotent: resolved Incidents are left alone. Each status patch carries the Incident's
    /// `resourceVersion`, so a concurrent write fails with a conflict and the reconcile is retried.
    /// - Throws: `KubeAPIError`, `KubeTransportError`, `KubeDecodingError` from the list or a patch.
    func resolveOpenIncidents(of rule: AlertRule, at instant: Date) async throws {
        guard let ruleName = rule.metadata.name else { return }
        let incidents = try await client.listAll(Incident.self, namespace: rule.metadata.namespace)
        var resolved = 0
        for incident in incidents.items where incident.spec.alertRuleRef.name == ruleName {
            guard let status = incident.status, status.phase != .resolved,
                let name = incident.metadata.name, let resourceVersion = incident.metadata.resourceVersion
            else { continue }
            let updated = Self.resolvedOnRuleDeletion(status, at: instant)
            let patch: JSONValue = [
                "metadata": ["resourceVersion": .string(resourceVersion)],
                "status": [
                    "phase": try JSONValue(encoding: updated.phase),
                    "resolvedTime": try JSONValue(encoding: updated.resolvedTime),
                    "timeline": try JSONValue(encoding: updated.timeline ?? []),
                ],
            ]
            do {
                _ = try await client.patch(
                    Incident.self, name: name, namespace: incident.metadata.namespace, patch: .merge(patch),
                    subresource: "status")
                resolved += 1
            } catch let error as KubeAPIError where error.isNotFound {
                continue
            }
        }
        logger.debug(
            "Resolved open Incidents of deleted AlertRule",
            metadata: ["alertrule.namespace": "\(rule.metadata.namespace ?? "")", "alertrule.name": "\(ruleName)",
                "incidents.resolved": "\(resolved)"])
    }

    /// `status` resolved at `instant` because its AlertRule is being deleted; the timeline keeps at most
    /// ``Incident/maxTimelineEntries`` entries, dropping the oldest.
    static func resolvedOnRuleDeletion(_ status: IncidentStatus, at instant: Date) -> IncidentStatus {
        var status = status
        status.phase = .resolved
        status.resolvedTime = Timestamp(instant)
        var timeline = status.timeline ?? []
        timeline.append(TimelineEntry(time: Timestamp(instant), type: .resolved, message: ruleDeletedMessage))
        status.timeline = Array(timeline.suffix(Incident.maxTimelineEntries))
        return status
    }
}
