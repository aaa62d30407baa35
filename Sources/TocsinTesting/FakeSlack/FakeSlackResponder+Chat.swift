import Hummingbird

/// One Web API call: authentication, content type, then `chat.postMessage` or `chat.update`
/// (`usergroups.users.update` is ``FakeSlackUserGroupCall``).
struct FakeSlackWebAPICall {
    let request: FakeSlackServer.RecordedRequest
    let method: String

    func answer(in state: inout FakeSlackState) -> Response {
        guard method == "chat.postMessage" || method == "chat.update" || method == FakeSlackUserGroupCall.method
            || method == FakeSlackSocketModeState.openMethod
        else {
            return FakeSlackResponder.apiError("unknown_method")
        }
        guard let authorization = request.headers["authorization"], !authorization.isEmpty else {
            return FakeSlackResponder.apiError("not_authed")
        }
        if method == FakeSlackSocketModeState.openMethod {
            return FakeSlackSocketModeState.openConnection(authorization: authorization, in: &state)
        }
        if authorization == "Bearer \(state.configuration.appToken)" {
            return FakeSlackResponder.apiError("not_allowed_token_type")
        }
        guard authorization == "Bearer \(state.configuration.botToken)" else {
            return FakeSlackResponder.apiError("invalid_auth")
        }
        if method == FakeSlackUserGroupCall.method { return FakeSlackUserGroupCall(request: request).answer(in: &state) }
        guard let contentType = request.headers["content-type"]?.lowercased() else {
            return FakeSlackResponder.apiError("missing_post_type")
        }
        guard contentType.hasPrefix("application/json") else { return FakeSlackResponder.apiError("invalid_post_type") }
        guard let fields = request.body, fields.objectValue != nil else { return FakeSlackResponder.apiError("invalid_json") }
        let result = method == "chat.postMessage" ? postMessage(fields, in: &state) : update(fields, in: &state)
        switch result {
        case .success(var body):
            if !contentType.contains("charset=") {
                body["warning"] = "missing_charset"
                body["response_metadata"] = ["warnings": ["missing_charset"]]
            }
            return FakeSlackResponder.json(200, body)
        case .failure(let refusal):
            return FakeSlackResponder.apiError(refusal.error, details: refusal.details)
        }
    }

    private func postMessage(_ fields: FakeJSON, in state: inout FakeSlackState) -> Result<FakeJSON, FakeSlackRefusal> {
        guard let reference = fields["channel"]?.stringValue, !reference.isEmpty,
            let channel = state.channel(named: reference), channel.isMember || !channel.isPrivate
        else {
            return .failure(FakeSlackRefusal(error: "channel_not_found"))
        }
        if channel.isArchived { return .failure(FakeSlackRefusal(error: "is_archived")) }
        if !channel.isMember, !state.configuration.canPostToPublicChannels {
            return .failure(FakeSlackRefusal(error: "not_in_channel"))
        }
        let content: FakeJSON
        switch FakeSlackMessageContent.check(fields) {
        case .success(let checked): content = checked
        case .failure(let refusal): return .failure(refusal)
        }
        var threadTS: String?
        var parentIndex: Int?
        if let requested = fields["thread_ts"]?.stringValue, !requested.isEmpty {
            guard let index = state.threadIndex(channelID: channel.id, ts: requested) else {
                return .failure(FakeSlackRefusal(error: "thread_not_found"))
            }
            parentIndex = index
            threadTS = state.messages[index].ts
        }
        let ts = state.nextTS()
        let message = FakeSlackServer.Message(
            channelID: channel.id, ts: ts, threadTS: threadTS, isFromWebhook: false, versions: [content], replies: [])
        if let parentIndex {
            state.messages[parentIndex].replies.append(message)
        } else {
            state.messages.append(message)
        }
        return .success(["ok": true, "channel": .string(channel.id), "ts": .string(ts), "message": Self.messageJSON(message)])
    }

    private func update(_ fields: FakeJSON, in state: inout FakeSlackState) -> Result<FakeJSON, FakeSlackRefusal> {
        guard let channelID = fields["channel"]?.stringValue,
            let channel = state.configuration.channels.first(where: { $0.id == channelID })
        else {
            return .failure(FakeSlackRefusal(error: "channel_not_found"))
        }
        if channel.isArchived { return .failure(FakeSlackRefusal(error: "is_inactive")) }
        guard let ts = fields["ts"]?.stringValue, !ts.isEmpty, let index = state.threadIndex(channelID: channelID, ts: ts)
        else {
            return .failure(FakeSlackRefusal(error: "message_not_found"))
        }
        let replyIndex = state.messages[index].replies.firstIndex { $0.ts == ts }
        let original = replyIndex.map { state.messages[index].replies[$0] } ?? state.messages[index]
        if original.isFromWebhook { return .failure(FakeSlackRefusal(error: "cant_update_message")) }
        let content: FakeJSON
        switch FakeSlackMessageContent.check(fields) {
        case .success(let checked): content = checked
        case .failure(let refusal): return .failure(refusal)
        }
        var updated = original
        updated.versions.append(content)
        if let replyIndex {
            state.messages[index].replies[replyIndex] = updated
        } else {
            state.messages[index] = updated
        }
        return .success([
            "ok": true, "channel": .string(channelID), "ts": .string(ts), "text": content["text"] ?? "",
            "message": Self.messageJSON(updated),
        ])
    }

    /// The message as Slack echoes it in answers.
    static func messageJSON(_ message: FakeSlackServer.Message) -> FakeJSON {
        var json = message.content
        json["type"] = "message"
        json["user"] = "U0FAKEBOT"
        json["bot_id"] = "B0FAKEBOT"
        json["app_id"] = "A0FAKEAPP"
        json["team"] = "T0FAKE"
        json["ts"] = .string(message.ts)
        if let threadTS = message.threadTS { json["thread_ts"] = .string(threadTS) }
        return json
    }
}
