import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore

/// What the fake sends down one Socket Mode connection.
enum FakeSlackSocketCommand: Sendable {
    /// A text frame.
    case send(String)
    /// A close frame (`1001 going away`), as Slack's servers do when they drop a connection.
    case close
}

/// The Socket Mode part of the fake workspace: single-use tickets, open connections, what was sent and acknowledged.
struct FakeSlackSocketModeState {
    /// The Web API method that hands out WebSocket URLs.
    static let openMethod = "apps.connections.open"
    /// The path of the WebSocket (`/link/?ticket=…&app_id=…`, as Slack's `wss://wss-primary.slack.com/link/`).
    static let linkPath = "/link/"

    var ticketCounter = 0
    var unusedTickets: Set<String> = []
    var connectionCounter = 0
    var connections: [Int: AsyncStream<FakeSlackSocketCommand>.Continuation] = [:]
    var envelopeCounter = 0
    var sent: [FakeSlackServer.SocketEnvelope] = []
    var replies: [FakeSlackServer.SocketReply] = []

    /// `apps.connections.open`: the app-level token gets a URL with a fresh ticket; a bot token is refused
    /// (`not_allowed_token_type`) as Slack does, any other token is `invalid_auth`.
    static func openConnection(authorization: String, in state: inout FakeSlackState) -> Response {
        if authorization == "Bearer \(state.configuration.botToken)" {
            return FakeSlackResponder.apiError("not_allowed_token_type")
        }
        guard authorization == "Bearer \(state.configuration.appToken)" else {
            return FakeSlackResponder.apiError("invalid_auth")
        }
        guard let base = state.baseURL, let host = base.host, let port = base.port else {
            return FakeSlackResponder.apiError("internal_error")
        }
        state.socketMode.ticketCounter += 1
        let ticket = "fake-ticket-\(state.socketMode.ticketCounter)"
        state.socketMode.unusedTickets.insert(ticket)
        let url = "ws://\(host):\(port)\(linkPath)?ticket=\(ticket)&app_id=\(state.configuration.appID)"
        return FakeSlackResponder.json(200, ["ok": true, "url": .string(url)])
    }

    /// Uses up `ticket`: `true` the first time a ticket handed out is presented.
    mutating func redeem(_ ticket: String) -> Bool {
        unusedTickets.remove(ticket) != nil
    }

    /// Registers an open connection; returns its number.
    mutating func open(_ continuation: AsyncStream<FakeSlackSocketCommand>.Continuation) -> Int {
        connectionCounter += 1
        connections[connectionCounter] = continuation
        return connectionCounter
    }

    /// Sends `command` to the newest open connection; `false` when none is open.
    func sendToNewest(_ command: FakeSlackSocketCommand) -> Bool {
        guard let newest = connections.keys.max(), let continuation = connections[newest] else { return false }
        if case .enqueued = continuation.yield(command) { return true }
        return false
    }

    /// Ends every connection's command stream (the server is stopping).
    func finishAll() {
        for continuation in connections.values { continuation.finish() }
    }
}

/// The WebSocket side of the fake: upgrades `GET /link/?ticket=…` with a valid, unused ticket, sends `hello`, then
/// relays what tests queue and records what the client answers.
struct FakeSlackSocketEndpoint: Sendable {
    let store: FakeSlackStore

    /// HTTP/1.1 with the WebSocket upgrade; other requests go to the Web API responder.
    var serverBuilder: HTTPServerBuilder {
        let store = store
        return .http1WebSocketUpgrade { request, _, _ in
            guard let path = request.path, let components = URLComponents(string: path),
                components.path == FakeSlackSocketModeState.linkPath,
                let ticket = components.queryItems?.first(where: { $0.name == "ticket" })?.value,
                store.withState({ $0.socketMode.redeem(ticket) })
            else { return .dontUpgrade }
            return .upgrade([:]) { inbound, outbound, _ in
                try await FakeSlackSocketEndpoint(store: store).serve(inbound: inbound, outbound: outbound)
            }
        }
    }

    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let (commands, continuation) = AsyncStream.makeStream(of: FakeSlackSocketCommand.self)
        let (connection, hello) = store.withState { state -> (Int, FakeJSON) in
            let number = state.socketMode.open(continuation)
            let hello: FakeJSON = [
                "type": "hello", "num_connections": .number(Double(state.socketMode.connections.count)),
                "debug_info": ["host": .string("applink-fake-\(number)"), "approximate_connection_time": 18060],
                "connection_info": ["app_id": .string(state.configuration.appID)],
            ]
            return (number, hello)
        }
        defer {
            store.withState { _ = $0.socketMode.connections.removeValue(forKey: connection) }
            continuation.finish()
        }
        try await outbound.write(.text(String(decoding: hello.jsonData, as: UTF8.self)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let reply = FakeSlackServer.SocketReply(
                        connection: connection, body: try? FakeJSON(jsonData: Data(text.utf8)), text: text,
                        receivedAt: Date())
                    store.withState { $0.socketMode.replies.append(reply) }
                }
            }
            group.addTask {
                for await command in commands {
                    switch command {
                    case .send(let text):
                        try await outbound.write(.text(text))
                    case .close:
                        try await outbound.close(.goingAway, reason: "fake Slack dropped the connection")
                        return
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
