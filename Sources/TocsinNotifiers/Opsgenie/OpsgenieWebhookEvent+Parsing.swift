import Foundation

extension OpsgenieWebhookEvent {
    /// Parses a webhook body. Unknown fields are ignored; unknown actions become ``Action/unsupported(_:)``.
    ///
    /// - Throws: ``OpsgenieWebhookError`` `malformedPayload` when the body is larger than
    ///   ``maximumPayloadSize``, is not a JSON object, or has no `action`.
    public init(jsonData: Data) throws(OpsgenieWebhookError) {
        guard jsonData.count <= Self.maximumPayloadSize else {
            throw OpsgenieWebhookError(
                code: .malformedPayload,
                message: "Opsgenie webhook payload is \(jsonData.count) bytes, more than the 1 MiB accepted")
        }
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: jsonData)
        } catch {
            throw OpsgenieWebhookError(
                code: .malformedPayload,
                message:
                    "Opsgenie webhook payload is not an alert action (a JSON object with an \"action\"): "
                    + Self.describe(error)
            )
        }
        guard let action = OpsgenieAlert.nonEmpty(payload.action) else {
            throw OpsgenieWebhookError(
                code: .malformedPayload, message: "Opsgenie webhook payload has an empty \"action\"")
        }
        self.init(
            action: Action(action), alias: payload.alert?.alias, alertID: payload.alert?.alertId,
            tinyID: payload.alert?.tinyId, message: payload.alert?.message, username: payload.alert?.username,
            userID: payload.alert?.userId, note: payload.alert?.note,
            source: payload.source.map { Source(name: $0.name, type: $0.type) },
            integrationID: payload.integrationId, integrationName: payload.integrationName)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not JSON"
        default: "unreadable"
        }
    }

    /// The payload as Opsgenie sends it; every field but `action` is optional.
    private struct Payload: Decodable {
        struct Alert: Decodable {
            var alertId: String?
            var alias: String?
            var tinyId: String?
            var message: String?
            var username: String?
            var userId: String?
            var note: String?
        }

        struct Source: Decodable {
            var name: String?
            var type: String?
        }

        var action: String
        var alert: Alert?
        var source: Source?
        var integrationId: String?
        var integrationName: String?
    }
}
