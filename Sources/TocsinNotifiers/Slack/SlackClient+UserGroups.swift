import Foundation

extension SlackClient {
    /// Replaces the members of the Slack user group `id` (`S…`) with `users` (`usergroups.users.update`, scope
    /// `usergroups:write`).
    ///
    /// Slack refuses an empty list (`invalid_users`): to empty a group it must be disabled instead, so callers
    /// should skip the call when nobody has a Slack user ID.
    /// - Parameters:
    ///   - id: the user group's ID, e.g. `S0123ABCD`.
    ///   - users: the Slack user IDs that make up the whole group, in order (sent comma-separated).
    ///   - token: the bot token (never shown in errors or logs).
    /// - Throws: ``DeliveryError``: `no_such_subteam`, `invalid_users`, `permission_denied` and other `ok:false`
    ///   errors by ``SlackErrorCatalog`` (unknown ones are ``DeliveryError/Code/rejected``); HTTP 429 and 5xx as for
    ///   messages; an empty or malformed token is ``DeliveryError/Code/misconfigured``.
    public func updateUserGroup(id: String, users: [String], token: String) async throws(DeliveryError) {
        let operation = SlackOperation(method: "usergroups.users.update", channel: nil, target: "of \(id)")
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw operation.error(.misconfigured, "the bot token is empty: set it in the Secret referenced by tokenSecretRef")
        }
        guard !token.contains(where: { $0.isWhitespace || $0.isNewline || ($0.asciiValue ?? 32) < 32 }) else {
            throw operation.error(
                .misconfigured, "the bot token contains whitespace: check the Secret referenced by tokenSecretRef")
        }
        let body = SlackUserGroupUpdateBody(usergroup: id, users: users.joined(separator: ","))
        let answer = try await send(
            operation, url: "\(apiBaseURL)/\(operation.method)", body: body, authorization: "Bearer \(token)",
            secrets: [token])
        do {
            try Self.checkUserGroupAnswer(answer, operation: operation)
        } catch {
            throw Self.redacted(error, secrets: [token])
        }
        logger.debug("Updated Slack user group", metadata: ["slack.usergroup": "\(id)", "slack.users": "\(users.count)"])
    }

    /// Maps a `usergroups.users.update` answer: `ok:true` is success, anything else a ``DeliveryError`` as
    /// ``checkedAnswer(_:operation:)`` says, with advice for the user-group errors.
    static func checkUserGroupAnswer(_ answer: SlackHTTPAnswer, operation: SlackOperation) throws(DeliveryError) {
        do {
            _ = try checkedAnswer(answer, operation: operation)
        } catch {
            var error = error
            if let advice = userGroupAdvice(for: error.vendorError ?? "") { error.message += " (\(advice))" }
            throw error
        }
    }

    /// What to do about a user-group error, or `nil` when the general advice says enough.
    static func userGroupAdvice(for error: String) -> String? {
        switch error {
        case "no_such_subteam":
            "check userGroupID: no user group with this ID exists in the workspace"
        case "invalid_users", "no_users_provided":
            "Slack needs at least one valid user ID in a user group"
        case "permission_denied":
            "the workspace setting for user groups must allow everyone to manage them for a bot token"
        case "failed_for_some_users":
            "some users are not members of the workspace of the user group"
        default:
            nil
        }
    }
}

/// The JSON body of `usergroups.users.update`.
struct SlackUserGroupUpdateBody: Encodable {
    var usergroup: String
    var users: String
}
