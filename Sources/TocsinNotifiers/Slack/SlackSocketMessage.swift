import Foundation
import KubeCore

/// A message Slack sends over a Socket Mode WebSocket (a JSON text frame).
///
/// ```json
/// {"type":"hello","num_connections":1,"connection_info":{"app_id":"A0123"},"debug_info":{…}}
/// {"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"…"}}
/// {"envelope_id":"…","type":"interactive","payload":{"type":"block_actions",…},"accepts_response_payload":false}
/// {"envelope_id":"…","type":"slash_commands","payload":{"command":"/tocsin","text":"…",…},"accepts_response_payload":true}
/// ```
///
/// Every message with an `envelope_id` must be acknowledged (``SlackSocketAcknowledgement``) within 3 seconds, or
/// Slack sends it again with `retry_attempt` raised.
public enum SlackSocketMessage: Sendable, Hashable {
    /// The connection is ready.
    case hello(appID: String?, connections: Int?)
    /// Slack is about to close the connection (`warning`, `refresh_requested`, `link_disabled`, …): open a new one.
    case disconnect(reason: String)
    /// A button click or another interaction; `payload` is the interaction's JSON, as the HTTP endpoint's `payload`
    /// field carries it.
    case interactive(envelopeID: String, payload: String)
    /// A slash command; its answer goes in the acknowledgement.
    case slashCommand(envelopeID: String, command: SlackSlashCommand)
    /// Any other envelope (`events_api`, a type Slack adds later): acknowledged and otherwise ignored.
    case other(type: String, envelopeID: String?)

    /// The envelope to acknowledge, when the message has one.
    public var envelopeID: String? {
        switch self {
        case .hello, .disconnect: nil
        case .interactive(let id, _), .slashCommand(let id, _): id
        case .other(_, let id): id
        }
    }

    /// Reads one text frame.
    ///
    /// - Throws: ``SlackPayloadError`` when the frame is not a JSON object with a `type`, or an envelope lacks its
    ///   `envelope_id` or `payload`, or a slash command lacks `command` or `user_id`.
    public init(text: String) throws(SlackPayloadError) {
        guard let value = try? JSONValue(parsing: Data(text.utf8)), case .object(let fields) = value,
            case .string(let type)? = fields["type"]
        else {
            throw SlackPayloadError(
                code: .malformedJSON, field: "type",
                message: "the Socket Mode message is not a JSON object with a type (\(text.utf8.count) bytes)")
        }
        let envelopeID: String?
        if case .string(let id)? = fields["envelope_id"], !id.isEmpty { envelopeID = id } else { envelopeID = nil }
        switch type {
        case "hello":
            let app: String?
            if case .object(let info)? = fields["connection_info"], case .string(let id)? = info["app_id"] {
                app = id
            } else {
                app = nil
            }
            let connections: Int?
            if case .integer(let count)? = fields["num_connections"] { connections = Int(clamping: count) } else {
                connections = nil
            }
            self = .hello(appID: app, connections: connections)
        case "disconnect":
            if case .string(let reason)? = fields["reason"] {
                self = .disconnect(reason: String(reason.prefix(64)))
            } else {
                self = .disconnect(reason: "unknown")
            }
        case "interactive", "slash_commands":
            guard let envelopeID else { throw SlackPayloadError.missing("envelope_id", in: "Socket Mode \(type) envelope") }
            guard case .object(let payload)? = fields["payload"] else {
                throw SlackPayloadError.missing("payload", in: "Socket Mode \(type) envelope")
            }
            if type == "interactive" {
                self = .interactive(envelopeID: envelopeID, payload: Self.jsonText(of: .object(payload)))
            } else {
                self = .slashCommand(envelopeID: envelopeID, command: try SlackSlashCommand(form: Self.form(of: payload)))
            }
        default:
            self = .other(type: String(type.prefix(64)), envelopeID: envelopeID)
        }
    }

    /// A slash command's fields as the form the HTTP endpoint receives: strings as they are, numbers and booleans
    /// as text, anything else left out.
    static func form(of payload: [String: JSONValue]) -> SlackForm {
        var values: [String: String] = [:]
        for (name, value) in payload {
            switch value {
            case .string(let text): values[name] = text
            case .integer(let number): values[name] = String(number)
            case .double(let number): values[name] = String(number)
            case .bool(let flag): values[name] = flag ? "true" : "false"
            case .null, .array, .object: continue
            }
        }
        return SlackForm(values: values)
    }

    /// `value` as compact JSON text.
    static func jsonText(of value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The answer to a Socket Mode envelope: `{"envelope_id":"…"}`, with the slash command's reply as `payload`.
public struct SlackSocketAcknowledgement: Sendable, Hashable, Encodable {
    /// The reply of a slash command, shown to its user.
    public struct Reply: Sendable, Hashable, Encodable {
        /// `ephemeral` (only the user sees it) or `in_channel`.
        public var responseType: String
        /// The text.
        public var text: String

        enum CodingKeys: String, CodingKey {
            case responseType = "response_type"
            case text
        }
    }

    /// The envelope answered.
    public var envelopeID: String
    /// The reply, for slash commands.
    public var payload: Reply?

    /// Acknowledges `envelopeID`, with an ephemeral `reply` when given.
    public init(envelopeID: String, ephemeralReply reply: String? = nil) {
        self.envelopeID = envelopeID
        self.payload = reply.map { Reply(responseType: "ephemeral", text: $0) }
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
        case payload
    }

    /// The acknowledgement as the JSON text frame to send.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
