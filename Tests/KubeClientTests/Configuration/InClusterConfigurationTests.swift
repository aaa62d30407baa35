import Foundation
import Testing

@testable import KubeClient

@Suite("In-cluster configuration and token files")
struct InClusterConfigurationTests {
    static let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    /// A service-account directory with a token, the CA and a namespace.
    func serviceAccountDirectory(token: String = "token-one\n") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("token", token)
        try directory.write("ca.crt", try String(contentsOfFile: ConfigFixtures.path("tls/ca.crt"), encoding: .utf8))
        try directory.write("namespace", "tocsin-system")
        return directory
    }

    @Test("server, CA, namespace and a token file from the service account")
    func inCluster() throws {
        let directory = try serviceAccountDirectory()
        defer { directory.remove() }
        let configuration = try KubeConfigLoader.inCluster(environment: Self.environment, serviceAccountDirectory: directory.path)
        #expect(configuration.server == URL(string: "https://10.96.0.1:443"))
        #expect(configuration.namespace == "tocsin-system")
        #expect(configuration.credentials == .tokenFile(directory.file("token")))
        #expect(configuration.tls == TLSMaterial(certificateAuthorityPEM: try ConfigFixtures.bytes("tls/ca.crt")))
        #expect(configuration.source == "in-cluster")
    }

    @Test("an IPv6 service host is bracketed; POD_NAMESPACE wins over the namespace file")
    func ipv6AndPodNamespace() throws {
        let directory = try serviceAccountDirectory()
        defer { directory.remove() }
        let environment = ["KUBERNETES_SERVICE_HOST": "fd00:10:96::1", "KUBERNETES_SERVICE_PORT": "6443", "POD_NAMESPACE": "ops"]
        let configuration = try KubeConfigLoader.inCluster(environment: environment, serviceAccountDirectory: directory.path)
        #expect(configuration.server.absoluteString == "https://[fd00:10:96::1]:6443")
        #expect(configuration.namespace == "ops")
    }

    @Test("outside a pod: notInCluster")
    func notInCluster() {
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.inCluster(environment: [:], serviceAccountDirectory: "/nonexistent")
        }
        #expect(error?.code == .notInCluster)
    }

    @Test("a missing token file names the file")
    func missingToken() throws {
        let directory = try serviceAccountDirectory()
        defer { directory.remove() }
        try FileManager.default.removeItem(atPath: directory.file("token"))
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.inCluster(environment: Self.environment, serviceAccountDirectory: directory.path)
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == directory.file("token"))
    }

    @Test("automatic: in-cluster without a kubeconfig, the kubeconfig when one exists")
    func automatic() throws {
        let directory = try serviceAccountDirectory()
        defer { directory.remove() }
        var environment = Self.environment
        environment["HOME"] = "/nonexistent-home"
        let inCluster = try KubeConfigLoader.automatic(environment: environment, serviceAccountDirectory: directory.path)
        #expect(inCluster.source == "in-cluster")

        environment["KUBECONFIG"] = ConfigFixtures.path("config/merge-first.yaml")
        let fromFile = try KubeConfigLoader.automatic(context: "shared", environment: environment, serviceAccountDirectory: directory.path)
        #expect(fromFile.server == URL(string: "https://first.example.com:6443"))
    }

    @Test("the token file is re-read after 60 s and after invalidate, not before")
    func tokenRotation() async throws {
        let directory = try serviceAccountDirectory()
        defer { directory.remove() }
        let clock = ManualNow()
        let provider = CredentialProvider(credentials: .tokenFile(directory.file("token")), logger: .quiet, now: clock.closure)
        #expect(try await provider.authorization() == "Bearer token-one")
        #expect(await provider.canRefresh)

        try directory.write("token", "token-two")
        clock.advance(by: 59)
        #expect(try await provider.authorization() == "Bearer token-one")
        clock.advance(by: 1)
        #expect(try await provider.authorization() == "Bearer token-two")

        try directory.write("token", "  token-three \n")
        #expect(try await provider.authorization() == "Bearer token-two")
        await provider.invalidate()
        #expect(try await provider.authorization() == "Bearer token-three")
    }

    @Test("an unreadable token file fails at first use; later the last good token is kept")
    func unreadableTokenFile() async throws {
        let directory = try serviceAccountDirectory()
        defer { directory.remove() }
        let clock = ManualNow()
        let missing = CredentialProvider(credentials: .tokenFile(directory.file("absent")), logger: .quiet, now: clock.closure)
        let error = await #expect(throws: KubeConfigError.self) {
            try await missing.authorization()
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == directory.file("absent"))

        let provider = CredentialProvider(credentials: .tokenFile(directory.file("token")), logger: .quiet, now: clock.closure)
        #expect(try await provider.authorization() == "Bearer token-one")
        try FileManager.default.removeItem(atPath: directory.file("token"))
        await provider.invalidate()
        #expect(try await provider.authorization() == "Bearer token-one")
    }

    @Test("static credentials", arguments: [
        (Credentials.none, String?.none),
        (.token("abc"), "Bearer abc"),
        (.basic(username: "admin", password: "pa:ss"), "Basic YWRtaW46cGE6c3M="),
    ])
    func staticCredentials(credentials: Credentials, expected: String?) async throws {
        let provider = CredentialProvider(credentials: credentials, logger: .quiet)
        #expect(try await provider.authorization() == expected)
        #expect(await provider.canRefresh == false)
        #expect(try await provider.execClientCertificate() == nil)
    }
}
