import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import KubeClient
import KubeCore
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import TocsinAPI
import TocsinControllers
import TocsinEngine
import TocsinNotifiers
@testable import TocsinServer
import TocsinTesting

/// Fixed facts of the endpoint tests.
enum EndpointFixtures {
    static let epoch = Date(timeIntervalSince1970: 1_783_324_800)
    static let signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let opsgenieSecret = "og-shared-secret-42"
    static let incidents = FakeAPIServer.Resource(
        group: "tocsin.dev", version: "v1alpha1", plural: "incidents", kind: "Incident", hasStatusSubresource: true)
    static let schedules = FakeAPIServer.Resource(
        group: "tocsin.dev", version: "v1alpha1", plural: "oncallschedules", kind: "OnCallSchedule",
        hasStatusSubresource: true)
    static let alertRules = FakeAPIServer.Resource(
        group: "tocsin.dev", version: "v1alpha1", plural: "alertrules", kind: "AlertRule", hasStatusSubresource: true)

    static let quiet: Logger = {
        var logger = Logger(label: "tocsin.test.endpoints")
        logger.logLevel = .critical
        return logger
    }()

    /// The `X-Slack-Signature` of `body` sent at `timestamp` under `secret`.
    static func slackSignature(body: String, timestamp: String, secret: String = signingSecret) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Array("v0:\(timestamp):\(body)".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return "v0=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Slack's headers for `body`, signed now (at ``epoch``).
    static func slackHeaders(body: String, secret: String = signingSecret, age: TimeInterval = 0) -> [(String, String)] {
        let timestamp = String(Int64(epoch.timeIntervalSince1970 - age))
        return [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("X-Slack-Request-Timestamp", timestamp),
            ("X-Slack-Signature", slackSignature(body: body, timestamp: timestamp, secret: secret)),
        ]
    }

    /// `application/x-www-form-urlencoded` of `fields`.
    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// The form Slack posts when `actionID` is clicked on the card of `incident` (`namespace/name`).
    static func buttonForm(actionID: String, incident: String, responseURL: String) -> String {
        let payload: [String: Any] = [
            "type": "block_actions",
            "user": ["id": "U0ALICE", "username": "alice", "team_id": "T1"],
            "team": ["id": "T1"],
            "container": ["type": "message", "message_ts": "1.1", "channel_id": "C1"],
            "response_url": responseURL,
            "trigger_id": "1.2.3",
            "actions": [["action_id": actionID, "block_id": "actions", "value": incident, "action_ts": "2.2"]],
        ]
        let json = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data()
        return form([("payload", String(decoding: json, as: UTF8.self))])
    }

    /// The form of `/tocsin <text>` typed by alice.
    static func commandForm(_ text: String, responseURL: String, userID: String = "U0ALICE") -> String {
        form([
            ("token", "deprecated"), ("team_id", "T1"), ("channel_id", "C1"), ("user_id", userID),
            ("user_name", "alice"), ("command", "/tocsin"), ("text", text), ("response_url", responseURL),
            ("trigger_id", "1.2.3"),
        ])
    }

    /// Creates an Incident in the fake cluster (spec through create, status through the status subresource).
    @discardableResult
    static func createIncident(
        _ server: FakeAPIServer, namespace: String = "shop", name: String, fingerprint: String,
        severity: Severity = .critical, phase: IncidentPhase = .firing, startOffset: TimeInterval = -600,
        summary: String = "web is crash looping"
    ) throws -> Incident {
        var status = IncidentStatus.opened(
            content: IncidentContent(subject: "Deployment/web", summary: summary), severity: severity,
            startTime: epoch.addingTimeInterval(startOffset), paged: [],
            receivers: [
                ReceiverDelivery(
                    receiver: "slack:#alerts", type: .slack,
                    slack: SlackMessageReference(channel: "#alerts", channelID: "C1", ts: "1.1")),
                ReceiverDelivery(receiver: "opsgenie", type: .opsgenie, opsgenie: OpsgenieAlertReference(alias: fingerprint)),
            ],
            now: epoch.addingTimeInterval(startOffset))
        for index in status.deliveries?.indices ?? [].indices { status.deliveries?[index].pending = nil }
        status.phase = phase
        if phase == .acknowledged {
            status.acknowledgedBy = "bob"
            status.acknowledgedTime = Timestamp(epoch.addingTimeInterval(startOffset + 60))
        }
        if phase == .resolved {
            status.resolvedBy = "bob"
            status.resolvedTime = Timestamp(epoch.addingTimeInterval(startOffset + 60))
        }
        let incident = Incident(
            metadata: ObjectMeta(
                name: name, namespace: namespace, labels: [CompiledRule.fingerprintLabel: fingerprint]),
            spec: IncidentSpec(alertRuleRef: LocalObjectReference(name: "web-down"), fingerprint: fingerprint),
            status: nil)
        var created = try server.create(incidents, try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(incident)))
        created["status"] = try FakeJSON(jsonData: KubeJSON.makeEncoder().encode(status))
        try server.updateStatus(incidents, created)
        return try stored(server, namespace: namespace, name: name)
    }

    /// The Incident as the fake cluster holds it.
    static func stored(_ server: FakeAPIServer, namespace: String = "shop", name: String) throws -> Incident {
        guard let json = server.object(incidents, namespace: namespace, name: name) else {
            throw FixtureError(message: "no incident \(namespace)/\(name)")
        }
        return try KubeJSON.decode(Incident.self, from: json.jsonData)
    }

    /// Creates an OnCallSchedule whose status says `onCall` (participant, Slack ID) are on call now.
    static func createSchedule(
        _ server: FakeAPIServer, namespace: String = "shop", name: String, onCall: [(String, String?)]?
    ) throws {
        var created = try server.create(schedules, [
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["timeZone": "UTC", "rotations": []],
        ])
        guard let onCall else { return }
        let shifts: [FakeJSON] = onCall.map { participant, slackID in
            var shift: FakeJSON = [
                "participant": .string(participant), "start": "2026-07-05T00:00:00Z", "end": "2026-07-12T00:00:00Z",
            ]
            if let slackID { shift["slackUserID"] = .string(slackID) }
            return shift
        }
        created["status"] = ["onCallNow": .array(shifts)]
        try server.updateStatus(schedules, created)
    }

    /// Who "alice-token" and "bob-token" belong to; any other token is refused.
    static let tokenReviewer: @Sendable (String) -> FakeAPIServer.ReviewedUser? = { token in
        switch token {
        case "alice-token": FakeAPIServer.ReviewedUser(username: "alice@example.com", uid: "u-alice")
        case "bob-token": FakeAPIServer.ReviewedUser(username: "bob@example.com", uid: "u-bob")
        default: nil
        }
    }

    /// RBAC of the tests: alice may do everything; bob may only get and list in `shop`.
    static let accessReviewer: @Sendable (FakeAPIServer.AccessReviewRequest) -> Bool = { request in
        guard request.group == "tocsin.dev", request.resource == "incidents" else { return false }
        if request.user == "alice@example.com" { return true }
        if request.user == "bob@example.com" {
            return request.namespace == "shop" && (request.verb == "get" || request.verb == "list")
        }
        return false
    }
}

struct FixtureError: Error {
    var message: String
}

/// A response of the endpoints, as the tests inspect it.
struct EndpointResponse {
    var status: UInt
    var headers: [(String, String)]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body decoded as `T`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try KubeJSON.makeDecoder().decode(T.self, from: Data(body.utf8))
    }
}

/// Bodies posted to the test's response_url route.
final class PostedResponses: Sendable {
    private let bodies = Mutex([String]())

    func append(_ body: String) { bodies.withLock { $0.append(body) } }
    var all: [String] { bodies.withLock { $0 } }

    /// Waits (bounded: 500 polls of 10 ms) until `count` bodies arrived.
    func waitFor(count: Int) async throws -> [String] {
        for _ in 0..<500 {
            let current = all
            if current.count >= count { return current }
            try await Task.sleep(for: .milliseconds(10))
        }
        return all
    }
}

/// The endpoints on an operations server in front of a fake cluster.
struct EndpointHarness {
    let server: FakeAPIServer
    let client: KubernetesClient
    let port: Int
    let posted: PostedResponses
    let queue: SlackActionQueue
    let drained: AsyncStream<Void>
    /// The Slack endpoints (Socket Mode hands its envelopes to them).
    let slack: SlackEndpoints

    /// Stops the action queue and waits until every queued job is done (call at most once).
    func drainQueue() async {
        queue.finish()
        for await _ in drained {}
    }

    var responseURL: String { "http://127.0.0.1:\(port)/test/slack-response" }

    /// Sends a request (10 s deadline).
    func send(
        _ method: HTTPMethod = .POST, _ path: String, headers: [(String, String)] = [], body: String? = nil
    ) async throws -> EndpointResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let collected = try await response.body.collect(upTo: 4 << 20)
        return EndpointResponse(
            status: response.status.code, headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: collected))
    }

    /// `GET path` with `Authorization: Bearer token`.
    func api(_ method: HTTPMethod = .GET, _ path: String, token: String? = "alice-token", body: String? = nil)
        async throws -> EndpointResponse
    {
        var headers: [(String, String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try await send(method, path, headers: headers, body: body)
    }

    /// Waits (bounded: 500 polls of 10 ms) until `condition` holds for the stored Incident.
    func waitForIncident(
        namespace: String = "shop", name: String, _ condition: (Incident) -> Bool
    ) async throws -> Incident {
        var incident = try EndpointFixtures.stored(server, namespace: namespace, name: name)
        for _ in 0..<500 {
            if condition(incident) { return incident }
            try await Task.sleep(for: .milliseconds(10))
            incident = try EndpointFixtures.stored(server, namespace: namespace, name: name)
        }
        return incident
    }
}

/// Runs the Slack, Opsgenie and incidents-API endpoints on an operations server (127.0.0.1, port 0) backed by a fake
/// cluster with namespaces `shop` and `web`, and the Slack action queue, for the duration of `body`.
func withEndpoints(
    scope: IncidentDirectory.Scope = .allNamespaces, queueCapacity: Int = SlackActionQueue.defaultCapacity,
    _ body: (EndpointHarness) async throws -> Void
) async throws {
    let server = try await FakeAPIServer.start()
    do {
        for resource in [
            EndpointFixtures.incidents, EndpointFixtures.schedules, EndpointFixtures.alertRules,
            FakeAPIServer.Resource.tocsin("oncalloverrides"),
        ] {
            server.register(resource)
        }
        for namespace in ["shop", "web"] { try server.create(.namespaces, ["metadata": ["name": .string(namespace)]]) }
        server.tokenReviewer = EndpointFixtures.tokenReviewer
        server.accessReviewer = EndpointFixtures.accessReviewer
        let configuration = ClientConfiguration(server: server.baseURL, qps: 0, source: "test")
        let client = try KubernetesClient(configuration: configuration, maximumRetries: 1, connectTimeout: .seconds(2))
        do {
            try await runEndpoints(server: server, client: client, scope: scope, queueCapacity: queueCapacity, body)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

private func runEndpoints(
    server: FakeAPIServer, client: KubernetesClient, scope: IncidentDirectory.Scope, queueCapacity: Int,
    _ body: (EndpointHarness) async throws -> Void
) async throws {
    let logger = EndpointFixtures.quiet
    let now: @Sendable () -> Date = { EndpointFixtures.epoch }
    let operations = IncidentOperations(client: client, writer: IncidentWriter(client: client, logger: logger), now: now)
    let directory = IncidentDirectory(client: client, scope: scope)
    let responder = SlackResponseURLClient(
        httpClient: .shared, allowedHosts: ["127.0.0.1"], allowsPlainHTTP: true, logger: logger)
    let queue = SlackActionQueue(operations: operations, responder: responder, capacity: queueCapacity, logger: logger)
    let slack = SlackEndpoints(
        verifier: { SlackRequestVerifier(signingSecret: EndpointFixtures.signingSecret) }, actions: queue,
        directory: directory, now: now, logger: logger)
    let opsgenie = OpsgenieWebhookEndpoint(
        verifier: { try? OpsgenieWebhookVerifier(secret: EndpointFixtures.opsgenieSecret) }, operations: operations,
        directory: directory, logger: logger)
    let api = IncidentsAPI(
        directory: directory, operations: operations, authenticator: KubernetesTokenAuthenticator(client: client),
        authorizer: KubernetesAccessAuthorizer(client: client), logger: logger)
    let posted = PostedResponses()
    try await withOperationsServer(routes: { router in
        slack.register(on: router)
        opsgenie.register(on: router)
        api.register(on: router)
        router.post("/test/slack-response") { request, _ in
            var request = request
            let bytes = try await request.collectBody(upTo: 1 << 20)
            posted.append(String(buffer: bytes))
            return Response(status: .ok)
        }
    }) { harness in
        let (drained, drainedContinuation) = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await queue.run()
                drainedContinuation.finish()
            }
            try await body(
                EndpointHarness(
                    server: server, client: client, port: harness.port, posted: posted, queue: queue, drained: drained,
                    slack: slack))
            queue.finish()
            try await group.waitForAll()
        }
    }
}
