import TocsinAPI
import TocsinEngine

/// Where one receiver of an Incident sends, as its AlertRule's routes configure it.
enum ReceiverTarget: Sendable, Hashable {
    /// Slack's Web API with the bot token in `token`.
    case slackBot(SlackReceiver, token: SecretKeySelector)
    /// A Slack incoming webhook whose URL is in `webhook` (a new message per delivery; no updates).
    case slackWebhook(SlackReceiver, webhook: SecretKeySelector)
    /// Opsgenie's Alert API.
    case opsgenie(OpsgenieReceiver)

    /// The receiver named `key` in `spec` for `incident`: `slack:<channel>` is the Slack receiver of that channel,
    /// `opsgenie` the Opsgenie receiver, taken from the route the incident matches now (its current severity and
    /// labels: two teams' routes may name different Opsgenie keys or Slack tokens) when that route has it, else
    /// from the first route that has it (a receiver added before an escalation changed the route). `nil` when no
    /// route configures it any more.
    static func resolve(_ key: String, in spec: AlertRuleSpec, for incident: Incident? = nil) -> ReceiverTarget? {
        var routes = spec.routes
        if let status = incident?.status, let matched = spec.route(for: status.severity, labels: status.labels ?? [:]) {
            routes.insert(matched, at: 0)
        }
        if key == "opsgenie" {
            return routes.lazy.compactMap(\.opsgenie).first.map { .opsgenie($0) }
        }
        guard key.hasPrefix("slack:") else { return nil }
        let channel = String(key.dropFirst("slack:".count))
        guard let slack = routes.lazy.compactMap(\.slack).first(where: { $0.channel == channel }) else { return nil }
        if let token = slack.tokenSecretRef { return .slackBot(slack, token: token) }
        if let webhook = slack.webhookSecretRef { return .slackWebhook(slack, webhook: webhook) }
        return nil
    }

    /// The Secret key holding the credential.
    var secret: SecretKeySelector {
        switch self {
        case .slackBot(_, let token): token
        case .slackWebhook(_, let webhook): webhook
        case .opsgenie(let receiver): receiver.apiKeySecretRef
        }
    }

    /// The circuit breaker this target shares: one for Slack, one per Opsgenie base URL.
    var breakerKey: String {
        switch self {
        case .slackBot, .slackWebhook: "slack"
        case .opsgenie(let receiver): "opsgenie:\(receiver.effectiveBaseURL)"
        }
    }
}
