import Foundation
import Hummingbird
import TocsinAPI
import TocsinControllers
import TocsinNotifiers

extension SlackEndpoints {
    /// `POST /slack/commands`: `/tocsin status | incidents | ack|resolve|escalate <incident> | oncall [schedule] |
    /// help`, answered ephemerally.
    func command(_ request: Request) async -> Response {
        let body: ByteBuffer
        switch await verifiedBody(request) {
        case .success(let verified): body = verified
        case .failure(let rejection): return rejection.response
        }
        let form = SlackForm(decoding: body.readableBytesView)
        // Slack checks the certificate of the Request URL with a signed `ssl_check=1` request: answer 200.
        if form["ssl_check"] == "1" { return Self.emptyOK }
        let command: SlackSlashCommand
        do {
            command = try SlackSlashCommand(form: form)
        } catch {
            logger.warning("Refused a Slack command that could not be read", metadata: ["error": "\(error.message)"])
            return SlackRejection(status: .badRequest, text: "malformed slash command").response
        }
        return Self.ephemeral(await reply(to: command))
    }

    /// The answer to a verified slash command.
    func reply(to command: SlackSlashCommand) async -> String {
        let name = String(command.command.prefix(32))
        do {
            switch command.request {
            case .status:
                return SlackCommandReplies.status(openIncidents: try await directory.openIncidents())
            case .incidents:
                return SlackCommandReplies.incidents(openIncidents: try await directory.openIncidents())
            case .acknowledge(let incident):
                return try await queue(.acknowledge, incident: incident, for: command)
            case .resolve(let incident):
                return try await queue(.resolve, incident: incident, for: command)
            case .escalate(let incident):
                return try await queue(.escalate, incident: incident, for: command)
            case .onCall(let schedule):
                return SlackCommandReplies.onCall(schedules: try await directory.schedules(), named: schedule)
            case .override(let schedule, let duration):
                return try await takeOnCall(schedule: schedule, duration: duration, for: command)
            case .help:
                return SlackCommandRequest.usage(command: name)
            case .unknown:
                return command.request.usageMessage(command: name) ?? SlackCommandRequest.usage(command: name)
            }
        } catch {
            logger.error("Could not answer a Slack command", metadata: ["error": "\(error)"])
            return "Tocsin could not read from the Kubernetes API: try again in a moment."
        }
    }

    /// Finds the Incident `reference` names and queues `operation` on it; the answer says what happens next.
    func queue(
        _ operation: IncidentOperations.Operation, incident reference: String, for command: SlackSlashCommand
    ) async throws -> String {
        let key: SlackIncidentKey
        switch try await resolve(reference) {
        case .found(let found): key = found
        case .notFound: return "No incident `\(SlackText.escapedTruncated(reference, limit: 100))` found."
        case .ambiguous(let keys):
            let listed = keys.prefix(5).map { "`\(SlackText.escaped($0.value))`" }.joined(separator: ", ")
            return "Several incidents are named `\(SlackText.escapedTruncated(reference, limit: 100))` (\(listed)): "
                + "name one as `namespace/name`."
        }
        let job = SlackActionQueue.Job(
            operation: operation, incident: key, actor: command.actor, responseURL: command.responseURL,
            reportsSuccess: true)
        guard actions.enqueue(job) else { return SlackCommandReplies.busy }
        return SlackCommandReplies.working(operation, incident: key)
    }

    /// What an incident reference typed in a command names.
    enum Resolution: Equatable {
        case found(SlackIncidentKey)
        case notFound
        case ambiguous([SlackIncidentKey])
    }

    /// Resolves `namespace/name`, or a bare name searched in every visible namespace.
    func resolve(_ reference: String) async throws -> Resolution {
        if reference.contains("/") {
            guard let key = SlackIncidentKey(value: reference), IncidentDirectory.isValidNamespace(key.namespace),
                IncidentDirectory.isValidName(key.name),
                try await directory.incident(namespace: key.namespace, name: key.name) != nil
            else { return .notFound }
            return .found(key)
        }
        let keys = try await directory.incidents(named: reference).compactMap { incident -> SlackIncidentKey? in
            guard let namespace = incident.metadata.namespace, let name = incident.metadata.name else { return nil }
            return SlackIncidentKey(namespace: namespace, name: name)
        }
        switch keys.count {
        case 0: return .notFound
        case 1: return .found(keys[0])
        default: return .ambiguous(keys)
        }
    }
}
