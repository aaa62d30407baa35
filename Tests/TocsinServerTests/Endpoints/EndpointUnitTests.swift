import AsyncHTTPClient
import Foundation
import KubeCore
import Synchronization
import Testing
import TocsinAPI
@testable import TocsinServer

@Suite("Endpoint building blocks")
struct EndpointUnitTests {
    @Test func theOpenAPIDocumentInManifestsIsTheServedOne() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("manifests/incidents-api.openapi.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == IncidentsAPIDocument.yaml)
        #expect(text.hasPrefix("openapi: 3.0.3\n"))
    }

    @Test(arguments: [
        ("https://hooks.slack.com/actions/T1/123/abc", true),
        ("https://HOOKS.slack.com/commands/T1/1/x", true),
        ("http://hooks.slack.com/actions/T1/123/abc", false),
        ("https://hooks.slack.com.evil.example/x", false),
        ("https://evil.example/hooks.slack.com", false),
        ("https://user:pw@hooks.slack.com/x", false),
        ("file:///etc/passwd", false),
        ("not a url", false),
        ("", false),
    ])
    func responseURLsAreLimitedToTheAllowedHosts(_ url: String, _ isAllowed: Bool) {
        let client = SlackResponseURLClient(httpClient: .shared, logger: EndpointFixtures.quiet)
        #expect((client.allowedURL(url) != nil) == isAllowed)
    }

    @Test func listTokensRoundTripAndRejectTampering() throws {
        let token = IncidentListToken(namespaceIndex: 1, kubeToken: "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ==", skip: 42)
        #expect(IncidentListToken(encoded: token.encoded) == token)
        #expect(!token.encoded.contains("="))
        #expect(!token.encoded.contains("+") && !token.encoded.contains("/"))
        #expect(IncidentListToken(encoded: "") == nil)
        #expect(IncidentListToken(encoded: String(repeating: "A", count: 10_000)) == nil)
        let tooFar = IncidentListToken(namespaceIndex: 0, kubeToken: nil, skip: IncidentDirectory.pageSize)
        #expect(IncidentListToken(encoded: tooFar.encoded) == nil)
    }

    @Test(arguments: [
        ("shop", true), ("a", true), ("kube-system", true), ("Shop", false), ("-shop", false), ("shop-", false),
        ("a.b", false), ("", false), (String(repeating: "a", count: 64), false), ("ns/x", false),
    ])
    func namespaceNames(_ name: String, _ isValid: Bool) {
        #expect(IncidentDirectory.isValidNamespace(name) == isValid)
    }

    @Test func tokenReviewsArePositivelyCachedForTheirTTLWithinTheCapacity() async throws {
        let reviews = Mutex(0)
        let clock = Mutex(ContinuousClock.now)
        let authenticator = KubernetesTokenAuthenticator(
            review: { review in
                reviews.withLock { $0 += 1 }
                var answer = review
                let token = review.spec.token ?? ""
                answer.status = token.hasPrefix("good")
                    ? TokenReviewStatus(authenticated: true, user: UserInfo(username: "user-\(token)"))
                    : TokenReviewStatus(authenticated: false)
                return answer
            }, audiences: nil, cacheTTL: .seconds(30), cacheCapacity: 2, now: { clock.withLock { $0 } })

        #expect(try await authenticator.authenticate(token: "good-1").username == "user-good-1")
        #expect(try await authenticator.authenticate(token: "good-1").username == "user-good-1")
        #expect(reviews.withLock { $0 } == 1)
        await #expect(throws: IncidentsAPIError.unauthorized("the bearer token is not valid for this cluster")) {
            try await authenticator.authenticate(token: "bad")
        }
        await #expect(throws: IncidentsAPIError.self) { try await authenticator.authenticate(token: "bad") }
        #expect(reviews.withLock { $0 } == 3)

        _ = try await authenticator.authenticate(token: "good-2")
        _ = try await authenticator.authenticate(token: "good-3")
        #expect(authenticator.cachedCount == 2)

        clock.withLock { $0 = $0.advanced(by: .seconds(31)) }
        let before = reviews.withLock { $0 }
        _ = try await authenticator.authenticate(token: "good-3")
        #expect(reviews.withLock { $0 } == before + 1)
    }

    @Test func aFailedTokenReviewIs503WithoutTheToken() async {
        struct Down: Error {}
        let authenticator = KubernetesTokenAuthenticator(
            review: { _ in throw Down() }, audiences: nil, cacheTTL: .seconds(30), cacheCapacity: 10,
            now: { ContinuousClock.now })
        do {
            _ = try await authenticator.authenticate(token: "secret-token-value")
            Issue.record("expected an error")
        } catch {
            #expect(error.status == 503)
            #expect(!error.message.contains("secret-token-value"))
        }
    }

    @Test func tokenReviewDescriptionsNeverShowTheToken() {
        let review = TokenReview(token: "secret-token-value")
        #expect(!"\(review)".contains("secret-token-value"))
        #expect(!String(reflecting: review).contains("secret-token-value"))
        #expect(!"\(review.spec)".contains("secret-token-value"))
    }

    @Test func reviewsEncodeAsTheKubernetesAPIExpects() throws {
        let review = SubjectAccessReview(spec: SubjectAccessReviewSpec(
            resourceAttributes: ResourceAttributes(
                namespace: "shop", verb: "patch", group: "tocsin.dev", resource: "incidents", name: "web-down-1"),
            for: UserInfo(username: "alice", uid: "u1", groups: ["system:authenticated"])))
        let encoder = KubeJSON.makeEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(review), as: UTF8.self)
        #expect(json == #"{"apiVersion":"authorization.k8s.io\/v1","kind":"SubjectAccessReview","metadata":{},"#
            + #""spec":{"groups":["system:authenticated"],"resourceAttributes":{"group":"tocsin.dev","name":"web-down-1","#
            + #""namespace":"shop","resource":"incidents","verb":"patch"},"uid":"u1","user":"alice"}}"#)
        #expect(ResourceType.tokenReviews.path(namespace: nil) == "/apis/authentication.k8s.io/v1/tokenreviews")
        #expect(ResourceType.subjectAccessReviews.path(namespace: "ignored")
            == "/apis/authorization.k8s.io/v1/subjectaccessreviews")
    }

    @Test func statusRepliesCountBySeverity() {
        #expect(SlackCommandReplies.status(openIncidents: []) == "*Tocsin status*: no open incidents :white_check_mark:")
        #expect(SlackCommandReplies.isSlackID("U0ALICE"))
        #expect(!SlackCommandReplies.isSlackID("U0>!channel"))
        #expect(!SlackCommandReplies.isSlackID("alice"))
    }
}
