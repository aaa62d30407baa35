import Foundation
import Testing
import TocsinAPI
@testable import TocsinControllers
import TocsinTesting

/// TLS verification: on by default, off only for targets with `tlsInsecureSkipVerify`.
@Suite("ProbeChecker TLS")
struct ProbeCheckerTLSTests {
    /// The server certificate and key of the KubeClient tests, signed by a test CA that no system trusts.
    private static func fixture(_ name: String) throws -> String {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KubeClientTests/Fixtures/tls")
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func verificationIsOnByDefaultAndSkippedOnlyWhenAsked() async throws {
        let tls = FakeAPIServer.TLSOptions(
            certificateChainPEM: try Self.fixture("server.crt"), privateKeyPEM: try Self.fixture("server.key"))
        let server = try await FakeAPIServer.start(tls: tls)
        let checker = ProbeChecker()
        let url = server.baseURL.absoluteString + "/version"
        let id = ProbeTarget.ID(namespace: "default", monitor: "web", probe: "tls")
        let verified = await checker.check(ProbeTarget(id: id, url: url, timeout: .seconds(20)))
        let skipped = await checker.check(
            ProbeTarget(id: id, url: url, timeout: .seconds(20), tlsInsecureSkipVerify: true))
        try await checker.shutdown()
        await server.shutdown()
        #expect(!verified.isUp)
        #expect(verified.statusCode == nil)
        #expect(verified.error == """
            GET \(url): TLS certificate verification failed (tlsInsecureSkipVerify is for self-signed endpoints only)
            """)
        #expect(skipped.statusCode != nil)
    }
}
