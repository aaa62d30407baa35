import Foundation

extension FakeSlackServer {
    /// An envelope the fake sent down a Socket Mode connection.
    public struct SocketEnvelope: Sendable, Hashable {
        /// Its `envelope_id`.
        public var envelopeID: String
        /// The connection it went to (1 for the first connection opened).
        public var connection: Int
        /// The whole message sent.
        public var body: FakeJSON
    }

    /// A text frame the client sent on a Socket Mode connection (an acknowledgement, normally).
    public struct SocketReply: Sendable, Hashable {
        /// The connection it came on.
        public var connection: Int
        /// The frame decoded as JSON, when it is JSON.
        public var body: FakeJSON?
        /// The frame as sent.
        public var text: String
        /// When it arrived, by the wall clock.
        public var receivedAt: Date

        /// The `envelope_id` it acknowledges.
        public var envelopeID: String? { body?["envelope_id"]?.stringValue }
    }

    /// How many Socket Mode connections were opened (each `hello` sent), in all.
    public var socketConnectionsOpened: Int { store.withState { $0.socketMode.connectionCounter } }
    /// How many Socket Mode connections are open now.
    public var openSocketConnections: Int { store.withState { $0.socketMode.connections.count } }
    /// What clients sent on Socket Mode connections, oldest first.
    public var socketReplies: [SocketReply] { store.withState { $0.socketMode.replies } }
    /// The envelopes sent, oldest first.
    public var socketEnvelopes: [SocketEnvelope] { store.withState { $0.socketMode.sent } }

    /// Sends an `interactive` envelope carrying `payload` (e.g. a `block_actions` interaction) to the newest open
    /// connection.
    /// - Returns: the envelope ID to look for in the acknowledgement.
    /// - Throws: ``FakeSlackSocketError`` when no connection is open.
    @discardableResult
    public func sendInteractive(_ payload: FakeJSON, retryAttempt: Int = 0) throws -> String {
        try sendEnvelope(type: "interactive", payload: payload, acceptsResponsePayload: false, retryAttempt: retryAttempt)
    }

    /// Sends a `slash_commands` envelope with `fields` as its payload (`command`, `text`, `user_id`, …).
    /// - Returns: the envelope ID to look for in the acknowledgement.
    /// - Throws: ``FakeSlackSocketError`` when no connection is open.
    @discardableResult
    public func sendSlashCommand(_ fields: [String: String]) throws -> String {
        try sendEnvelope(
            type: "slash_commands", payload: .object(fields.mapValues { .string($0) }), acceptsResponsePayload: true,
            retryAttempt: 0)
    }

    /// Sends `{"type":"disconnect","reason":…}` to the newest open connection (Slack's notice that it will close it).
    /// - Throws: ``FakeSlackSocketError`` when no connection is open.
    public func sendSocketDisconnect(reason: String = "refresh_requested") throws {
        let message: FakeJSON = ["type": "disconnect", "reason": .string(reason), "debug_info": ["host": "applink-fake"]]
        try send(.send(String(decoding: message.jsonData, as: UTF8.self)))
    }

    /// Closes the newest open connection from the server side (`1001 going away`), without notice.
    /// - Throws: ``FakeSlackSocketError`` when no connection is open.
    public func dropSocketConnection() throws {
        try send(.close)
    }

    /// Waits until `count` connections have been opened in all, polling every 10 ms.
    /// - Throws: ``FakeSlackSocketError`` when that has not happened within `timeout`.
    public func waitForSocketConnections(_ count: Int = 1, timeout: Duration = .seconds(10)) async throws {
        try await poll(timeout: timeout, waitingFor: "\(count) Socket Mode connection(s)") {
            socketConnectionsOpened >= count && openSocketConnections > 0
        }
    }

    /// Waits for the client's acknowledgement of `envelopeID`, polling every 10 ms.
    /// - Throws: ``FakeSlackSocketError`` when none arrived within `timeout`.
    public func acknowledgement(of envelopeID: String, timeout: Duration = .seconds(5)) async throws -> SocketReply {
        var found: SocketReply?
        try await poll(timeout: timeout, waitingFor: "the acknowledgement of \(envelopeID)") {
            found = socketReplies.first { $0.envelopeID == envelopeID }
            return found != nil
        }
        guard let found else { throw FakeSlackSocketError(message: "no acknowledgement of \(envelopeID)") }
        return found
    }

    private func sendEnvelope(
        type: String, payload: FakeJSON, acceptsResponsePayload: Bool, retryAttempt: Int
    ) throws -> String {
        try store.withState { state in
            guard let connection = state.socketMode.connections.keys.max() else {
                throw FakeSlackSocketError(message: "no Socket Mode connection is open")
            }
            state.socketMode.envelopeCounter += 1
            let id = "fake-envelope-\(state.socketMode.envelopeCounter)"
            let body: FakeJSON = [
                "envelope_id": .string(id), "type": .string(type), "payload": payload,
                "accepts_response_payload": .bool(acceptsResponsePayload), "retry_attempt": .number(Double(retryAttempt)),
                "retry_reason": .string(retryAttempt > 0 ? "timeout" : ""),
            ]
            guard state.socketMode.sendToNewest(.send(String(decoding: body.jsonData, as: UTF8.self))) else {
                throw FakeSlackSocketError(message: "the Socket Mode connection is closing")
            }
            state.socketMode.sent.append(SocketEnvelope(envelopeID: id, connection: connection, body: body))
            return id
        }
    }

    private func send(_ command: FakeSlackSocketCommand) throws {
        try store.withState { state in
            guard state.socketMode.sendToNewest(command) else {
                throw FakeSlackSocketError(message: "no Socket Mode connection is open")
            }
        }
    }

    private func poll(timeout: Duration, waitingFor what: String, until condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else {
                throw FakeSlackSocketError(message: "timed out after \(timeout) waiting for \(what)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// A Socket Mode step of the fake could not be done.
public struct FakeSlackSocketError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public var message: String
    /// ``message``.
    public var description: String { message }
}
