import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinAPI
import TocsinEngine

/// Reconciles Incidents: applies the operations people request with kubectl annotations, and deletes resolved
/// Incidents once their rule's `incidentRetention` has passed.
///
/// Annotations (the value of each is who acts; `tocsin.dev/note` holds the note, written by `tocsin.dev/actor` or
/// "kubectl"): `tocsin.dev/acknowledge`, `tocsin.dev/escalate`, `tocsin.dev/resolve`, `tocsin.dev/note`, e.g.
/// `kubectl annotate incident <name> tocsin.dev/acknowledge=alice`. Each is applied once (note, acknowledge,
/// escalate, resolve, in that order) and then removed; a refused one (acknowledging a resolved incident) gets a
/// Warning Event `OperationRefused` and is removed too. RBAC decides who may annotate Incidents.
public struct IncidentReconciler: Reconciler {
    /// The annotation prefix of operations.
    public static let annotationPrefix = "tocsin.dev/"
    /// The annotation naming who wrote a note.
    public static let actorAnnotation = "tocsin.dev/actor"
    /// The reason of the Warning Event for a refused operation.
    public static let refusedReason = "OperationRefused"

    let client: KubernetesClient
    let events: EventRecorder
    let operations: IncidentOperations
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates the reconciler.
    public init(
        client: KubernetesClient, events: EventRecorder, logger: Logger = Logger(label: "tocsin.incident"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.events = events
        self.operations = IncidentOperations(
            client: client, writer: IncidentWriter(client: client, logger: logger), now: now)
        self.logger = logger
        self.now = now
    }

    /// Reconciles the Incident named by `key`.
    /// - Throws: the client's errors (retried).
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let incident: Incident
        do {
            incident = try await client.get(Incident.self, name: key.name, namespace: key.namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return .done
        }
        guard let namespace = incident.metadata.namespace, let name = incident.metadata.name,
            incident.metadata.deletionTimestamp == nil
        else { return .done }
        let requested = Self.requestedOperations(incident.metadata.annotations ?? [:])
        if !requested.isEmpty {
            for (operation, actor) in requested {
                do {
                    try await operations.perform(operation, namespace: namespace, name: name, by: actor, origin: .kubectl)
                    logger.info(
                        "Applied Incident operation",
                        metadata: ["incident.namespace": "\(namespace)", "incident.name": "\(name)",
                            "operation": "\(Self.annotation(of: operation))", "actor": "\(actor)"])
                } catch let failure as IncidentOperations.Failure {
                    events.record(
                        .warning, reason: Self.refusedReason,
                        message: "\(Self.annotation(of: operation)) by \(actor) refused: \(failure)", about: incident)
                }
            }
            var annotations: [String: JSONValue] = [:]
            for key in Self.operationAnnotations + [Self.actorAnnotation]
            where incident.metadata.annotations?[key] != nil {
                annotations[key] = .null
            }
            _ = try await client.patch(
                Incident.self, name: name, namespace: namespace,
                patch: .merge(["metadata": ["annotations": .object(annotations)]]))
            return .done
        }
        return try await enforceRetention(incident, namespace: namespace, name: name)
    }

    /// Deletes a resolved Incident older than its rule's retention, or says when to look again.
    private func enforceRetention(_ incident: Incident, namespace: String, name: String) async throws -> ReconcileResult {
        guard let status = incident.status, status.phase == .resolved, let resolved = status.resolvedTime?.date
        else { return .done }
        var retention = AlertRuleSpec.defaultIncidentRetention
        if let rule = try? await client.get(AlertRule.self, name: incident.spec.alertRuleRef.name, namespace: namespace) {
            retention = rule.spec.incidentRetention ?? retention
        }
        let expiry = resolved.addingTimeInterval(retention.timeInterval)
        let remaining = expiry.timeIntervalSince(now())
        guard remaining <= 0 else {
            return .requeue(after: .seconds(min(remaining, 86_400).rounded(.up)))
        }
        do {
            try await client.delete(Incident.self, name: name, namespace: namespace)
            logger.info(
                "Deleted resolved Incident after its retention",
                metadata: ["incident.namespace": "\(namespace)", "incident.name": "\(name)"])
        } catch let error as KubeAPIError where error.isNotFound {}
        return .done
    }

    static let operationAnnotations = ["note", "acknowledge", "escalate", "resolve"].map { annotationPrefix + $0 }

    /// The merge patch that asks the operator for `operation` as `actor` — what `kubectl tocsin ack|resolve` sends,
    /// and the same as `kubectl annotate incident NAME tocsin.dev/acknowledge=alice`: e.g.
    /// `{"metadata":{"annotations":{"tocsin.dev/acknowledge":"alice"}}}`; a note also names its writer in
    /// ``actorAnnotation``.
    public static func requestPatch(_ operation: IncidentOperations.Operation, by actor: String) -> Patch {
        var annotations: [String: JSONValue] = [:]
        switch operation {
        case .note(let text):
            annotations[annotation(of: operation)] = .string(text)
            annotations[actorAnnotation] = .string(actor)
        case .acknowledge, .resolve, .escalate:
            annotations[annotation(of: operation)] = .string(actor)
        }
        return .merge(["metadata": ["annotations": .object(annotations)]])
    }

    /// The operations requested by annotations, in the order they are applied, with their actors.
    static func requestedOperations(_ annotations: [String: String]) -> [(IncidentOperations.Operation, String)] {
        var operations: [(IncidentOperations.Operation, String)] = []
        func actor(_ value: String) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? "kubectl" : String(trimmed.prefix(100))
        }
        if let note = annotations[annotationPrefix + "note"] {
            operations.append((.note(note), actor(annotations[actorAnnotation] ?? "")))
        }
        if let value = annotations[annotationPrefix + "acknowledge"] { operations.append((.acknowledge, actor(value))) }
        if let value = annotations[annotationPrefix + "escalate"] { operations.append((.escalate, actor(value))) }
        if let value = annotations[annotationPrefix + "resolve"] { operations.append((.resolve, actor(value))) }
        return operations
    }

    static func annotation(of operation: IncidentOperations.Operation) -> String {
        switch operation {
        case .acknowledge: annotationPrefix + "acknowledge"
        case .resolve: annotationPrefix + "resolve"
        case .escalate: annotationPrefix + "escalate"
        case .note: annotationPrefix + "note"
        }
    }
}
