import Foundation
import KubeClient
import KubeCore
import Logging
import TocsinAPI
import TocsinEngine

/// Writes the engine's decisions (and people's operations) to Incident objects.
///
/// Creating is idempotent: an Incident's name is fixed by its group and start, so a create retried after a lost
/// answer meets `AlreadyExists` and only fills in the status if it is missing. Every other change is applied to the
/// Incident as it is now (read from the API) and written back with its `resourceVersion` through the status
/// subresource; a conflict with another writer (the delivery outbox, a person) is retried on fresh data.
public struct IncidentWriter: Sendable {
    /// How many times a change is re-applied after a conflict before giving up (the caller retries later).
    public static let conflictAttempts = 5

    let client: KubernetesClient
    let logger: Logger

    /// Creates a writer.
    public init(client: KubernetesClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Writes one decision at `now`.
    /// - Returns: the Incident as written, or `nil` when it no longer exists (nothing to change).
    /// - Throws: `KubeAPIError`, `KubeTransportError`, `KubeDecodingError` when the write fails (retryable unless the
    ///   error says otherwise).
    @discardableResult
    public func write(_ decision: IncidentDecision, now: Date) async throws -> Incident? {
        switch decision.change {
        case .open(let incident):
            return try await open(incident)
        default:
            return try await modify(namespace: decision.namespace, name: decision.name) { status in
                status.apply(decision.change, now: now)
            }
        }
    }

    /// Applies `mutate` to the Incident's current status and writes it; retried on conflicts.
    /// - Returns: the Incident as written; `nil` when it does not exist.
    /// - Throws: what `mutate` throws (nothing is written then), or the client's errors.
    public func modify<Failure: Error>(
        namespace: String, name: String, _ mutate: (inout IncidentStatus) throws(Failure) -> Void
    ) async throws -> Incident? {
        var attempt = 0
        while true {
            attempt += 1
            let current: Incident
            do {
                current = try await client.get(Incident.self, name: name, namespace: namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            }
            guard var status = current.status else { return nil }
            try mutate(&status)
            guard status != current.status else { return current }
            var updated = current
            updated.status = status
            do {
                return try await client.updateStatus(updated)
            } catch let error as KubeAPIError where error.isConflict && attempt < Self.conflictAttempts {
                continue
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            }
        }
    }

    private func open(_ incident: Incident) async throws -> Incident? {
        guard let name = incident.metadata.name, let namespace = incident.metadata.namespace else { return nil }
        var created: Incident
        do {
            var object = incident
            object.status = nil
            created = try await client.create(object)
            logger.info(
                "Opened Incident",
                metadata: ["incident.namespace": "\(namespace)", "incident.name": "\(name)",
                    "alertrule.name": "\(incident.spec.alertRuleRef.name)"])
        } catch let error as KubeAPIError where error.isAlreadyExists {
            created = try await client.get(Incident.self, name: name, namespace: namespace)
            guard created.status == nil else { return created }
        }
        for attempt in 1...Self.conflictAttempts {
            created.status = incident.status
            do {
                return try await client.updateStatus(created)
            } catch let error as KubeAPIError where error.isConflict && attempt < Self.conflictAttempts {
                created = try await client.get(Incident.self, name: name, namespace: namespace)
                guard created.status == nil else { return created }
            }
        }
        return nil
    }
}
