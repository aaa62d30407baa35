import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import NIOCore
import Prometheus
import TocsinAPI
import TocsinServer
import TocsinTesting

/// The real `OperatorAssembly` against the real API server, with a fake Slack and a fake Opsgenie on loopback,
/// watching one namespace of the test's own (which is also its operator namespace).
struct OperatorHarness: Sendable {
    static let channelID = "C0SHOPALRT"
    static let signingSecret = "real-server-signing-secret"
    static let opsgenieKey = "real-server-opsgenie-key"
    static let aliceSlackID = "U0ALICE0001"

    /// The operators' logger: info, or the level in `TOCSIN_TEST_LOG_LEVEL` (e.g. `debug`) when set.
    static var defaultLogger: Logger {
        var logger = Logger(label: "tocsin.real-server")
        if let level = ProcessInfo.processInfo.environment["TOCSIN_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) {
            logger.logLevel = level
        }
        return logger
    }

    let controlPlane: KubeControlPlane
    let client: KubernetesClient
    let namespace: String
    let slack: FakeSlackServer
    let opsgenie: FakeOpsgenieServer

    /// Starts the fakes, creates the Secrets, Monitor and OnCallSchedule in a fresh namespace, and runs `body`.
    static func with(
        _ prefix: String, on dedicated: KubeControlPlane? = nil, _ body: (OperatorHarness) async throws -> Void
    ) async throws {
        try await RealCluster.withNamespace(prefix, on: dedicated) { controlPlane, client, namespace in
            let slack = try await FakeSlackServer.start(
                configuration: FakeSlackServer.Configuration(channels: [FakeSlackServer.Channel(id: channelID, name: "shop-alerts")]))
            let opsgenie = try await FakeOpsgenieServer.start(apiKey: opsgenieKey)
            let harness = OperatorHarness(
                controlPlane: controlPlane, client: client, namespace: namespace, slack: slack, opsgenie: opsgenie)
            do {
                try await harness.apply(harness.baseObjects)
                try await body(harness)
            } catch {
                await opsgenie.shutdown()
                await slack.shutdown()
                throw error
            }
            await opsgenie.shutdown()
            await slack.shutdown()
        }
    }

    /// Secrets, a Monitor of pods, nodes and events, and alice's schedule.
    var baseObjects: String {
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: tocsin-slack}
        stringData: {bot-token: \(FakeSlackServer.defaultBotToken)}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: tocsin-opsgenie}
        stringData: {api-key: \(Self.opsgenieKey)}
        ---
        apiVersion: tocsin.dev/v1alpha1
        kind: Monitor
        metadata: {name: shop}
        spec:
          kinds: [Pod, Node, Event]
          labels: {team: payments}
        ---
        apiVersion: tocsin.dev/v1alpha1
        kind: OnCallSchedule
        metadata: {name: primary}
        spec:
          timeZone: Europe/Amsterdam
          rotations:
            - name: weekly
              participants:
                - {name: alice, slackUserID: \(Self.aliceSlackID), opsgenieUser: alice@example.com}
              shiftLength: 1w
              handoffTime: "09:00"
              start: "2026-01-05T09:00:00Z"
        """
    }

    /// An AlertRule `name` with `condition` (YAML under `condition:`), firing at once, routed to Slack and Opsgenie
    /// and paging the schedule.
    func rule(_ name: String, condition: String, severity: String = "critical", extra: String = "") -> String {
        """
        apiVersion: tocsin.dev/v1alpha1
        kind: AlertRule
        metadata: {name: \(name)}
        spec:
          monitorRef: {name: shop}
          severity: \(severity)
          condition: \(condition)
          for: 0s
          summary: '{{ .labels.namespace }}: \(name)'
          routes:
            - slack:
                channel: "#shop-alerts"
                tokenSecretRef: {name: tocsin-slack, key: bot-token}
              opsgenie:
                apiKeySecretRef: {name: tocsin-opsgenie, key: api-key}
                baseURL: \(opsgenie.baseURL.absoluteString)
              onCallScheduleRef: {name: primary}
        \(extra)
        """
    }

    /// A Monitor `api-probe` probing a loopback port nothing listens on every 5 s, and a `probeDown` rule `api-down`
    /// on it that fires after `consecutiveFailures` failed checks.
    func applyClosedPortProbe(consecutiveFailures: Int) async throws {
        let port = try freeLoopbackPort()
        try await apply(
            """
            apiVersion: tocsin.dev/v1alpha1
            kind: Monitor
            metadata: {name: api-probe}
            spec:
              kinds: [Pod]
              probes:
                - {name: api, url: "http://127.0.0.1:\(port)/healthz", interval: 5s, timeout: 1s}
            """)
        try await apply(
            rule("api-down", condition: "{probeDown: {probe: api, consecutiveFailures: \(consecutiveFailures)}}")
                .replacingOccurrences(of: "monitorRef: {name: shop}", with: "monitorRef: {name: api-probe}"))
    }

    /// Writes `phase: Failed` (evicted) into the status of the pod `name`, as its kubelet would.
    func failPod(_ name: String) async throws {
        _ = try await controlPlane.writePodStatus(
            name, namespace: namespace, status: ["phase": "Failed", "reason": "Evicted"], client: client)
    }

    /// Waits until the operator's caches have synced.
    func waitForSync(_ assembly: OperatorAssembly) async throws {
        try await eventually("the operator's caches to sync") { assembly.manager.hasSyncedCaches ? true : nil }
    }

    /// Creates every document of `yaml` in the harness's namespace (strict field validation, as kubectl does).
    func apply(_ yaml: String) async throws {
        for document in try KubeControlPlane.yamlDocuments(yaml) {
            var object = try KubeControlPlane.object(from: document)
            object.metadata.namespace = namespace
            let resource = try Self.resourceType(of: object)
            _ = try await createStrictly(object, resource: resource, client: client)
        }
    }

    static func resourceType(of object: GenericObject) throws -> ResourceType {
        switch object.kind {
        case "Secret": return .secrets
        case "ConfigMap": return .configMaps
        default:
            guard let type = CustomResourceDefinition.all.map(\.resourceType).first(where: { $0.kind == object.kind }) else {
                throw KubeControlPlaneError("the harness cannot create a \(object.kind ?? "?")")
            }
            return type
        }
    }

    /// The options of an operator watching only this namespace, talking to the fakes.
    func options(leaderElection: LeaderElectionConfiguration? = nil) -> OperatorOptions {
        var options = OperatorOptions(operatorNamespace: namespace)
        options.watchNamespaces = .names([namespace])
        options.host = "127.0.0.1"
        options.port = 0
        options.slackAPIBaseURL = slack.apiBaseURL
        options.slackSigningSecret = { Self.signingSecret }
        options.slackResponseHosts = ["127.0.0.1"]
        options.allowsPlainHTTPResponseURLs = true
        options.leaderElection = leaderElection
        options.incidentsAPIAudiences = [KubeControlPlane.serviceAccountIssuer]
        return options
    }

    /// Runs an operator (with `token`'s rights, the admin's by default) while `body` runs.
    @discardableResult
    func runOperator<Result: Sendable>(
        token: String? = nil, options: OperatorOptions? = nil, logger: Logger = OperatorHarness.defaultLogger,
        _ body: @escaping @Sendable (OperatorAssembly) async throws -> Result
    ) async throws -> Result {
        let operatorClient = try controlPlane.makeClient(token: token, namespace: namespace)
        let assembly = try OperatorAssembly(
            client: operatorClient, httpClient: HTTPClient.shared, options: options ?? self.options(),
            registry: PrometheusCollectorRegistry(), version: "test", logger: logger)
        do {
            let result = try await assembly.run(logger: logger) { try await body(assembly) }
            try? await operatorClient.shutdown()
            return result
        } catch {
            try? await operatorClient.shutdown()
            throw error
        }
    }

    /// The Incidents of the namespace as the server stores them.
    func incidents() async throws -> [Incident] {
        try await client.list(Incident.self, namespace: namespace).items
    }

    /// Waits for an Incident of `rule` in `phase`.
    func incident(of rule: String, in phase: IncidentPhase, timeout: Duration = .seconds(90)) async throws -> Incident {
        try await eventually("an Incident of \(rule) in phase \(phase)", timeout: timeout) {
            try await incidents().first { $0.spec.alertRuleRef.name == rule && $0.status?.phase == phase }
        }
    }

    /// Sends the signed Slack click a person's button press makes.
    func click(_ action: String, incident: String, messageTS: String, port: Int, user: String = aliceSlackID) async throws {
        let payload: [String: Any] = [
            "type": "block_actions", "trigger_id": "test.trigger",
            "user": ["id": user, "username": "alice", "name": "alice"],
            "team": ["id": "T0TEST"], "channel": ["id": Self.channelID],
            "container": ["type": "message", "message_ts": messageTS, "channel_id": Self.channelID],
            "message": ["ts": messageTS],
            "actions": [["type": "button", "action_id": action, "block_id": "actions", "value": "\(namespace)/\(incident)", "action_ts": "1"]],
        ]
        let form = SlackSignedForm(
            payload: try JSONSerialization.data(withJSONObject: payload), signingSecret: Self.signingSecret)
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/slack/interactivity")
        request.method = .POST
        for (name, value) in form.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: form.body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard response.status == .ok else { throw KubeControlPlaneError("Slack interactivity answered \(response.status.code)") }
    }
}
