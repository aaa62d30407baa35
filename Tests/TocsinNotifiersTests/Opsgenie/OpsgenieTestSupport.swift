import AsyncHTTPClient
import Foundation
import KubeCore
import Logging
import Synchronization
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

/// The API key the fake Opsgenie accepts in these tests.
let opsgenieTestAPIKey = "5c1b2e70-9d4f-4a3e-b2c1-0e8f7a6d5c4b"

/// A fake Opsgenie and a client of it (with a log handler that keeps every line); the server is shut down
/// when the body returns or throws.
func withFakeOpsgenie(
    _ body: (FakeOpsgenieServer, OpsgenieClient, OpsgenieLogRecorder) async throws -> Void
) async throws {
    let server = try await FakeOpsgenieServer.start(apiKey: opsgenieTestAPIKey)
    let recorder = OpsgenieLogRecorder()
    var logger = Logger(label: "tocsin.test.opsgenie") { _ in recorder }
    logger.logLevel = .trace
    let client = OpsgenieClient(httpClient: HTTPClient.shared, logger: logger, timeout: .seconds(5))
    do {
        try await body(server, client, recorder)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

/// Parses JSON text, failing the test when it is not JSON.
func opsgenieJSON(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> FakeJSON {
    try FakeJSON(jsonData: Data(text.utf8))
}

/// The JSON a value encodes to, as the client sends it.
func opsgenieEncodedJSON(_ value: some Encodable) throws -> FakeJSON {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try FakeJSON(jsonData: try encoder.encode(value))
}

/// The sample incident: a crash-looping Deployment in `shop`, escalated from high to critical.
func opsgenieSampleIncident() throws -> Incident {
    let start = try #require(Timestamp(rfc3339: "2026-11-20T10:00:00Z"))
    return Incident(
        metadata: ObjectMeta(name: "pod-crashlooping-7f3a9c", namespace: "shop"),
        spec: IncidentSpec(
            alertRuleRef: LocalObjectReference(name: "pod-crashlooping"), fingerprint: "7f3a9c2e4b1d",
            groupLabels: ["namespace": "shop", "workload": "Deployment/api"]),
        status: IncidentStatus(
            phase: .firing, severity: .critical, escalationLevel: 1, subject: "Deployment shop/api",
            summary: "Pod shop/api-7d9f crash looping", description: "Container app restarted 7 times in 10 minutes.",
            labels: ["team": "payments", "namespace": "shop", "workload": "Deployment/api"], value: "7",
            affectedObjects: [
                AffectedObject(kind: "Pod", namespace: "shop", name: "api-7d9f-abcde", detail: "CrashLoopBackOff")
            ],
            affectedObjectCount: 1, startTime: start,
            paged: [
                PagedParticipant(
                    name: "Alice", opsgenieUser: "alice@example.com", escalationLevel: 0, pagedTime: start),
                PagedParticipant(name: "Bob", opsgenieUser: "bob@example.com", escalationLevel: 1, pagedTime: start),
            ]))
}

/// The sample receiver: a team and a user as responders, two tags.
func opsgenieSampleReceiver() -> OpsgenieReceiver {
    OpsgenieReceiver(
        apiKeySecretRef: SecretKeySelector(name: "opsgenie", key: "apiKey"),
        responders: [
            OpsgenieResponder(type: .team, name: "payments-oncall"),
            OpsgenieResponder(type: .user, name: "alice@example.com"),
        ],
        tags: ["k8s", "prod"])
}

/// The sample options: one dashboard link.
func opsgenieSampleOptions() -> OpsgenieAlertOptions {
    OpsgenieAlertOptions(links: [
        .init(title: "Dashboard", url: "https://grafana.example.com/d/pods?var-namespace=shop")
    ])
}

/// The exact JSON the sample incident, receiver and options produce.
let opsgenieSampleAlertJSON = #"""
    {
      "alias": "7f3a9c2e4b1d",
      "message": "Pod shop/api-7d9f crash looping",
      "description": "Pod shop/api-7d9f crash looping\n\nContainer app restarted 7 times in 10 minutes.\n\nAffected objects (1):\n• Pod shop/api-7d9f-abcde: CrashLoopBackOff\n\nSeverity: critical (P1), escalation level 1\nValue: 7\nStarted: 2026-11-20T10:00:00Z\nIncident: shop/pod-crashlooping-7f3a9c\nAlertRule: shop/pod-crashlooping\n\nLinks:\n• Dashboard: https://grafana.example.com/d/pods?var-namespace=shop",
      "priority": "P1",
      "responders": [
        {"type": "team", "name": "payments-oncall"},
        {"type": "user", "username": "alice@example.com"},
        {"type": "user", "username": "bob@example.com"}
      ],
      "tags": ["k8s", "prod", "severity:critical", "namespace:shop"],
      "details": {
        "incident": "shop/pod-crashlooping-7f3a9c",
        "namespace": "shop",
        "team": "payments",
        "workload": "Deployment/api"
      },
      "entity": "Deployment shop/api",
      "source": "tocsin",
      "user": "Tocsin"
    }
    """#

/// A log handler that keeps every message and its metadata, to check that no secret is ever logged.
final class OpsgenieLogRecorder: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])

    /// Every logged line: level, message and metadata.
    var all: [String] { lines.withLock { $0 } }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
    }
}
