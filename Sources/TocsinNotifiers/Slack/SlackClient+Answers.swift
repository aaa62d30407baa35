import Foundation

/// The fields of a Web API answer that matter to delivery.
struct SlackAPIAnswerBody: Decodable {
    var ok: Bool
    var error: String?
    var channel: String?
    var ts: String?
    /// `missing_scope`: the scope the method needs.
    var needed: String?
    /// `invalid_blocks`: what Slack found wrong, e.g. `must be less than 151 characters [json-pointer:/blocks/0/text/text]`.
    var errors: [String]?
    /// `apps.connections.open`: the WebSocket URL.
    var url: String?

    enum CodingKeys: String, CodingKey {
        case ok, error, channel, ts, needed, errors, url
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ok = try container.decode(Bool.self, forKey: .ok)
        error = try? container.decodeIfPresent(String.self, forKey: .error)
        channel = try? container.decodeIfPresent(String.self, forKey: .channel)
        ts = try? container.decodeIfPresent(String.self, forKey: .ts)
        needed = try? container.decodeIfPresent(String.self, forKey: .needed)
        errors = try? container.decodeIfPresent([String].self, forKey: .errors)
        url = try? container.decodeIfPresent(String.self, forKey: .url)
    }
}

extension SlackClient {
    /// Maps a Web API answer: the posted message on `ok:true`, else the ``DeliveryError`` it means.
    ///
    /// HTTP 429 → rate limited with `Retry-After`; 5xx → server error; `ok:false` → by its error string
    /// (``SlackErrorCatalog``); a 2xx body that is not Slack's JSON → server error; another status → by status.
    static func postedMessage(
        from answer: SlackHTTPAnswer, operation: SlackOperation
    ) throws(DeliveryError) -> SlackPostedMessage {
        let decoded = try checkedAnswer(answer, operation: operation)
        guard let channel = decoded.channel, !channel.isEmpty, let ts = decoded.ts, !ts.isEmpty else {
            throw operation.error(
                .serverError, "Slack answered ok without the channel and ts of the message", httpStatus: answer.status)
        }
        return SlackPostedMessage(channelID: channel, ts: ts)
    }

    static func apiError(
        _ body: SlackAPIAnswerBody, status: Int, retryAfterHeader: String?, operation: SlackOperation
    ) -> DeliveryError {
        let vendorError = body.error ?? "unknown_error"
        let code = SlackErrorCatalog.code(forAPIError: vendorError)
        var detail = String(vendorError.prefix(100))
        var notes: [String] = []
        if let needed = body.needed { notes.append("needs scope \(needed.prefix(100))") }
        if let first = body.errors?.first { notes.append(String(first.prefix(300))) }
        if let advice = SlackErrorCatalog.advice(for: vendorError, channel: operation.channel) { notes.append(advice) }
        if !notes.isEmpty { detail += " (\(notes.joined(separator: "; ")))" }
        return operation.error(
            code, detail, vendorError: vendorError, httpStatus: status,
            retryAfter: code == .rateLimited ? retryAfter(retryAfterHeader) : nil)
    }

    /// A non-2xx answer without Slack's JSON: 401/403 → unauthorized, 404 → misconfigured base URL, else rejected.
    static func statusError(_ status: Int, operation: SlackOperation) -> DeliveryError {
        switch status {
        case 401, 403:
            operation.error(.unauthorized, "HTTP \(status) from Slack: check the bot token", httpStatus: status)
        case 404:
            operation.error(.misconfigured, "HTTP 404 from Slack: check the Slack API base URL", httpStatus: status)
        default:
            operation.error(.rejected, "HTTP \(status) from Slack without an error", httpStatus: status)
        }
    }

    /// Maps an incoming webhook's answer: 2xx is success; 429 → rate limited; 5xx → server error; other statuses
    /// by the plain-text error in the body (``SlackErrorCatalog/code(forWebhookError:status:)``).
    static func checkWebhookAnswer(_ answer: SlackHTTPAnswer, operation: SlackOperation) throws(DeliveryError) {
        if (200..<300).contains(answer.status) { return }
        let text = String(decoding: answer.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let isErrorString = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        let vendorError = isErrorString ? text : nil
        if answer.status == 429 {
            let retryAfter = retryAfter(answer.retryAfterHeader)
            throw operation.error(
                .rateLimited, "rate limited (HTTP 429): " + (retryAfter.map { "retry after \($0.components.seconds) s" } ?? "retry later"),
                vendorError: vendorError ?? "rate_limited", httpStatus: 429, retryAfter: retryAfter)
        }
        if answer.status >= 500 {
            throw operation.error(
                .serverError, "HTTP \(answer.status) from Slack" + (vendorError.map { ": \($0)" } ?? "")
                    + " (an outage or a transient failure; retry later)",
                vendorError: vendorError, httpStatus: answer.status)
        }
        let code = SlackErrorCatalog.code(forWebhookError: vendorError ?? "", status: answer.status)
        var detail = "HTTP \(answer.status) " + (vendorError ?? "without an error string")
        if let advice = vendorError.flatMap({ SlackErrorCatalog.advice(for: $0, channel: nil) }) {
            detail += " (\(advice))"
        }
        throw operation.error(code, detail, vendorError: vendorError, httpStatus: answer.status)
    }
}
