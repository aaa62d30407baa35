import Foundation
import KubeRuntime
import TocsinControllers
import TocsinNotifiers

/// Everything that shapes one operator process, whatever started it (`tocsin run`, `tocsin demo`, a test).
public struct OperatorOptions: Sendable {
    /// The namespace the operator runs in (its Lease lives there).
    public var operatorNamespace: String
    /// The namespaces whose Monitors, AlertRules, OnCallSchedules, Incidents and Secrets are watched.
    public var watchNamespaces: NamespaceSelection = .all
    /// Namespaces whose Monitors may watch other namespaces.
    public var privilegedNamespaces: [String] = []
    /// Leader election, or `nil` to run the controllers at once (a single replica).
    public var leaderElection: LeaderElectionConfiguration?
    /// The host the HTTP endpoints listen on.
    public var host = "0.0.0.0"
    /// The port the HTTP endpoints listen on (0: any free port; see ``OperatorAssembly/port``).
    public var port = 8080
    /// The Slack app's signing secret, read on every request (so a rotated Secret mounted as a file takes
    /// effect at once); `nil` or empty refuses every Slack request.
    public var slackSigningSecret: @Sendable () -> String? = { nil }
    /// The Slack app-level token (`xapp-…`) for Socket Mode, read before each connection; `nil` turns Socket Mode
    /// off (clicks and commands then arrive only on the HTTP endpoints).
    public var slackAppToken: (@Sendable () -> String?)?
    /// The shared secret of the Opsgenie webhook, read on every request; `nil` answers 503.
    public var opsgenieWebhookSecret: @Sendable () -> String? = { nil }
    /// The header the Opsgenie webhook secret arrives in.
    public var opsgenieWebhookHeader = OpsgenieWebhookVerifier.defaultHeaderName
    /// Slack's Web API base URL.
    public var slackAPIBaseURL = "https://slack.com/api"
    /// Hosts a Slack `response_url` may point to.
    public var slackResponseHosts: Set<String> = SlackResponseURLClient.defaultAllowedHosts
    /// Whether a `response_url` may use plain HTTP (tests and the demo only).
    public var allowsPlainHTTPResponseURLs = false
    /// Whether the incidents HTTP API is served.
    public var servesIncidentsAPI = true
    /// Audiences a TokenReview of an API caller must carry (`nil`: the API server's default).
    public var incidentsAPIAudiences: [String]?
    /// How deliveries are paced and retried.
    public var delivery = DeliveryConfiguration()
    /// The wall clock of the engine, the reconcilers and the deliveries.
    public var now: @Sendable () -> Date = { Date() }

    /// Options with defaults for everything but the operator's namespace.
    public init(operatorNamespace: String) {
        self.operatorNamespace = operatorNamespace
    }
}
