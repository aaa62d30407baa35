/// What Slack's error strings mean for delivery: the ``DeliveryError/Code`` and what the user should do.
enum SlackErrorCatalog {
    /// The code for a Web API `ok:false` error string (`chat.postMessage`, `chat.update`).
    static func code(forAPIError error: String) -> DeliveryError.Code {
        switch error {
        case "ratelimited", "rate_limited":
            .rateLimited
        case "internal_error", "fatal_error", "service_unavailable", "request_timeout", "update_failed",
            "team_added_to_org", "external_channel_migrating", "org_login_required":
            .serverError
        case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "missing_scope",
            "no_permission", "not_allowed_token_type", "team_access_not_granted", "access_denied",
            "ekm_access_denied", "two_factor_setup_required":
            .unauthorized
        case "channel_not_found", "not_in_channel", "is_archived", "message_not_found", "is_inactive",
            "thread_not_found", "cant_update_message", "restricted_action", "restricted_action_read_only_channel",
            "restricted_action_thread_only_channel", "restricted_action_non_threadable_channel":
            .notFound
        default:
            .rejected
        }
    }

    /// The code for an incoming webhook's plain-text error, given with the HTTP status it came with.
    static func code(forWebhookError error: String, status: Int) -> DeliveryError.Code {
        switch error {
        case "rate_limited", "ratelimited":
            return .rateLimited
        case "rollup_error":
            return .serverError
        case "no_service", "no_service_id", "no_team", "team_disabled", "invalid_token", "no_active_hooks":
            return .unauthorized
        case "channel_not_found", "channel_is_archived", "action_prohibited", "posting_to_general_channel_denied":
            return .notFound
        case "invalid_payload", "user_not_found", "invalid_blocks", "invalid_blocks_format", "too_many_attachments",
            "missing_text_or_fallback_or_attachments", "no_text", "msg_too_long":
            return .rejected
        default:
            switch status {
            case 401, 403: return .unauthorized
            case 404, 410: return .notFound
            default: return .rejected
            }
        }
    }

    /// What to do about `error`, or `nil` when the error string says enough.
    static func advice(for error: String, channel: String?) -> String? {
        let place = channel.map { "#\($0.hasPrefix("#") ? String($0.dropFirst()) : $0)" } ?? "the channel"
        switch error {
        case "not_in_channel":
            return "the bot is not a member of \(place): invite it (/invite @<bot>) or add the chat:write.public "
                + "scope to the Slack app and reinstall it"
        case "channel_not_found":
            return "check the channel in the AlertRule's route; a private channel needs the bot invited first"
        case "is_archived", "is_inactive", "channel_is_archived":
            return "\(place) is archived: unarchive it or route the AlertRule to another channel"
        case "message_not_found":
            return "the incident's message was deleted; a new message is needed"
        case "cant_update_message":
            return "the message was not posted by this bot token and cannot be updated"
        case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
            "not_allowed_token_type":
            return "check the bot token (xoxb-…) in the Secret referenced by tokenSecretRef; reinstall the Slack app "
                + "if it was revoked"
        case "missing_scope", "no_permission":
            return "add the chat:write scope (and chat:write.public to post without joining) to the Slack app and "
                + "reinstall it"
        case "ratelimited", "rate_limited":
            return "Slack allows about one message per second per channel"
        case "invalid_blocks", "invalid_blocks_format", "msg_too_long", "invalid_arguments", "no_text",
            "invalid_json", "invalid_payload":
            return "Slack refused the message as malformed: report this as a Tocsin bug with the incident"
        case "no_service", "no_service_id", "no_team", "team_disabled", "invalid_token", "no_active_hooks":
            return "the incoming-webhook URL was revoked or is wrong: create a new incoming webhook and update the "
                + "Secret referenced by webhookSecretRef"
        case "action_prohibited", "posting_to_general_channel_denied", "restricted_action":
            return "a workspace setting forbids posting to \(place)"
        default:
            return nil
        }
    }
}
