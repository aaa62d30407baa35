import Hummingbird

extension FakeSlackResponder {
    /// An incoming webhook: `ok` with HTTP 200, or a plain-text error with its 4xx status.
    static func webhook(path: String, request: FakeSlackServer.RecordedRequest, state: inout FakeSlackState) -> Response {
        func failure(_ error: String) -> Response {
            text(webhookStatus(for: error), error, contentType: "text/html")
        }
        guard let channelID = state.configuration.webhooks[path] else { return failure("no_service") }
        guard request.headers["content-type"]?.lowercased().hasPrefix("application/json") == true,
            let body = request.body, body.objectValue != nil
        else {
            return failure("invalid_payload")
        }
        let content: FakeJSON
        switch FakeSlackMessageContent.check(body) {
        case .success(let checked): content = checked
        case .failure(let refusal): return failure(refusal.error == "no_text" ? "missing_text_or_fallback_or_attachments" : refusal.error)
        }
        guard let channel = state.configuration.channels.first(where: { $0.id == channelID }) else {
            return failure("channel_not_found")
        }
        if channel.isArchived { return failure("channel_is_archived") }
        let message = FakeSlackServer.Message(
            channelID: channel.id, ts: state.nextTS(), threadTS: nil, isFromWebhook: true, versions: [content], replies: [])
        state.messages.append(message)
        return text(200, "ok", contentType: "text/html")
    }
}
