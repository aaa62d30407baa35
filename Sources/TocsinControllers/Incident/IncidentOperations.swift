import Foundation
import KubeClient
import KubeCore
import TocsinAPI
import TocsinEngine

/// What people do to an Incident — acknowledge, resolve, escalate, add a note — from kubectl, Slack, Opsgenie or the
/// HTTP API: one implementation, recorded with who and when in the Incident's timeline and queued for its receivers.
public struct IncidentOperations: Sendable {
    /// An operation.
    public enum Operation: Sendable, Hashable {
        /// Stop escalation and repeats.
        case acknowledge
        /// Close the incident.
        case resolve
        /// Raise it to the rule's next escalation step now.
        case escalate
        /// Add a note.
        case note(String)
    }

    /// Where an operation comes from. What comes from a receiver is not sent back to it (an acknowledgement made
    /// in Opsgenie is not echoed to Opsgenie); Slack still gets its update, because its message shows the state.
    public enum Origin: String, Sendable, Hashable {
        /// kubectl annotations.
        case kubectl
        /// A Slack button or slash command.
        case slack
        /// An Opsgenie webhook.
        case opsgenie
        /// The HTTP API.
        case api
    }

    /// Why an operation failed.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// There is no such Incident.
        case notFound(namespace: String, name: String)
        /// The Incident refuses the operation.
        case refused(IncidentOperationError)

        /// A sentence for an API answer, a Slack reply or an Event.
        public var description: String {
            switch self {
            case .notFound(let namespace, let name): "Incident \(namespace)/\(name) not found"
            case .refused(let error): "\(error)"
            }
        }
    }

    let client: KubernetesClient
    let writer: IncidentWriter
    let now: @Sendable () -> Date

    /// Creates the operations over `client`.
    public init(client: KubernetesClient, writer: IncidentWriter, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.writer = writer
        self.now = now
    }

    /// Performs `operation` on Incident `namespace/name` as `actor`, coming from `origin`.
    /// - Returns: the Incident as written.
    /// - Throws: ``Failure`` when the Incident does not exist or refuses; the client's errors when a read or write
    ///   fails.
    @discardableResult
    public func perform(
        _ operation: Operation, namespace: String, name: String, by actor: String, origin: Origin = .api
    ) async throws -> Incident {
        let instant = now()
        let escalation = try await escalationChange(for: operation, namespace: namespace, name: name, actor: actor, now: instant)
        let written: Incident?
        do {
            written = try await modify(operation, namespace: namespace, name: name, by: actor, origin: origin, escalation: escalation, now: instant)
        } catch let refusal as IncidentOperationError {
            throw Failure.refused(refusal)
        }
        guard let written else { throw Failure.notFound(namespace: namespace, name: name) }
        return written
    }

    private func modify(
        _ operation: Operation, namespace: String, name: String, by actor: String, origin: Origin,
        escalation: IncidentChange?, now instant: Date
    ) async throws -> Incident? {
        try await writer.modify(namespace: namespace, name: name) {
            (status: inout IncidentStatus) throws(IncidentOperationError) in
            let before = status.deliveries ?? []
            defer { if origin == .opsgenie { status.dropNewEntries(since: before, of: .opsgenie) } }
            switch operation {
            case .acknowledge:
                try status.acknowledge(by: actor, now: instant)
            case .resolve:
                guard status.isOpen else { throw .alreadyResolved }
                status.resolve(by: actor, message: "Resolved by \(actor)", now: instant)
            case .note(let text):
                try status.addNote(text, by: actor, now: instant)
            case .escalate:
                guard status.isOpen else { throw .alreadyResolved }
                guard let escalation else { throw .noFurtherEscalation(level: status.escalationLevel ?? 0) }
                status.apply(escalation, now: instant)
            }
        }
    }

    /// The change of a manual escalation: the next step of the Incident's rule, with whoever is on call on its
    /// schedule now; `nil` when the rule has no further step.
    private func escalationChange(
        for operation: Operation, namespace: String, name: String, actor: String, now: Date
    ) async throws -> IncidentChange? {
        guard operation == .escalate else { return nil }
        let incident: Incident
        do {
            incident = try await client.get(Incident.self, name: name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            throw Failure.notFound(namespace: namespace, name: name)
        }
        let rule: AlertRule
        do {
            rule = try await client.get(AlertRule.self, name: incident.spec.alertRuleRef.name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
        let spec = rule.withDefaults().spec
        let level = (incident.status?.escalationLevel ?? 0) + 1
        guard level <= (spec.escalation ?? []).count else { return nil }
        let schedules = try await client.listAll(OnCallSchedule.self, namespace: namespace).items
        return EscalationPlanner.change(
            spec: spec, fingerprint: incident.spec.fingerprint, labels: incident.status?.labels ?? [:], level: level,
            directory: OnCallDirectory(schedules: schedules), actor: actor, now: now)
    }
}

extension IncidentStatus {
    /// Removes the outbox entries added since `before` to the deliveries of `type` (no echo to the origin).
    mutating func dropNewEntries(since before: [ReceiverDelivery], of type: ReceiverDelivery.ReceiverType) {
        guard var all = deliveries else { return }
        for index in all.indices where all[index].type == type {
            let known = Set((before.first { $0.receiver == all[index].receiver }?.pending ?? []).map(\.id))
            all[index].pending = all[index].pending?.filter { known.contains($0.id) }
        }
        deliveries = all
    }
}
