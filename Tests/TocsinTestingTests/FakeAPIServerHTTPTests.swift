import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Testing
import TocsinTesting

@Suite("Fake API server: HTTP behaviour")
struct FakeAPIServerHTTPTests {
    @Test func anInjectedTooManyRequestsCarriesRetryAfterThenClears() async throws {
        try await FakeCluster.with { cluster in
            cluster.server.injectFailure(
                method: "GET", pathPrefix: "/api/v1/namespaces/default/pods", status: 429, reason: "TooManyRequests",
                message: "Too many requests, please try again later.", retryAfter: 3)
            let limited = try await cluster.send(.GET, "/api/v1/namespaces/default/pods")
            #expect(limited.status == 429)
            #expect(limited.headers["Retry-After"] == ["3"])
            #expect(
                limited.body == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": "Too many requests, please try again later.", "reason": "TooManyRequests",
                    "details": ["retryAfterSeconds": 3], "code": 429,
                ])
            let next = try await cluster.send(.GET, "/api/v1/namespaces/default/pods")
            #expect(next.status == 200)
        }
    }

    @Test func requestsAreRecordedAndCounted() async throws {
        try await FakeCluster.with { cluster in
            _ = try await cluster.send(.GET, "/api/v1/namespaces/default/pods?limit=5", headers: [("Authorization", "Bearer t")])
            _ = try await cluster.send(.POST, "/api/v1/namespaces/default/pods", FakeCluster.pod("web"))
            _ = try await cluster.send(.GET, "/api/v1/nodes")
            #expect(cluster.server.requestCount() == 3)
            #expect(cluster.server.requestCount(method: "GET") == 2)
            #expect(cluster.server.requestCount(pathPrefix: "/api/v1/namespaces/default/pods") == 2)
            #expect(cluster.server.requestCount(method: "POST", pathPrefix: "/api/v1/namespaces") == 1)
            let first = cluster.server.requests.first
            #expect(first?.method == "GET")
            #expect(first?.path == "/api/v1/namespaces/default/pods")
            #expect(first?.query == ["limit": "5"])
            #expect(first?.headers["authorization"] == "Bearer t")
        }
    }

    @Test func aRequiredBearerTokenRefusesOtherRequestsWithUnauthorized() async throws {
        try await FakeCluster.with { cluster in
            cluster.server.requiredBearerToken = "secret"
            let refused = try await cluster.send(.GET, "/api/v1/nodes", headers: [("Authorization", "Bearer wrong")])
            #expect(refused.status == 401)
            #expect(
                refused.body == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": "Unauthorized", "reason": "Unauthorized", "code": 401,
                ])
            let accepted = try await cluster.send(.GET, "/api/v1/nodes", headers: [("Authorization", "Bearer secret")])
            #expect(accepted.status == 200)
            cluster.server.authenticator = { $0 == .basic(username: "admin", password: "pw") }
            let basic = try await cluster.send(
                .GET, "/api/v1/nodes", headers: [("Authorization", "Basic " + Data("admin:pw".utf8).base64EncodedString())])
            #expect(basic.status == 200)
        }
    }

    @Test func discoveryListsTheServedResources() async throws {
        try await FakeCluster.with { cluster in
            let core = try await cluster.send(.GET, "/api/v1")
            #expect(core.body["kind"] == "APIResourceList")
            let names = core.body["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("pods") && names.contains("pods/status") && names.contains("namespaces"))
            let groups = try await cluster.send(.GET, "/apis")
            let groupNames = groups.body["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(groupNames == ["coordination.k8s.io", "events.k8s.io", "tocsin.dev"])
        }
    }

    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../KubeClientTests/Fixtures/tls/\(name)").standardized
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func tlsWithAClientCARequiresAClientCertificate() async throws {
        let ca = try Self.fixture("ca.crt")
        let server = try await FakeAPIServer.start(
            tls: .init(
                certificateChainPEM: try Self.fixture("server.crt"), privateKeyPEM: try Self.fixture("server.key"),
                clientCARootPEM: ca))
        server.requiredBearerToken = "ignored-with-client-certificates"
        #expect(server.baseURL.scheme == "https")
        var trusted = TLSConfiguration.makeClientConfiguration()
        trusted.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8)))
        var withCertificate = trusted
        withCertificate.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(try Self.fixture("client-rsa.crt").utf8))
            .map { .certificate($0) }
        withCertificate.privateKey = .privateKey(
            try NIOSSLPrivateKey(bytes: Array(try Self.fixture("client-rsa.key").utf8), format: .pem))
        let authenticated = HTTPClient(configuration: .init(tlsConfiguration: withCertificate))
        let anonymous = HTTPClient(configuration: .init(tlsConfiguration: trusted))
        let url = server.baseURL.absoluteString + "/api/v1/namespaces/default"
        let response = try await authenticated.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        #expect(response.status.code == 200)
        await #expect(throws: (any Error).self) {
            _ = try await anonymous.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        }
        try await authenticated.shutdown()
        try await anonymous.shutdown()
        await server.shutdown()
    }
}
