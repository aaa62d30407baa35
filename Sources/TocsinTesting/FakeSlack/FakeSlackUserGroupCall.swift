import Foundation
import Hummingbird

/// `POST /api/usergroups.users.update` of the fake Slack server (authentication already checked): replaces the
/// members of a configured user group, with the arguments as JSON or as a form, as Slack accepts both.
///
/// Answers as Slack does: `no_such_subteam` for an unknown group, `no_users_provided` without `users`,
/// `invalid_users` for an empty list or an entry that is not a user ID, `invalid_post_type` for another body.
struct FakeSlackUserGroupCall {
    /// The Web API method.
    static let method = "usergroups.users.update"

    let request: FakeSlackServer.RecordedRequest

    func answer(in state: inout FakeSlackState) -> Response {
        guard let arguments = Self.arguments(of: request) else {
            return FakeSlackResponder.apiError("invalid_post_type")
        }
        guard let id = arguments["usergroup"], !id.isEmpty else { return FakeSlackResponder.apiError("missing_argument") }
        guard state.configuration.userGroups[id] != nil else { return FakeSlackResponder.apiError("no_such_subteam") }
        guard let list = arguments["users"] else { return FakeSlackResponder.apiError("no_users_provided") }
        let users = list.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !list.isEmpty, users.allSatisfy(Self.isUserID) else { return FakeSlackResponder.apiError("invalid_users") }
        state.configuration.userGroups[id] = users
        return FakeSlackResponder.json(200, [
            "ok": true,
            "usergroup": [
                "id": .string(id), "team_id": "T0FAKE", "is_usergroup": true,
                "users": .array(users.map { .string($0) }), "user_count": .string(String(users.count)),
            ],
        ])
    }

    /// The string arguments of a JSON or form body; `nil` for another content type.
    static func arguments(of request: FakeSlackServer.RecordedRequest) -> [String: String]? {
        let contentType = request.headers["content-type"]?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") {
            guard let object = request.body?.objectValue else { return nil }
            return object.compactMapValues { $0.stringValue }
        }
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            var values: [String: String] = [:]
            for pair in String(decoding: request.rawBody, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (text: Substring) in
                    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
                }
                let name = decode(parts[0])
                if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
            }
            return values
        }
        return nil
    }

    /// Whether `value` looks like a Slack user ID (`U` or `W`, then letters and digits).
    static func isUserID(_ value: String) -> Bool {
        guard let first = value.first, first == "U" || first == "W", value.count >= 2 else { return false }
        return value.allSatisfy { ($0.isASCII && $0.isUppercase) || ($0.isASCII && $0.isNumber) }
    }
}

extension FakeSlackServer {
    /// One `usergroups.users.update` call the fake received (answered or refused).
    public struct UserGroupUpdate: Sendable, Hashable {
        /// The `usergroup` argument.
        public var userGroupID: String?
        /// The `users` argument split at commas (`nil` when absent).
        public var users: [String]?
        /// The `Authorization` header as received.
        public var authorization: String?

        /// Creates a record (tests compare with it).
        public init(userGroupID: String?, users: [String]?, authorization: String?) {
            self.userGroupID = userGroupID
            self.users = users
            self.authorization = authorization
        }
    }

    /// Every `usergroups.users.update` call received, oldest first.
    public var userGroupUpdates: [UserGroupUpdate] {
        requests(apiMethod: FakeSlackUserGroupCall.method).map { request in
            let arguments = FakeSlackUserGroupCall.arguments(of: request) ?? [:]
            return UserGroupUpdate(
                userGroupID: arguments["usergroup"],
                users: arguments["users"].map { $0.split(separator: ",").map(String.init) },
                authorization: request.headers["authorization"])
        }
    }

    /// The members of the user group `id`, or `nil` when the workspace has no such group.
    public func userGroupMembers(_ id: String) -> [String]? {
        store.withState { $0.configuration.userGroups[id] }
    }
}
