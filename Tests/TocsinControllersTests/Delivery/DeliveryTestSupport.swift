import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import TocsinAPI
import TocsinControllers
import TocsinNotifiers
import TocsinTesting

/// Fixtures of the delivery tests: namespace `shop`, rule `web-down` routing to Slack `#alerts` (bot token in
/// Secret `slack`) and Opsgenie (API key in Secret `opsgenie`, base URL the fake's).
enum DeliveryFixtures {
    static let epoch = AlertRuleFixtures.epoch
    static let opsgenieKey = "og-key-SECRET-0000-1111"
    static let botToken = FakeSlackServer.defaultBotToken

    static func rule(opsgenieBaseURL: String, slack: Bool = true, opsgenie: Bool = true) -> FakeJSON {
        var route: [String: FakeJSON] = [:]
        if slack { route["slack"] = ["channel": "#alerts", "tokenSecretRef": ["name": "slack", "key": "token"]] }
        if opsgenie {
            route["opsgenie"] = ["apiKeySecretRef": ["name": "opsgenie", "key": "apiKey"], "baseURL": .string(opsgenieBaseURL)]
        }
        return [
            "apiVersion": "tocsin.dev/v1alpha1", "kind": "AlertRule",
            "metadata": ["name": "web-down", "namespace": "shop"],
            "spec": [
                "monitorRef": ["name": "web"], "severity": "critical", "condition": ["podCrashLooping": [:]],
                "routes": [.object(route)],
            ],
        ]
    }

    static func secret(_ name: String, key: String, value: String) throws -> FakeJSON {
        let secret = Secret(metadata: ObjectMeta(name: name, namespace: "shop"), data: [key: Data(value.utf8)])
        return try FakeJSON(jsonData: try JSONEncoder().encode(secret))
    }

    /// A firing Incident `name` whose receivers each have a pending `Create` (and `slack` its message reference).
    static func incident(
        _ name: String, receivers: [String] = ["slack:#alerts", "opsgenie"], slack: SlackMessageReference? = nil,
        pending: [OutboxEntry]? = nil
    ) -> Incident {
        let create = OutboxEntry(id: "create-1", action: .create, enqueuedTime: Timestamp(epoch))
        let deliveries = receivers.map { receiver in
            receiver == "opsgenie"
                ? ReceiverDelivery(
                    receiver: receiver, type: .opsgenie, opsgenie: OpsgenieAlertReference(alias: "fp-\(name)"),
                    pending: pending ?? [create])
                : ReceiverDelivery(
                    receiver: receiver, type: .slack, slack: slack ?? SlackMessageReference(channel: "#alerts"),
                    pending: pending ?? [create])
        }
        return Incident(
            metadata: ObjectMeta(name: name, namespace: "shop"),
            spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "web-down"), fingerprint: "fp-\(name)"),
            status: IncidentStatus(
                phase: .firing, severity: .critical, escalationLevel: 0, subject: "Deployment shop/web",
                summary: "web is crash looping", labels: ["namespace": "shop"], startTime: Timestamp(epoch),
                deliveries: deliveries,
                timeline: [TimelineEntry(time: Timestamp(epoch), type: .fired, message: "web is crash looping")]))
    }
}

/// The world of a delivery test.
struct DeliveryWorld {
    let server: FakeAPIServer
    let client: KubernetesClient
    let slack: FakeSlackServer
    let opsgenie: FakeOpsgenieServer
    /// A Slack client of the fake, for what happened "before" a test.
    let slackClient: SlackClient
    let wall: TestWallClock
    let logs: CapturedLogs
    /// The Event recorder of the cluster (for reconcilers run beside the delivery service).
    let events: EventRecorder

    /// Creates `incident` and writes its status (as the engine does).
    func create(_ incident: Incident) throws {
        var object = incident
        object.status = nil
        let created = try server.create(AlertRuleFixtures.incidents, try FakeJSON(jsonData: try KubeJSON.makeEncoder().encode(object)))
        var withStatus = incident
        withStatus.metadata.resourceVersion = created["metadata"]?["resourceVersion"]?.stringValue
        try server.updateStatus(AlertRuleFixtures.incidents, try FakeJSON(jsonData: try KubeJSON.makeEncoder().encode(withStatus)))
    }

    /// The stored Incident `name`.
    func incident(_ name: String) throws -> Incident? {
        guard let json = server.object(AlertRuleFixtures.incidents, namespace: "shop", name: name) else { return nil }
        return try KubeJSON.decode(Incident.self, from: json.jsonData)
    }

    /// The delivery `receiver` of the stored Incident `name`.
    func delivery(_ name: String, _ receiver: String) -> ReceiverDelivery? {
        (try? incident(name))??.status?.deliveries?.first { $0.receiver == receiver }
    }

    /// Whether the stored Incident has the delivery `receiver` and nothing is pending there.
    func isDelivered(_ name: String, _ receiver: String) -> Bool {
        guard let delivery = delivery(name, receiver) else { return false }
        return delivery.pending == nil
    }

    /// Changes the stored Incident's status as the engine or a person would.
    func modify(_ name: String, _ change: @escaping @Sendable (inout IncidentStatus) throws -> Void) async throws {
        _ = try await IncidentWriter(client: client, logger: quietLogger("test.delivery.writer")).modify(
            namespace: "shop", name: name, change)
    }

    /// Everything stored or logged that must never hold a credential.
    func everythingVisible() -> String {
        let stored = (server.objects(AlertRuleFixtures.incidents) + server.objects(AlertRuleFixtures.alertRules)
            + server.objects(.events)).map { "\($0)" }
        return (stored + logs.all).joined(separator: "\n")
    }
}

/// Runs the fake cluster (with the rule and both Secrets), fake Slack and Opsgenie, and the delivery service.
func withDeliveryService(
    configuration: DeliveryConfiguration = DeliveryConfiguration(
        tick: .milliseconds(10), requestCheckDelay: .zero),
    rule: ((String) -> FakeJSON)? = nil,
    _ body: (DeliveryWorld) async throws -> Void
) async throws {
    let logs = CapturedLogs()
    let wall = TestWallClock(DeliveryFixtures.epoch)
    let slack = try await FakeSlackServer.start()
    let opsgenie = try await FakeOpsgenieServer.start(apiKey: DeliveryFixtures.opsgenieKey)
    let http = HTTPClient(eventLoopGroupProvider: .singleton)
    do {
        try await withControllerCluster(
            resources: [AlertRuleFixtures.alertRules, AlertRuleFixtures.incidents],
            namespaces: [try namespaceJSON("shop")], now: { wall.now }, eventLogger: logs.logger("test.delivery.events")
        ) { server, client, events in
            let baseURL = opsgenie.baseURL.absoluteString
            try server.create(AlertRuleFixtures.alertRules, rule?(baseURL) ?? DeliveryFixtures.rule(opsgenieBaseURL: baseURL))
            try server.create(.secrets, try DeliveryFixtures.secret("slack", key: "token", value: DeliveryFixtures.botToken))
            try server.create(.secrets, try DeliveryFixtures.secret("opsgenie", key: "apiKey", value: DeliveryFixtures.opsgenieKey))
            let informers = SharedInformers(client: client, logger: quietLogger("test.delivery.informers"))
            let slackClient = SlackClient(httpClient: http, apiBaseURL: slack.apiBaseURL, logger: logs.logger("test.slack"))
            let parts = DeliveryService.make(
                client: client, informers: informers, slack: slackClient,
                opsgenie: OpsgenieClient(httpClient: http, logger: logs.logger("test.opsgenie")), events: events,
                configuration: configuration, now: { wall.now }, random: { 0 }, logger: logs.logger("test.delivery"))
            let world = DeliveryWorld(
                server: server, client: client, slack: slack, opsgenie: opsgenie, slackClient: slackClient, wall: wall, logs: logs,
                events: events)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                try await parts.waitUntilSynced()
                group.addTask { try await parts.service.run() }
                try await body(world)
                group.cancelAll()
            }
        }
    } catch {
        try? await http.shutdown()
        await slack.shutdown()
        await opsgenie.shutdown()
        throw error
    }
    try await http.shutdown()
    await slack.shutdown()
    await opsgenie.shutdown()
}
