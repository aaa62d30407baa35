import Foundation
import KubeClient
import KubeCore
import Testing
import TocsinTesting

/// TLS (CA, client certificates RSA and EC, tls-server-name, insecure), credentials and retries.
@Suite struct ClientTransportTests {
    static func pem(_ name: String) throws -> String {
        String(decoding: try ConfigFixtures.bytes("tls/\(name)"), as: UTF8.self)
    }

    static func serverTLS(certificate: String = "server.crt", requireClientCertificates: Bool) throws
        -> FakeAPIServer.TLSOptions
    {
        FakeAPIServer.TLSOptions(
            certificateChainPEM: try pem(certificate), privateKeyPEM: try pem("server.key"),
            clientCARootPEM: requireClientCertificates ? try pem("ca.crt") : nil)
    }

    @Test(arguments: ["client-rsa", "client-ec"])
    func clientCertificatesAuthenticateOverTLS(key: String) async throws {
        try await withFakeCluster(tls: try Self.serverTLS(requireClientCertificates: true)) { configuration in
            configuration.tls = TLSMaterial(
                certificateAuthorityPEM: try ConfigFixtures.bytes("tls/ca.crt"),
                clientCertificatePEM: try ConfigFixtures.bytes("tls/\(key).crt"),
                clientKeyPEM: try ConfigFixtures.bytes("tls/\(key).key"))
        } _: { server, client in
            #expect(server.baseURL.scheme == "https")
            let namespace = try await client.get(Namespace.self, name: "kube-system")
            #expect(namespace.metadata.name == "kube-system")
        }
    }

    @Test func withoutAClientCertificateTheHandshakeFails() async throws {
        try await withFakeCluster(tls: try Self.serverTLS(requireClientCertificates: true)) { configuration in
            configuration.tls = TLSMaterial(certificateAuthorityPEM: try ConfigFixtures.bytes("tls/ca.crt"))
        } _: { _, client in
            await #expect(throws: KubeTransportError.self) {
                _ = try await client.get(Namespace.self, name: "default")
            }
        }
    }

    @Test func aServerSignedByAnotherCAIsRefusedUnlessVerificationIsSkipped() async throws {
        try await withFakeCluster(tls: try Self.serverTLS(requireClientCertificates: false)) { configuration in
            configuration.tls = TLSMaterial(certificateAuthorityPEM: try ConfigFixtures.bytes("tls/other.crt"))
        } _: { _, client in
            await #expect(throws: KubeTransportError.self) {
                _ = try await client.get(Namespace.self, name: "default")
            }
        }
        try await withFakeCluster(tls: try Self.serverTLS(requireClientCertificates: false)) { configuration in
            configuration.tls = TLSMaterial(insecureSkipTLSVerify: true)
        } _: { _, client in
            let namespace = try await client.get(Namespace.self, name: "default")
            #expect(namespace.metadata.name == "default")
        }
    }

    @Test func tlsServerNameVerifiesAgainstThatNameNotTheAddress() async throws {
        let tls = try Self.serverTLS(certificate: "named-server.crt", requireClientCertificates: false)
        try await withFakeCluster(tls: tls) { configuration in
            configuration.tls = TLSMaterial(certificateAuthorityPEM: try ConfigFixtures.bytes("tls/ca.crt"))
        } _: { _, client in
            await #expect(throws: KubeTransportError.self) {
                _ = try await client.get(Namespace.self, name: "default")
            }
        }
        try await withFakeCluster(tls: tls) { configuration in
            configuration.tls = TLSMaterial(
                certificateAuthorityPEM: try ConfigFixtures.bytes("tls/ca.crt"), serverName: "kubernetes.tocsin.test")
        } _: { _, client in
            let namespace = try await client.get(Namespace.self, name: "default")
            #expect(namespace.metadata.name == "default")
        }
    }

    @Test func bearerTokensAreSentAndA401IsTyped() async throws {
        try await withFakeCluster { configuration in
            configuration.credentials = .token("good-token")
        } _: { server, client in
            server.requiredBearerToken = "good-token"
            _ = try await client.get(Namespace.self, name: "default")
            #expect(server.requests.last?.headers["authorization"] == "Bearer good-token")
            server.requiredBearerToken = "another-token"
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.get(Namespace.self, name: "default")
            }
            #expect(error?.isUnauthorized == true)
        }
    }

    @Test func aRotatedTokenFileIsReReadAfterA401() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tokenFile = directory.url.appendingPathComponent("token")
        try Data("first-token\n".utf8).write(to: tokenFile)
        try await withFakeCluster { configuration in
            configuration.credentials = .tokenFile(tokenFile.path)
        } _: { server, client in
            server.requiredBearerToken = "first-token"
            _ = try await client.get(Namespace.self, name: "default")
            try Data("second-token\n".utf8).write(to: tokenFile)
            server.requiredBearerToken = "second-token"
            _ = try await client.get(Namespace.self, name: "default")
            let lastTwo = server.requests.suffix(2).map { $0.headers["authorization"] }
            #expect(lastTwo == ["Bearer first-token", "Bearer second-token"])
        }
    }

    @Test func anExecPluginTokenIsUsed() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugin = try ConfigFixtures.execPlugin()
        try await withFakeCluster { configuration in
            configuration.credentials = .exec(
                ExecConfig(
                    apiVersion: "client.authentication.k8s.io/v1", command: plugin, args: ["exec"],
                    env: [.init(name: "PLUGIN_COUNT_FILE", value: directory.url.appendingPathComponent("runs").path)]))
        } _: { server, client in
            server.requiredBearerToken = "exec-1"
            _ = try await client.get(Namespace.self, name: "default")
            _ = try await client.get(Namespace.self, name: "default")
            #expect(server.requests.suffix(2).map { $0.headers["authorization"] } == ["Bearer exec-1", "Bearer exec-1"])
            // The server stops accepting the token: the client re-runs the plugin once and succeeds.
            server.requiredBearerToken = "exec-2"
            _ = try await client.get(Namespace.self, name: "default")
            #expect(server.requests.suffix(2).map { $0.headers["authorization"] } == ["Bearer exec-1", "Bearer exec-2"])
        }
    }

    @Test func tooManyRequestsWithRetryAfterIsRetried() async throws {
        try await withFakeCluster { server, client in
            server.injectFailure(
                method: "GET", pathPrefix: "/api/v1/namespaces/default", status: 429, reason: "TooManyRequests",
                message: "too many requests", retryAfter: 1, count: 1)
            let namespace = try await client.get(Namespace.self, name: "default", resource: .namespaces)
            #expect(namespace.metadata.name == "default")
            #expect(server.requestCount(method: "GET", pathPrefix: "/api/v1/namespaces/default") == 2)
        }
    }

    @Test func retriesStopAtTheLimitAndTheErrorIsTyped() async throws {
        try await withFakeCluster { server, client in
            server.injectFailure(
                pathPrefix: "/api/v1/namespaces/default", status: 429, reason: "TooManyRequests",
                message: "slow down", retryAfter: 0, count: 10)
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.get(Namespace.self, name: "default")
            }
            #expect(error?.isTooManyRequests == true)
            #expect(error?.retryAfter == .seconds(0))
            // The first attempt and `maximumRetries` (2) retries.
            #expect(server.requestCount(pathPrefix: "/api/v1/namespaces/default") == 3)
        }
    }

    @Test func aServerErrorWithoutRetryAfterIsNotRetried() async throws {
        try await withFakeCluster { server, client in
            server.injectFailure(
                pathPrefix: "/api/v1/nodes", status: 500, reason: "InternalError", message: "etcd unavailable")
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await client.list(Node.self)
            }
            #expect(error?.isServerError == true)
            #expect(error?.message == "etcd unavailable")
            #expect(server.requestCount(pathPrefix: "/api/v1/nodes") == 1)
        }
    }

    @Test func anUnreachableServerIsATransportError() async throws {
        let configuration = ClientConfiguration(
            server: try #require(URL(string: "http://127.0.0.1:1")), qps: 0, source: "test")
        let client = try KubernetesClient(configuration: configuration, connectTimeout: .seconds(1))
        let error = await #expect(throws: KubeTransportError.self) {
            _ = try await client.get(Pod.self, name: "x")
        }
        #expect(error?.path == "/api/v1/namespaces/default/pods/x")
        try await client.shutdown()
    }
}
