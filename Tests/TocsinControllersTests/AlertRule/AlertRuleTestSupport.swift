import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import Synchronization
import TocsinAPI
import TocsinTesting

/// Fixtures of the AlertRule controller tests (a namespace, so that names do not clash with other suites).
enum AlertRuleFixtures {
    static let alertRules = FakeAPIServer.Resource(
        group: "tocsin.dev", version: "v1alpha1", plural: "alertrules", kind: "AlertRule", isNamespaced: true,
        hasStatusSubresource: true, isCustomResource: true)
    static let monitors = FakeAPIServer.Resource(
        group: "tocsin.dev", version: "v1alpha1", plural: "monitors", kind: "Monitor", isNamespaced: true,
        hasStatusSubresource: true, isCustomResource: true)
    static let incidents = FakeAPIServer.Resource(
        group: "tocsin.dev", version: "v1alpha1", plural: "incidents", kind: "Incident", isNamespaced: true,
        hasStatusSubresource: true, isCustomResource: true)

    /// 2026-07-06T08:00:00Z.
    static let epoch = Date(timeIntervalSince1970: 1_783_324_800)
    /// The value of every test Secret: it must never show up anywhere.
    static let secretValue = "xoxb-TOP-SECRET-VALUE"

    /// The rule `web-down`: Monitor `web`, a route to Slack (Secret `slack`, key `token`) paging schedule
    /// `platform`, an Opsgenie route (Secret `opsgenie`, key `apiKey`) and an escalation to schedule `managers`.
    static func rule(
        _ name: String = "web-down", summary: String = "{{ .labels.pod }} is crash looping", routes: FakeJSON? = nil
    ) -> FakeJSON {
        let defaultRoutes: FakeJSON = [
            [
                "match": ["severities": ["critical"]],
                "slack": ["channel": "#alerts", "tokenSecretRef": ["name": "slack", "key": "token"]],
                "onCallScheduleRef": ["name": "platform"],
            ],
            ["opsgenie": ["apiKeySecretRef": ["name": "opsgenie", "key": "apiKey"]]],
        ]
        return [
            "apiVersion": "tocsin.dev/v1alpha1", "kind": "AlertRule",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "monitorRef": ["name": "web"], "severity": "critical", "condition": ["podCrashLooping": [:]],
                "summary": .string(summary), "routes": routes ?? defaultRoutes,
                "escalation": [["after": "15m", "onCallScheduleRef": ["name": "managers"]]],
            ],
        ]
    }

    static func monitor(_ name: String = "web") -> FakeJSON {
        [
            "apiVersion": "tocsin.dev/v1alpha1", "kind": "Monitor",
            "metadata": ["name": .string(name), "namespace": "default"], "spec": [:],
        ]
    }

    static func secret(_ name: String, keys: [String]) -> FakeJSON {
        let encoded = FakeJSON.string(Data(secretValue.utf8).base64EncodedString())
        return [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": .string(name), "namespace": "default"],
            "data": .object(Dictionary(uniqueKeysWithValues: keys.map { ($0, encoded) })),
        ]
    }

    /// Creates every object the default rule references.
    static func createReferences(in server: FakeAPIServer, except skipped: Set<String> = []) throws {
        if !skipped.contains("web") { try server.create(monitors, monitor()) }
        for schedule in ["platform", "managers"] where !skipped.contains(schedule) {
            try server.create(onCallScheduleResource, try onCallScheduleJSON(schedule))
        }
        if !skipped.contains("slack") { try server.create(.secrets, secret("slack", keys: ["token"])) }
        if !skipped.contains("opsgenie") { try server.create(.secrets, secret("opsgenie", keys: ["apiKey"])) }
    }

    /// An Incident of `rule` in `phase` with `timeline`, stored with its status.
    static func createIncident(
        in server: FakeAPIServer, _ name: String, rule: String = "web-down", phase: String, timeline: [FakeJSON] = []
    ) throws {
        var incident: FakeJSON = [
            "apiVersion": "tocsin.dev/v1alpha1", "kind": "Incident",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["alertRuleRef": ["name": .string(rule)], "fingerprint": .string("fp-\(name)")],
        ]
        incident = try server.create(incidents, incident)
        incident["status"] = [
            "phase": .string(phase), "severity": "critical", "startTime": "2026-07-06T07:00:00Z",
            "timeline": .array(timeline),
        ]
        try server.updateStatus(incidents, incident)
    }

    static func timelineEntry(_ time: String, _ type: String, _ message: String? = nil) -> FakeJSON {
        var entry: [String: FakeJSON] = ["time": .string(time), "type": .string(type)]
        if let message { entry["message"] = .string(message) }
        return .object(entry)
    }
}

/// Log lines kept in memory, to check that no secret value is logged.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    var all: [String] { lines.withLock { $0 } }

    /// A logger at trace level writing here.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { _ in CapturingLogHandler(logs: self) }
        logger.logLevel = .trace
        return logger
    }
}

/// A log handler appending each message and its metadata to ``CapturedLogs``.
struct CapturingLogHandler: LogHandler {
    let logs: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        logs.append("\(event.level) \(event.message) \(merged)")
    }
}

/// A fake API server with the Tocsin resources registered, a client, an event recorder, and captured logs of
/// the client, the recorder and the reconciler.
func withAlertRuleCluster(
    _ body: (FakeAPIServer, KubernetesClient, EventRecorder, CapturedLogs) async throws -> Void
) async throws {
    let logs = CapturedLogs()
    try await withControllerCluster(
        resources: [
            AlertRuleFixtures.alertRules, AlertRuleFixtures.monitors, AlertRuleFixtures.incidents,
            onCallScheduleResource,
        ],
        now: { AlertRuleFixtures.epoch }, eventLogger: logs.logger("test.alertrule.events")
    ) { server, client, recorder in
        try await body(server, client, recorder, logs)
    }
}
