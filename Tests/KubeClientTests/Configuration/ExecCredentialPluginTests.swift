import Foundation
import Logging
import Testing

@testable import KubeClient

@Suite("Exec credential plugins")
struct ExecCredentialPluginTests {
    static let v1 = "client.authentication.k8s.io/v1"
    static let v1beta1 = "client.authentication.k8s.io/v1beta1"

    /// An exec configuration running the fixture plugin; its runs are counted in `runs` of `directory`.
    func plugin(
        _ directory: TemporaryDirectory,
        apiVersion: String = v1,
        env: [String: String] = [:],
        cluster: ExecClusterInfo? = nil
    ) throws -> ExecConfig {
        var variables = [ExecConfig.EnvironmentVariable(name: "PLUGIN_COUNT_FILE", value: directory.file("runs"))]
        for (name, value) in env.sorted(by: { $0.key < $1.key }) {
            variables.append(.init(name: name, value: value))
        }
        return ExecConfig(
            apiVersion: apiVersion,
            command: try ConfigFixtures.execPlugin(),
            args: ["tok"],
            env: variables,
            installHint: "Install the fixture plugin.",
            provideClusterInfo: cluster != nil,
            cluster: cluster
        )
    }

    func runs(_ directory: TemporaryDirectory) throws -> Int {
        guard FileManager.default.fileExists(atPath: directory.file("runs")) else {
            return 0
        }
        return try directory.read("runs").split(separator: "\n").count
    }

    @Test("the token is cached until shortly before expirationTimestamp, then the plugin runs again", arguments: [v1, v1beta1])
    func expiry(apiVersion: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualNow(Date(timeIntervalSince1970: 1_800_000_000))  // 2027-01-15T08:00:00Z
        let config = try plugin(
            directory, apiVersion: apiVersion,
            env: ["PLUGIN_API_VERSION": apiVersion, "PLUGIN_EXPIRATION": "2027-01-15T09:00:00Z"]
        )
        let provider = CredentialProvider(credentials: .exec(config), logger: .quiet, environment: [:], now: clock.closure)
        #expect(try await provider.authorization() == "Bearer tok-1")
        clock.advance(by: 3600 - CredentialProvider.execRefreshMargin - 1)
        #expect(try await provider.authorization() == "Bearer tok-1")
        #expect(try runs(directory) == 1)
        clock.advance(by: 1)
        #expect(try await provider.authorization() == "Bearer tok-2")
        #expect(try runs(directory) == 2)
    }

    @Test("without expirationTimestamp the token is kept until invalidate")
    func invalidate() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualNow()
        let provider = CredentialProvider(credentials: .exec(try plugin(directory)), logger: .quiet, environment: [:], now: clock.closure)
        #expect(try await provider.authorization() == "Bearer tok-1")
        clock.advance(by: 86_400)
        #expect(try await provider.authorization() == "Bearer tok-1")
        #expect(await provider.canRefresh)
        await provider.invalidate()
        #expect(try await provider.authorization() == "Bearer tok-2")
        #expect(try runs(directory) == 2)
    }

    @Test("concurrent callers share one run of the plugin")
    func sharedRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let provider = CredentialProvider(credentials: .exec(try plugin(directory)), logger: .quiet, environment: [:])
        let values = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 {
                group.addTask { try await provider.authorization() }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: "Bearer tok-1", count: 8))
        #expect(try runs(directory) == 1)
    }

    @Test("KUBERNETES_EXEC_INFO carries interactive=false and the cluster when provideClusterInfo is set")
    func execInfo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let cluster = ExecClusterInfo(
            server: "https://eks.example.com", tlsServerName: "api", certificateAuthorityPEM: Array("PEM".utf8),
            proxyURL: "http://proxy:3128"
        )
        let config = try plugin(directory, env: ["PLUGIN_INFO_FILE": directory.file("info")], cluster: cluster)
        let provider = CredentialProvider(credentials: .exec(config), logger: .quiet, environment: [:])
        _ = try await provider.authorization()
        let info = try directory.read("info")
        #expect(
            info == #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"cluster":"#
                + #"{"certificate-authority-data":"UEVN","proxy-url":"http://proxy:3128","server":"https://eks.example.com","#
                + #""tls-server-name":"api"},"interactive":false}}"#
        )

        let plain = CredentialProvider(
            credentials: .exec(try plugin(directory, env: ["PLUGIN_INFO_FILE": directory.file("plain")])), logger: .quiet, environment: [:]
        )
        _ = try await plain.authorization()
        #expect(try directory.read("plain") == #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}"#)
    }

    @Test("a plugin writing more than a pipe buffer to stderr does not deadlock")
    func noisyPlugin() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let provider = CredentialProvider(
            credentials: .exec(try plugin(directory, env: ["PLUGIN_MODE": "noisy"])), logger: .quiet, environment: [:]
        )
        #expect(try await provider.authorization() == "Bearer tok-1")
    }

    @Test("a failing plugin: execFailed with the exit code, the stderr excerpt and the install hint")
    func failingPlugin() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try plugin(directory, env: ["PLUGIN_MODE": "fail"])
        let provider = CredentialProvider(credentials: .exec(config), logger: .quiet, environment: [:])
        let error = await #expect(throws: KubeConfigError.self) {
            try await provider.authorization()
        }
        #expect(error?.code == .execFailed)
        #expect(error?.file == config.command)
        #expect(
            error?.message
                == "exited with code 3; stderr: error: the SSO session for profile dev has expired; run sso login\nInstall the fixture plugin."
        )
    }

    @Test("a command that cannot be found: execFailed with the install hint")
    func missingCommand() async throws {
        let config = ExecConfig(apiVersion: Self.v1, command: "tocsin-no-such-plugin", installHint: "brew install it")
        let provider = CredentialProvider(credentials: .exec(config), logger: .quiet, environment: ["PATH": "/usr/bin:/bin"])
        let error = await #expect(throws: KubeConfigError.self) {
            try await provider.authorization()
        }
        #expect(error?.code == .execFailed)
        #expect(error?.message == "executable \"tocsin-no-such-plugin\" was not found or is not executable\nbrew install it")
    }

    static let invalidOutputs: [(String, String)] = [
        ("this is not json", "standard output is not an ExecCredential JSON object (17 bytes)"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}"#, "returned apiVersion"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#, "returned no status"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#, "returned neither status.token"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"tomorrow"}}"#, "is not an RFC 3339 time"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"Secret","status":{"token":"t"}}"#, "returned kind \"Secret\""),
    ]

    @Test("invalid output: execInvalidOutput", arguments: invalidOutputs)
    func invalidOutput(output: String, expectedMessage: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("output", output + "\n")
        let config = try plugin(directory, env: ["PLUGIN_MODE": "file", "PLUGIN_OUTPUT_FILE": directory.file("output")])
        let provider = CredentialProvider(credentials: .exec(config), logger: .quiet, environment: [:])
        let error = await #expect(throws: KubeConfigError.self) {
            try await provider.authorization()
        }
        #expect(error?.code == .execInvalidOutput)
        #expect(error?.message.contains(expectedMessage) == true)
    }

    @Test("a client certificate from the plugin is exposed; no Authorization header without a token")
    func clientCertificate() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let certificate = String(decoding: try ConfigFixtures.bytes("tls/client-ec.crt"), as: UTF8.self)
        let key = String(decoding: try ConfigFixtures.bytes("tls/client-ec.key"), as: UTF8.self)
        let answer = ExecCredential(
            apiVersion: Self.v1, kind: "ExecCredential",
            status: .init(expirationTimestamp: "2099-01-01T00:00:00.5Z", clientCertificateData: certificate, clientKeyData: key)
        )
        try directory.write("output", String(decoding: try JSONEncoder().encode(answer), as: UTF8.self))
        let config = try plugin(directory, env: ["PLUGIN_MODE": "file", "PLUGIN_OUTPUT_FILE": directory.file("output")])
        let provider = CredentialProvider(credentials: .exec(config), logger: .quiet, environment: [:])
        #expect(try await provider.authorization() == nil)
        let pair = try await provider.execClientCertificate()
        #expect(pair?.certificatePEM == Array(certificate.utf8))
        #expect(pair?.keyPEM == Array(key.utf8))
        #expect(try runs(directory) == 1)
    }

    @Test("the token never reaches the logs")
    func tokenNotLogged() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (logger, records) = Logger.recording()
        let provider = CredentialProvider(credentials: .exec(try plugin(directory)), logger: logger, environment: [:])
        #expect(try await provider.authorization() == "Bearer tok-1")
        #expect(records.all.contains("Obtained exec credential"))
        #expect(!records.all.contains("tok-1"))
    }

    @Test("cancelling the caller kills a plugin that does not answer", .timeLimit(.minutes(1)))
    func cancellation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try plugin(directory, env: ["PLUGIN_MODE": "hang", "PLUGIN_PID_FILE": directory.file("pid")])
        let provider = CredentialProvider(credentials: .exec(config), logger: .quiet, environment: [:])
        let call = Task { try await provider.authorization() }
        // Bounded wait for the plugin to start, so that the cancellation hits a running process.
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: directory.file("pid")) {
            try await Task.sleep(for: .milliseconds(10))
        }
        call.cancel()
        await #expect(throws: CancellationError.self) {
            try await call.value
        }
        let pid = try #require(Int32(try directory.read("pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1)
    }
}
