import Foundation
import TocsinAPI
import TocsinNotifiers

/// Sends one outbox entry to its receiver: the vendor requests, nothing else (no status, no retries).
///
/// - Slack with a bot token: `Create` (or any entry while the receiver has no message yet) posts the incident's
///   card and returns its channel ID and `ts`; `Update` updates the card in place; `Acknowledge`, `Escalate` and
///   `Resolve` update it and reply in its thread (`Resolve` replies only when the rule notifies on resolve);
///   `Note` only replies in the thread.
/// - Slack incoming webhooks cannot update a message: `Create` posts the card (without buttons), `Resolve` posts
///   it again in its resolved state when the rule notifies on resolve; other entries are done without a request.
/// - Opsgenie (by alias): `Create` creates the alert; `Acknowledge`, `Note` and `Resolve` acknowledge, add a
///   note and close it; `Escalate` escalates to the receiver's first escalation responder, or adds a note when it
///   has none (the Alert API has no priority update); `Update` is done without a request.
struct DeliverySender: Sendable {
    let slack: SlackClient
    let opsgenie: OpsgenieClient
    let cardOptions: SlackCardOptions
    let opsgenieOptions: OpsgenieAlertOptions

    /// Whether delivering `step` to `target` posts a Slack message (and so needs a channel rate-limit token).
    static func postsSlackMessage(_ step: DeliveryPlan.Step, target: ReceiverTarget, notifyOnResolve: Bool) -> Bool {
        switch target {
        case .opsgenie: return false
        case .slackWebhook: return step.entry.action == .create || (step.entry.action == .resolve && notifyOnResolve)
        case .slackBot:
            if step.postsCard { return true }
            switch step.entry.action {
            case .create, .note, .acknowledge, .escalate: return true
            case .resolve: return notifyOnResolve
            case .update: return false
            }
        }
    }

    /// Sends `step` of `delivery` for `incident` to `target` with `credential`.
    /// - Throws: ``DeliveryError`` from the vendor client.
    func send(
        _ step: DeliveryPlan.Step, incident: Incident, delivery: ReceiverDelivery, target: ReceiverTarget,
        credential: String, notifyOnResolve: Bool
    ) async throws(DeliveryError) -> DeliveryReceipt {
        switch target {
        case .slackBot(let receiver, _):
            return try await sendSlack(step, incident: incident, delivery: delivery, receiver: receiver, token: credential, notifyOnResolve: notifyOnResolve)
        case .slackWebhook(let receiver, _):
            let action = step.entry.action
            guard action == .create || (action == .resolve && notifyOnResolve) else { return DeliveryReceipt() }
            var options = cardOptions
            options.showsButtons = false
            try await slack.postWebhook(.incidentCard(for: incident, options: options), url: credential)
            return DeliveryReceipt(notification: action == .create ? "Posted to Slack \(receiver.channel) (incoming webhook)" : nil)
        case .opsgenie(let receiver):
            return try await sendOpsgenie(step, incident: incident, delivery: delivery, receiver: receiver, apiKey: credential)
        }
    }

    private func sendSlack(
        _ step: DeliveryPlan.Step, incident: Incident, delivery: ReceiverDelivery, receiver: SlackReceiver,
        token: String, notifyOnResolve: Bool
    ) async throws(DeliveryError) -> DeliveryReceipt {
        let action = step.entry.action
        guard !step.postsCard, let channelID = delivery.slack?.channelID, let ts = delivery.slack?.ts else {
            let posted = try await slack.postMessage(
                .incidentCard(for: incident, options: cardOptions), channel: receiver.channel, token: token)
            return DeliveryReceipt(
                slackMessage: SlackMessageReference(channel: receiver.channel, channelID: posted.channelID, ts: posted.ts),
                removesEntry: action != .note,
                notification: action == .create ? "Posted to Slack \(receiver.channel)" : nil)
        }
        let card = SlackMessage.incidentCard(for: incident, options: cardOptions)
        switch action {
        case .create:
            return DeliveryReceipt()
        case .update:
            _ = try await slack.updateMessage(card, channelID: channelID, ts: ts, token: token)
        case .acknowledge, .escalate, .resolve:
            _ = try await slack.updateMessage(card, channelID: channelID, ts: ts, token: token)
            if action != .resolve || notifyOnResolve {
                _ = try await slack.postMessage(
                    .timelineReply(Self.timelineEntry(for: step.entry, in: incident)), channel: channelID, threadTS: ts,
                    token: token)
            }
        case .note:
            _ = try await slack.postMessage(
                .timelineReply(Self.timelineEntry(for: step.entry, in: incident)), channel: channelID, threadTS: ts,
                token: token)
        }
        return DeliveryReceipt()
    }

    private func sendOpsgenie(
        _ step: DeliveryPlan.Step, incident: Incident, delivery: ReceiverDelivery, receiver: OpsgenieReceiver,
        apiKey: String
    ) async throws(DeliveryError) -> DeliveryReceipt {
        let recorded = delivery.opsgenie?.alias ?? ""
        let alias = OpsgenieLimits.truncate(recorded.isEmpty ? incident.spec.fingerprint : recorded, to: OpsgenieLimits.alias)
        let baseURL = receiver.effectiveBaseURL
        let entry = Self.timelineEntry(for: step.entry, in: incident)
        let actor = entry.actor.map { " by \($0)" } ?? ""
        let accepted: OpsgenieAccepted
        switch step.entry.action {
        case .create:
            var alert = OpsgenieAlert(incident: incident, receiver: receiver, options: opsgenieOptions)
            alert.alias = alias
            accepted = try await opsgenie.createAlert(alert, baseURL: baseURL, apiKey: apiKey)
            return DeliveryReceipt(opsgenieRequestID: accepted.requestID, notification: "Created Opsgenie alert \(alias)")
        case .update:
            return DeliveryReceipt()
        case .acknowledge:
            accepted = try await opsgenie.acknowledge(alias: alias, note: "Acknowledged\(actor) in Tocsin", baseURL: baseURL, apiKey: apiKey)
        case .note:
            let text = entry.message.flatMap { $0.isEmpty ? nil : $0 } ?? "Note"
            accepted = try await opsgenie.addNote(alias: alias, note: text + actor, baseURL: baseURL, apiKey: apiKey)
        case .escalate:
            let severity = incident.status?.severity
            let text = (entry.message ?? "Escalated") + (severity.map { "; severity \($0.rawValue) (\($0.opsgeniePriority))" } ?? "")
            if let escalation = receiver.responders?.first(where: { $0.type == .escalation }) {
                accepted = try await opsgenie.escalate(alias: alias, escalation: escalation.name, note: text, baseURL: baseURL, apiKey: apiKey)
            } else {
                accepted = try await opsgenie.addNote(alias: alias, note: text, baseURL: baseURL, apiKey: apiKey)
            }
        case .resolve:
            accepted = try await opsgenie.close(alias: alias, note: entry.message ?? "Resolved in Tocsin", baseURL: baseURL, apiKey: apiKey)
        }
        return DeliveryReceipt(opsgenieRequestID: accepted.requestID)
    }

    /// The timeline entry an outbox entry announces: the one of the matching type recorded when the entry was
    /// queued, else one made from the entry and the status.
    static func timelineEntry(for entry: OutboxEntry, in incident: Incident) -> TimelineEntry {
        let types: [TimelineEntry.EventType] =
            switch entry.action {
            case .create: [.fired]
            case .update: [.notified]
            case .acknowledge: [.acknowledged]
            case .escalate: [.escalated]
            case .resolve: [.resolved]
            case .note: [.note, .notified]
            }
        let status = incident.status
        let timeline = status?.timeline ?? []
        if let match = timeline.last(where: {
            types.contains($0.type) && $0.time == entry.enqueuedTime && (entry.message == nil || $0.message == entry.message)
        }) {
            return match
        }
        let actor: String? =
            switch entry.action {
            case .acknowledge: status?.acknowledgedBy
            case .resolve: status?.resolvedBy
            default: nil
            }
        return TimelineEntry(time: entry.enqueuedTime, type: types[0], actor: actor, message: entry.message)
    }
}
