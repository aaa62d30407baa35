import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TocsinNotifiers
import TocsinTesting

@Suite("SlackClient.updateUserGroup against the fake Slack server")
struct SlackUserGroupTests {
    static let workspace = FakeSlackServer.Configuration(userGroups: ["S0123ABCD": ["U0OLD00001"]])

    @Test func replacesTheMembersWithTheGivenUsersAsOneCommaSeparatedList() async throws {
        try await withFakeSlack(Self.workspace) { server, client, logs in
            try await client.updateUserGroup(id: "S0123ABCD", users: ["U0ANA00001", "U0BEN00001"], token: slackTestToken)

            #expect(server.userGroupUpdates == [
                FakeSlackServer.UserGroupUpdate(
                    userGroupID: "S0123ABCD", users: ["U0ANA00001", "U0BEN00001"], authorization: "Bearer \(slackTestToken)")
            ])
            let request = try #require(server.requests(apiMethod: "usergroups.users.update").first)
            #expect(request.body == ["usergroup": "S0123ABCD", "users": "U0ANA00001,U0BEN00001"])
            #expect(request.headers["content-type"] == "application/json; charset=utf-8")
            #expect(server.userGroupMembers("S0123ABCD") == ["U0ANA00001", "U0BEN00001"])
            #expect(!logs.recorded.joined().contains(slackTestToken))
        }
    }

    @Test func anUnknownGroupIsNoSuchSubteamAndNotRetryable() async throws {
        try await withFakeSlack(Self.workspace) { server, client, _ in
            let error = await slackDeliveryError {
                try await client.updateUserGroup(id: "S0NOPE", users: ["U0ANA00001"], token: slackTestToken)
            }
            #expect(error?.code == .rejected)
            #expect(error?.vendorError == "no_such_subteam")
            #expect(error?.httpStatus == 200)
            #expect(error?.isRetryable == false)
            #expect(
                error?.message
                    == "Slack usergroups.users.update of S0NOPE failed: no_such_subteam (check userGroupID: no user group with this ID exists in the workspace)")
            #expect(server.userGroupMembers("S0123ABCD") == ["U0OLD00001"])
        }
    }

    @Test func anEmptyListIsInvalidUsers() async throws {
        try await withFakeSlack(Self.workspace) { server, client, _ in
            let error = await slackDeliveryError {
                try await client.updateUserGroup(id: "S0123ABCD", users: [], token: slackTestToken)
            }
            #expect(error?.vendorError == "invalid_users")
            #expect(error?.code == .rejected)
            #expect(server.userGroupMembers("S0123ABCD") == ["U0OLD00001"])
        }
    }

    @Test func aWrongTokenIsUnauthorizedWithoutTheToken() async throws {
        try await withFakeSlack(Self.workspace) { _, client, logs in
            let token = "xoxb-9999-wrong-token"
            let error = await slackDeliveryError {
                try await client.updateUserGroup(id: "S0123ABCD", users: ["U0ANA00001"], token: token)
            }
            #expect(error?.code == .unauthorized)
            #expect(error?.vendorError == "invalid_auth")
            #expect(error?.message.contains(token) == false)
            #expect(!logs.recorded.joined().contains(token))
        }
    }

    @Test func rateLimitingIsRetryableWithRetryAfter() async throws {
        try await withFakeSlack(Self.workspace) { server, client, _ in
            server.answerNext(with: .rateLimited(retryAfter: 7))
            let error = await slackDeliveryError {
                try await client.updateUserGroup(id: "S0123ABCD", users: ["U0ANA00001"], token: slackTestToken)
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfter == .seconds(7))
            #expect(error?.isRetryable == true)
        }
    }

    @Test func anEmptyTokenIsMisconfiguredWithoutARequest() async throws {
        try await withFakeSlack(Self.workspace) { server, client, _ in
            let error = await slackDeliveryError {
                try await client.updateUserGroup(id: "S0123ABCD", users: ["U0ANA00001"], token: "  ")
            }
            #expect(error?.code == .misconfigured)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func theFakeAcceptsAFormBodyAsSlackDoes() async throws {
        try await withFakeSlack(Self.workspace) { server, _, _ in
            var request = HTTPClientRequest(url: server.apiBaseURL + "/usergroups.users.update")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(slackTestToken)")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: "usergroup=S0123ABCD&users=U0ANA00001%2CW0BEN00001"))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 16)

            #expect(response.status == .ok)
            #expect(try FakeJSON(jsonData: Data(body.readableBytesView))["ok"] == true)
            #expect(server.userGroupMembers("S0123ABCD") == ["U0ANA00001", "W0BEN00001"])
        }
    }
}
