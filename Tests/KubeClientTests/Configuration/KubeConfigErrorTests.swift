import Foundation
import Testing

@testable import KubeClient

/// One invalid kubeconfig and the exact error it must produce.
struct InvalidKubeConfigCase: CustomTestStringConvertible, Sendable {
    var name: String
    var yaml: String
    var context: String?
    var code: KubeConfigError.Code
    var field: String?

    var testDescription: String { name }
}

@Suite("Kubeconfig errors")
struct KubeConfigErrorTests {
    static let header = """
        clusters:
        - name: good
          cluster: {server: "https://good.example.com"}
        users:
        - name: good
          user: {token: abc}

        """

    static func context(cluster: String = "good", user: String = "good", namespace: String? = nil) -> String {
        let namespaceField = namespace.map { ", namespace: \($0)" } ?? ""
        return """
            contexts:
            - name: x
              context: {cluster: \(cluster), user: \(user)\(namespaceField)}
            current-context: x

            """
    }

    static let badPEM = Data("-----BEGIN CERTIFICATE-----\n!!!notbase64!!!\n-----END CERTIFICATE-----\n".utf8).base64EncodedString()
    static let notPEM = Data("just some text".utf8).base64EncodedString()
    static let certificateAsKey = Data(
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8
    ).base64EncodedString()

    static let cases: [InvalidKubeConfigCase] = [
        .init(name: "invalid YAML", yaml: "clusters: [unclosed\n  users: {", code: .invalidYAML),
        .init(name: "wrong shape", yaml: "clusters: just-a-string\n", code: .invalidYAML, field: "clusters"),
        .init(name: "no current-context", yaml: header + "contexts: [{name: x, context: {cluster: good, user: good}}]\n", code: .noCurrentContext, field: "current-context"),
        .init(name: "unknown current-context", yaml: header + "current-context: nope\n", code: .unknownContext, field: "current-context"),
        .init(name: "unknown explicit context", yaml: header + context(), context: "nope", code: .unknownContext),
        .init(name: "unknown cluster", yaml: header + context(cluster: "missing"), code: .unknownCluster, field: "contexts[name=x].cluster"),
        .init(name: "unknown user", yaml: header + context(user: "missing"), code: .unknownUser, field: "contexts[name=x].user"),
        .init(
            name: "context without user",
            yaml: header + "contexts: [{name: x, context: {cluster: good}}]\ncurrent-context: x\n",
            code: .unknownUser, field: "contexts[name=x].user"
        ),
        .init(name: "invalid namespace", yaml: header + context(namespace: "Not_Valid"), code: .invalidField, field: "contexts[name=x].namespace"),
        .init(
            name: "missing server",
            yaml: "clusters: [{name: good, cluster: {insecure-skip-tls-verify: true}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .missingServer, field: "clusters[name=good].server"
        ),
        .init(
            name: "invalid server URL",
            yaml: "clusters: [{name: good, cluster: {server: \"ftp://x\"}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .invalidServerURL, field: "clusters[name=good].server"
        ),
        .init(
            name: "invalid proxy-url",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\", proxy-url: \"gopher://p\"}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .invalidServerURL, field: "clusters[name=good].proxy-url"
        ),
        .init(
            name: "bad base64 in certificate-authority-data",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\", certificate-authority-data: \"%%%\"}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .invalidBase64, field: "clusters[name=good].certificate-authority-data"
        ),
        .init(
            name: "bad base64 in client-key-data",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {client-certificate-data: \"\(certificateAsKey)\", client-key-data: \"not*base64\"}}]\n" + context(),
            code: .invalidBase64, field: "users[name=good].client-key-data"
        ),
        .init(
            name: "PEM body not base64",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\", certificate-authority-data: \"\(badPEM)\"}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .invalidPEM, field: "clusters[name=good].certificate-authority-data"
        ),
        .init(
            name: "not PEM at all",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {client-certificate-data: \"\(notPEM)\", client-key-data: \"\(notPEM)\"}}]\n" + context(),
            code: .invalidPEM, field: "users[name=good].client-certificate-data"
        ),
        .init(
            name: "a certificate where a key is expected",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {client-certificate-data: \"\(certificateAsKey)\", client-key-data: \"\(certificateAsKey)\"}}]\n" + context(),
            code: .invalidPEM, field: "users[name=good].client-key-data"
        ),
        .init(
            name: "missing certificate-authority file",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\", certificate-authority: missing-ca.crt}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .fileNotFound, field: "clusters[name=good].certificate-authority"
        ),
        .init(
            name: "certificate-authority and its -data",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\", certificate-authority: ca.crt, certificate-authority-data: \"\(certificateAsKey)\"}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .conflictingFields, field: "clusters[name=good].certificate-authority-data"
        ),
        .init(
            name: "CA with insecure-skip-tls-verify",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\", insecure-skip-tls-verify: true, certificate-authority-data: \"\(certificateAsKey)\"}}]\nusers: [{name: good, user: {}}]\n" + context(),
            code: .conflictingFields, field: "clusters[name=good].insecure-skip-tls-verify"
        ),
        .init(
            name: "client certificate without key",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {client-certificate-data: \"\(certificateAsKey)\"}}]\n" + context(),
            code: .invalidField, field: "users[name=good].client-key"
        ),
        .init(
            name: "token and basic",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {token: t, username: u, password: p}}]\n" + context(),
            code: .conflictingFields, field: "users[name=good].username"
        ),
        .init(
            name: "missing tokenFile",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {tokenFile: no-such-token}}]\n" + context(),
            code: .fileNotFound, field: "users[name=good].tokenFile"
        ),
        .init(
            name: "auth-provider",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {auth-provider: {name: gcp, config: {}}}}]\n" + context(),
            code: .unsupportedAuthProvider, field: "users[name=good].auth-provider"
        ),
        .init(
            name: "exec with an unsupported apiVersion",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}}]\n" + context(),
            code: .invalidField, field: "users[name=good].exec.apiVersion"
        ),
        .init(
            name: "exec without command",
            yaml: "clusters: [{name: good, cluster: {server: \"https://x\"}}]\nusers: [{name: good, user: {exec: {apiVersion: client.authentication.k8s.io/v1}}}]\n" + context(),
            code: .invalidField, field: "users[name=good].exec.command"
        ),
    ]

    @Test("each invalid kubeconfig fails with its code, file and field", arguments: cases)
    func invalidKubeConfig(_ testCase: InvalidKubeConfigCase) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("config", testCase.yaml)
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.load(paths: [path], context: testCase.context, environment: [:])
        }
        #expect(error?.code == testCase.code)
        #expect(error?.file == path)
        #expect(error?.field == testCase.field)
    }

    @Test("the description names the file, the field and the problem")
    func descriptionFormat() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "config",
            "clusters: [{name: c, cluster: {server: \"https://x\"}}]\n"
                + "users: [{name: dev, user: {client-certificate-data: \"\(Self.certificateAsKey)\", client-key-data: \"@@\"}}]\n"
                + "contexts: [{name: x, context: {cluster: c, user: dev}}]\ncurrent-context: x\n"
        )
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.load(paths: [path], environment: [:])
        }
        #expect(error?.description == "kubeconfig \(path): users[name=dev].client-key-data: invalid base64; encode the PEM with base64 -w0")
    }

    @Test("the auth-provider error suggests an exec plugin")
    func authProviderMessage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "config",
            "clusters: [{name: c, cluster: {server: \"https://x\"}}]\nusers: [{name: u, user: {auth-provider: {name: oidc}}}]\n"
                + "contexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n"
        )
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.load(paths: [path], environment: [:])
        }
        #expect(error?.message.contains("\"oidc\" auth-provider is not supported; use an exec credential plugin") == true)
    }

    @Test("an explicit path must exist")
    func explicitPathMissing() {
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.load(paths: ["/nonexistent/kubeconfig"], environment: [:])
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == "/nonexistent/kubeconfig")
    }

    @Test("a missing ~/.kube/config is reported with its path")
    func homeConfigMissing() {
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.load(environment: ["HOME": "/nonexistent-home"])
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == "/nonexistent-home/.kube/config")
    }

    @Test("errors in a merged file name the file that defined the entry")
    func mergedFileNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try directory.write("a", "contexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n")
        let second = try directory.write("b", "clusters: [{name: c, cluster: {server: \"https://x\"}}]\nusers: [{name: u, user: {client-key-data: \"!\"}}]\n")
        let error = #expect(throws: KubeConfigError.self) {
            try KubeConfigLoader.load(environment: ["KUBECONFIG": "\(first):\(second)"])
        }
        #expect(error?.code == .invalidBase64)
        #expect(error?.file == second)
        #expect(error?.field == "users[name=u].client-key-data")
    }
}
