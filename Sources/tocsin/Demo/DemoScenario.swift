import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import Logging
import NIOCore
import TocsinAPI
import TocsinTesting

/// The scripted scenario of `tocsin demo`, driven against the running operator: a pod starts crash looping, an
/// incident fires and pages the on-call, alice acknowledges in Slack, the pod recovers and the incident resolves.
struct DemoScenario {
    let cluster: FakeAPIServer
    let slack: FakeSlackServer
    let opsgenie: FakeOpsgenieServer
    let clock: DemoClock
    let operatorPort: @Sendable () -> Int?
    /// Whether clicks go over Slack Socket Mode instead of a signed request to the operator's endpoint.
    let socketMode: Bool
    let timeout: Duration
    let print: @Sendable (String) -> Void

    /// Runs the scenario; every step waits for what the operator must do next.
    /// - Throws: ``DemoError`` when a step does not happen in time.
    func run() async throws {
        // The scenario means nothing if the operator refused a demo object: each must report Ready=True first.
        for (plural, name) in [
            ("monitors", "shop"), ("oncallschedules", "payments-primary"), ("alertrules", DemoObjects.ruleName),
        ] {
            let ready = try await waitFor("\(plural) \(name) to report Ready") { readyCondition(plural, name) }
            say("\(ready.kind) \(DemoObjects.namespace)/\(name) Ready=\(ready.status) (\(ready.reason))")
            guard ready.status == "True" else {
                throw DemoError("\(ready.kind) \(DemoObjects.namespace)/\(name) is not ready: \(ready.message)")
            }
        }
        say("pod \(DemoObjects.namespace)/\(DemoObjects.podName) starts crash looping (CrashLoopBackOff, 3 restarts)")
        try cluster.updateStatus(.pods, DemoObjects.json(DemoObjects.pod(crashing: true)))

        let incident = try await waitFor("the incident to fire") { try firingIncident() }
        let name = incident.metadata.name ?? "?"
        let paged = (incident.status?.paged ?? []).map { "\($0.name) (\($0.slackUserID ?? "no Slack id"))" }
        say("Incident \(DemoObjects.namespace)/\(name) \(incident.status?.phase.rawValue ?? "?"): \(incident.status?.summary ?? "")")
        say("  severity \(incident.status?.severity.rawValue ?? "?"), paged \(paged.joined(separator: ", "))")

        let post = try await waitFor("the Slack message") { slack.requests(apiMethod: "chat.postMessage").first }
        describeSlack(post, as: "chat.postMessage")
        let create = try await waitFor("the Opsgenie alert") { opsgenie.requests(method: "POST", path: "/v2/alerts").first }
        describeOpsgenie(create)

        say(
            "alice clicks Acknowledge in Slack "
                + (socketMode ? "(envelope over the Socket Mode WebSocket)" : "(signed request to /slack/interactivity)"))
        let message = try await waitFor("the Slack message to be recorded") { slack.messages(in: DemoObjects.channelID).first }
        let clicked = ContinuousClock.now
        try await clickAcknowledge(incident: name, messageTS: message.ts)
        let update = try await waitFor("the Slack card update", every: .milliseconds(1)) {
            slack.requests(apiMethod: "chat.update").first
        }
        let cardLatency = ContinuousClock.now - clicked
        let ack = try await waitFor("the Opsgenie acknowledgement", every: .milliseconds(1)) {
            opsgenie.requests.first { $0.method == "POST" && $0.path.hasSuffix("/acknowledge") }
        }
        let opsgenieLatency = ContinuousClock.now - clicked
        let acknowledged = try await waitFor("the acknowledgement") {
            try incidentNamed(name).flatMap { $0.status?.phase == .acknowledged ? $0 : nil }
        }
        say("Incident \(name) Acknowledged by \(acknowledged.status?.acknowledgedBy ?? "?")")
        describeSlack(update, as: "chat.update")
        describeOpsgenie(ack)
        say(String(
            format: "  (click → card updated in %.0f ms, → Opsgenie acknowledged in %.0f ms, real time)",
            cardLatency.milliseconds, opsgenieLatency.milliseconds))

        say("the pod recovers (Running, Ready); the 1m crash-loop lookback runs out")
        try cluster.updateStatus(.pods, DemoObjects.json(DemoObjects.pod(crashing: false)))
        let resolved = try await waitFor("the incident to resolve") {
            try incidentNamed(name).flatMap { $0.status?.phase == .resolved ? $0 : nil }
        }
        say("Incident \(name) Resolved by \(resolved.status?.resolvedBy ?? "?"): \(resolved.status?.timeline?.last?.message ?? "")")
        let close = try await waitFor("the Opsgenie close") {
            opsgenie.requests.first { $0.method == "POST" && $0.path.hasSuffix("/close") }
        }
        describeOpsgenie(close)
        // The resolve's thread reply is posted after the card update: wait for both before counting them.
        _ = try await waitFor("the Slack card to show the resolve") {
            slack.requests(apiMethod: "chat.update").count >= 2 ? true : nil
        }
        _ = try await waitFor("the resolve's thread reply") {
            slack.requests(apiMethod: "chat.postMessage").filter { $0.body?["thread_ts"] != nil }.count >= 2 ? true : nil
        }
        describeSlack(slack.requests(apiMethod: "chat.update").last, as: "chat.update")

        let timeline = (resolved.status?.timeline ?? []).map { "\(clock.offset($0.time.date)) \($0.type.rawValue)\($0.actor.map { " by \($0)" } ?? "")" }
        print("")
        print("Timeline of \(name): " + timeline.joined(separator: " · "))
        let posts = slack.requests(apiMethod: "chat.postMessage")
        let replies = posts.filter { $0.body?["thread_ts"] != nil }.count
        print(String(
            format: "Done in %.1f s (%@ simulated): Slack %d message, %d updates, %d thread replies; Opsgenie %d requests.",
            clock.realSeconds, clock.offset(), posts.count - replies, slack.requests(apiMethod: "chat.update").count,
            replies, opsgenie.requests.filter { $0.method == "POST" }.count))
    }

    private func say(_ line: String) {
        print("\(clock.offset())  \(line)")
    }

    private func describeSlack(_ request: FakeSlackServer.RecordedRequest?, as method: String) {
        guard let body = request?.body else { return }
        let header = body["blocks"]?.arrayValue?.first?["text"]?["text"]?.stringValue ?? ""
        let buttons = (body["blocks"]?.arrayValue ?? []).flatMap { $0["elements"]?.arrayValue ?? [] }
            .compactMap { $0["text"]?["text"]?.stringValue }
        say("  → Slack \(method) \(body["channel"]?.stringValue ?? ""): \(header)"
            + (buttons.isEmpty ? "" : "  [\(buttons.joined(separator: "] ["))]"))
    }

    private func describeOpsgenie(_ request: FakeOpsgenieServer.RecordedRequest) {
        var line = "  → Opsgenie \(request.method) \(request.path)"
        if let json = try? FakeJSON(jsonData: request.body) {
            if let priority = json["priority"]?.stringValue { line += " priority \(priority)" }
            if let alias = json["alias"]?.stringValue { line += " alias \(alias)" }
            let responders = (json["responders"]?.arrayValue ?? []).compactMap { $0["username"]?.stringValue ?? $0["name"]?.stringValue }
            if !responders.isEmpty { line += " responders \(responders.joined(separator: ", "))" }
        }
        say(line)
    }

    /// The `Ready` condition of the demo object `name` of `plural` once the operator wrote one, else nil.
    private func readyCondition(_ plural: String, _ name: String)
        -> (kind: String, status: String, reason: String, message: String)?
    {
        guard let object = cluster.object(DemoObjects.resource(plural), namespace: DemoObjects.namespace, name: name),
            let conditions = object[path: ["status", "conditions"]]?.arrayValue,
            let ready = conditions.first(where: { $0["type"]?.stringValue == "Ready" }),
            let status = ready["status"]?.stringValue
        else { return nil }
        return (
            object["kind"]?.stringValue ?? plural, status, ready["reason"]?.stringValue ?? "",
            ready["message"]?.stringValue ?? ""
        )
    }

    private func incidents() throws -> [Incident] {
        try cluster.objects(DemoObjects.resource("incidents"), namespace: DemoObjects.namespace).map {
            try KubeJSON.decode(Incident.self, from: $0.jsonData)
        }
    }

    private func firingIncident() throws -> Incident? {
        try incidents().first { $0.status?.phase == .firing }
    }

    private func incidentNamed(_ name: String) throws -> Incident? {
        try incidents().first { $0.metadata.name == name }
    }

    /// Polls `check` every `interval` until it returns a value or ``timeout`` passes.
    private func waitFor<T>(
        _ what: String, every interval: Duration = .milliseconds(50), _ check: () throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try check() { return value }
            try await Task.sleep(for: interval)
        }
        throw DemoError("timed out waiting for \(what); run with --verbose to see the operator's logs")
    }

    /// Sends the Acknowledge click Slack would send: over the operator's Socket Mode connection, or as a request
    /// signed with the app's signing secret.
    private func clickAcknowledge(incident: String, messageTS: String) async throws {
        let payload: [String: Any] = [
            "type": "block_actions", "trigger_id": "demo.trigger",
            "user": ["id": DemoObjects.alice.slackUserID, "username": DemoObjects.alice.name, "name": DemoObjects.alice.name],
            "team": ["id": "T0DEMO"], "channel": ["id": DemoObjects.channelID],
            "container": ["type": "message", "message_ts": messageTS, "channel_id": DemoObjects.channelID],
            "message": ["ts": messageTS],
            "actions": [[
                "type": "button", "action_id": "tocsin_acknowledge", "block_id": "actions",
                "value": "\(DemoObjects.namespace)/\(incident)", "action_ts": "1",
            ]],
        ]
        if socketMode {
            try await slack.waitForSocketConnections(1, timeout: timeout)
            let envelope = try slack.sendInteractive(try FakeJSON(jsonData: JSONSerialization.data(withJSONObject: payload)))
            _ = try await slack.acknowledgement(of: envelope, timeout: timeout)
            return
        }
        guard let port = operatorPort() else { throw DemoError("the operator's HTTP server is not listening") }
        let form = SlackSignedForm(
            payload: try JSONSerialization.data(withJSONObject: payload), signingSecret: DemoObjects.signingSecret)
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/slack/interactivity")
        request.method = .POST
        for (name, value) in form.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: form.body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        guard response.status == .ok else { throw DemoError("Slack interactivity answered \(response.status.code)") }
    }
}

/// A demo step that did not happen.
struct DemoError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
