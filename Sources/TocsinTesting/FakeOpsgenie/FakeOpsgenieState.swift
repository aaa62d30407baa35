import Foundation

/// An action on an existing alert, by the path segment that names it.
enum FakeOpsgenieAction: String, Sendable {
    case acknowledge
    case close
    case addNote = "notes"
    case escalate

    /// The action's name in request statuses and webhooks.
    var opsgenieName: String {
        switch self {
        case .acknowledge: "Acknowledge"
        case .close: "Close"
        case .addNote: "AddNote"
        case .escalate: "Escalate"
        }
    }
}

/// A failure injected by a test.
struct FakeOpsgenieFailure: Sendable {
    var status: Int
    var remaining: Int
    var retryAfter: Int?
    var rateLimitPeriod: Int?
    var message: String
    var pathPrefix: String?

    static func defaultMessage(_ status: Int) -> String {
        switch status {
        case 429: "You are making too many requests! To avoid errors, we recommend you limit requests."
        case 503: "Service Unavailable"
        case 500...599: "Internal Server Error"
        default: "Request failed"
        }
    }
}

/// What became of an accepted request, and how many status queries still answer "not processed".
struct FakeOpsgenieOutcome: Sendable {
    var data: FakeJSON
    var remainingNotProcessed: Int
}

/// The answer to a request-status query.
enum FakeOpsgeniePoll: Sendable {
    case unknown
    case notProcessed
    case processed(FakeJSON)
}

/// Everything the fake Opsgenie knows; mutated under the store's lock.
struct FakeOpsgenieState: Sendable {
    var apiKey: String
    var alerts: [FakeOpsgenieServer.Alert] = []
    var requests: [FakeOpsgenieServer.RecordedRequest] = []
    var failures: [FakeOpsgenieFailure] = []
    var outcomes: [String: FakeOpsgenieOutcome] = [:]
    var notProcessedPolls = 1
    private var counter = 0

    init(apiKey: String) {
        self.apiKey = apiKey
    }

    /// A new UUID-shaped identifier, deterministic within one server.
    mutating func nextID(kind: UInt32) -> String {
        counter += 1
        return String(format: "%08x-0000-4000-8000-%012x", kind, counter)
    }

    mutating func record(_ request: FakeOpsgenieServer.RecordedRequest) {
        requests.append(request)
        if requests.count > 10_000 { requests.removeFirst(requests.count - 10_000) }
    }

    /// Takes one use of the first injected failure that applies to `path`.
    mutating func takeFailure(path: String) -> FakeOpsgenieFailure? {
        guard let index = failures.firstIndex(where: { $0.remaining > 0 && path.hasPrefix($0.pathPrefix ?? "") })
        else { return nil }
        failures[index].remaining -= 1
        let failure = failures[index]
        if failures[index].remaining == 0 { failures.remove(at: index) }
        return failure
    }

    /// The alert an identifier reaches: by `id`, `tiny` ID or `alias` (the open alert with that alias, else the
    /// newest closed one).
    func index(identifier: String, type: String) -> Int? {
        switch type {
        case "alias":
            return alerts.lastIndex { $0.alias == identifier && $0.status == .open }
                ?? alerts.lastIndex { $0.alias == identifier }
        case "tiny": return alerts.lastIndex { $0.tinyID == identifier }
        default: return alerts.lastIndex { $0.id == identifier }
        }
    }

    /// Applies a validated Create Alert body: de-duplicates on an open alert's alias, else creates an alert.
    mutating func create(_ body: [String: FakeJSON], requestID: String) {
        let alias = body["alias"]?.stringValue
        if let alias, let index = alerts.lastIndex(where: { $0.alias == alias && $0.status == .open }) {
            alerts[index].count += 1
            complete(requestID, action: "Create", success: true, status: "Alert deduplicated", alert: alerts[index])
            return
        }
        let id = nextID(kind: 0xa1e7)
        let note = body["note"]?.stringValue.map {
            FakeOpsgenieServer.Note(text: $0, user: body["user"]?.stringValue, source: body["source"]?.stringValue)
        }
        let alert = FakeOpsgenieServer.Alert(
            id: id, tinyID: String(alerts.count + 1), alias: alias ?? id, message: body["message"]?.stringValue ?? "",
            description: body["description"]?.stringValue, status: .open, isAcknowledged: false, count: 1,
            priority: body["priority"]?.stringValue ?? "P3", responders: Self.responders(body["responders"]),
            visibleTo: Self.responders(body["visibleTo"]), tags: Self.strings(body["tags"]),
            details: (body["details"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            entity: body["entity"]?.stringValue, source: body["source"]?.stringValue ?? "127.0.0.1",
            user: body["user"]?.stringValue, actions: Self.strings(body["actions"]), notes: note.map { [$0] } ?? [],
            escalations: [])
        alerts.append(alert)
        complete(requestID, action: "Create", success: true, status: "Created alert", alert: alert)
    }

    /// Applies a validated action. An identifier no alert has is accepted and fails later, as in Opsgenie.
    mutating func apply(
        _ action: FakeOpsgenieAction, identifier: String, type: String, body: [String: FakeJSON], requestID: String
    ) {
        guard let index = index(identifier: identifier, type: type) else {
            complete(requestID, action: action.opsgenieName, success: false, status: "Alert does not exist", alert: nil)
            return
        }
        if alerts[index].status == .closed, action == .acknowledge || action == .escalate {
            complete(
                requestID, action: action.opsgenieName, success: false, status: "Alert is already closed",
                alert: alerts[index])
            return
        }
        if let text = body["note"]?.stringValue, !text.isEmpty {
            alerts[index].notes.append(
                FakeOpsgenieServer.Note(
                    text: text, user: body["user"]?.stringValue, source: body["source"]?.stringValue))
        }
        switch action {
        case .acknowledge: alerts[index].isAcknowledged = true
        case .close: alerts[index].status = .closed
        case .addNote: break
        case .escalate:
            let escalation = body["escalation"]
            alerts[index].escalations.append(escalation?["name"]?.stringValue ?? escalation?["id"]?.stringValue ?? "")
        }
        let status = action == .addNote ? "Added note" : "\(action.opsgenieName)d alert"
        complete(requestID, action: action.opsgenieName, success: true, status: status, alert: alerts[index])
    }

    /// The answer to a status query: not processed for the first polls, then the outcome.
    mutating func poll(requestID: String) -> FakeOpsgeniePoll {
        guard var outcome = outcomes[requestID] else { return .unknown }
        if outcome.remainingNotProcessed > 0 {
            outcome.remainingNotProcessed -= 1
            outcomes[requestID] = outcome
            return .notProcessed
        }
        return .processed(outcome.data)
    }

    private mutating func complete(
        _ requestID: String, action: String, success: Bool, status: String, alert: FakeOpsgenieServer.Alert?
    ) {
        let data: FakeJSON = [
            "success": .bool(success), "isSuccess": .bool(success), "action": .string(action),
            "processedAt": .string(Date().formatted(.iso8601)), "integrationId": "7e57a91c-0000-4000-8000-000000000001",
            "status": .string(status), "alertId": .string(alert?.id ?? ""), "alias": .string(alert?.alias ?? ""),
        ]
        outcomes[requestID] = FakeOpsgenieOutcome(data: data, remainingNotProcessed: notProcessedPolls)
    }

    private static func strings(_ value: FakeJSON?) -> [String] {
        (value?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private static func responders(_ value: FakeJSON?) -> [FakeOpsgenieServer.Responder] {
        (value?.arrayValue ?? []).map {
            FakeOpsgenieServer.Responder(
                type: $0["type"]?.stringValue ?? "", id: $0["id"]?.stringValue, name: $0["name"]?.stringValue,
                username: $0["username"]?.stringValue)
        }
    }
}
