import AsyncHTTPClient
import Foundation
import KubeCore
import Logging
import Synchronization
import Testing
import TocsinAPI
import TocsinNotifiers
import TocsinTesting

/// The fake workspace's bot token.
let slackTestToken = FakeSlackServer.defaultBotToken

/// A fake Slack server and a client pointed at it (logging into `logs`); the server is shut down afterwards.
func withFakeSlack(
    _ configuration: FakeSlackServer.Configuration = FakeSlackServer.Configuration(),
    _ body: (FakeSlackServer, SlackClient, SlackLogRecorder) async throws -> Void
) async throws {
    let server = try await FakeSlackServer.start(configuration: configuration)
    let logs = SlackLogRecorder()
    var logger = Logger(label: "tocsin.slack.test") { _ in logs }
    logger.logLevel = .trace
    let client = SlackClient(httpClient: .shared, apiBaseURL: server.apiBaseURL, logger: logger, timeout: .seconds(5))
    do {
        try await body(server, client, logs)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

/// Runs `body` and returns the ``DeliveryError`` it threw; records an issue (and returns `nil`) when it did not throw
/// or threw another type.
func slackDeliveryError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> DeliveryError? {
    do {
        try await body()
        Issue.record("expected a DeliveryError", sourceLocation: sourceLocation)
        return nil
    } catch let error as DeliveryError {
        return error
    } catch {
        Issue.record("expected a DeliveryError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Parses a JSON literal.
func slackJSON(_ text: String) throws -> FakeJSON {
    try FakeJSON(jsonData: Data(text.utf8))
}

/// Encodes `value` and reads it back as JSON.
func slackEncodedJSON(_ value: some Encodable) throws -> FakeJSON {
    try FakeJSON(jsonData: JSONEncoder().encode(value))
}

/// 2025-11-20T10:00:00Z.
let slackSampleStart = Timestamp(Date(timeIntervalSince1970: 1_763_632_800))

/// A critical incident firing for a crash-looping Deployment, with two paged participants.
func slackSampleIncident(phase: IncidentPhase = .firing) -> Incident {
    var status = IncidentStatus(
        phase: phase, severity: .critical, escalationLevel: 0, subject: "Deployment shop/api",
        summary: "api is crash looping", description: "Container app restarted 7 times in 10 minutes & exited <OOMKilled>.",
        affectedObjects: [
            AffectedObject(kind: "Pod", namespace: "shop", name: "api-7d9f-abcde", detail: "CrashLoopBackOff"),
            AffectedObject(kind: "Pod", namespace: "shop", name: "api-7d9f-fghij", detail: "restarts: 7"),
        ],
        affectedObjectCount: 5, startTime: slackSampleStart,
        paged: [
            PagedParticipant(name: "alice", slackUserID: "U0ALICE01", schedule: "platform", escalationLevel: 0, pagedTime: slackSampleStart),
            PagedParticipant(name: "bob", schedule: "platform", escalationLevel: 0, pagedTime: slackSampleStart),
        ])
    if phase != .firing {
        status.acknowledgedTime = Timestamp(slackSampleStart.date.addingTimeInterval(120))
        status.acknowledgedBy = "slack:U0ALICE01 (alice)"
    }
    if phase == .resolved {
        status.resolvedTime = Timestamp(slackSampleStart.date.addingTimeInterval(600))
        status.resolvedBy = "kubectl:bob@example.com"
    }
    return Incident(
        metadata: ObjectMeta(name: "crashloop-7f3a", namespace: "shop"),
        spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "crashloop"), fingerprint: "7f3a9c"),
        status: status)
}

/// Collects log messages and metadata, to check that no secret reaches a log line.
final class SlackLogRecorder: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])

    /// Every line logged, with its metadata rendered.
    var recorded: [String] { lines.withLock { $0 } }

    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        lines.withLock { $0.append("\(event.level) \(event.message) \(metadata)") }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
}
