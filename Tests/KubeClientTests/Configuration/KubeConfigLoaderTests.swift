import Foundation
import Testing

@testable import KubeClient

@Suite("Kubeconfig loading")
struct KubeConfigLoaderTests {
    let multiContext = ConfigFixtures.path("config/multi-context.yaml")

    @Test("current-context with files relative to the kubeconfig, tls-server-name, trailing slash removed")
    func currentContextWithRelativeFiles() throws {
        let configuration = try KubeConfigLoader.load(paths: [multiContext], environment: [:])
        #expect(configuration.server == URL(string: "https://127.0.0.1:6443"))
        #expect(configuration.namespace == "default")
        #expect(configuration.source == "kubeconfig \(multiContext) (context kind-dev)")
        #expect(configuration.credentials == .none)
        #expect(configuration.proxyURL == nil)
        #expect(configuration.userAgent == "tocsin/\(ClientConfiguration.version) (linux)")
        #expect(configuration.qps == 5)
        #expect(configuration.burst == 10)
        let expected = TLSMaterial(
            certificateAuthorityPEM: try ConfigFixtures.bytes("tls/ca.crt"),
            insecureSkipTLSVerify: false,
            serverName: "kubernetes.default.svc",
            clientCertificatePEM: try ConfigFixtures.bytes("tls/client-rsa.crt"),
            clientKeyPEM: try ConfigFixtures.bytes("tls/client-rsa.key")
        )
        #expect(configuration.tls == expected)
    }

    @Test("an explicit context wins over current-context: token, namespace, insecure, proxy-url, path prefix")
    func explicitContext() throws {
        let configuration = try KubeConfigLoader.load(paths: [multiContext], context: "staging", environment: [:])
        #expect(configuration.server == URL(string: "https://staging.example.com:443/prefix"))
        #expect(configuration.namespace == "monitoring")
        #expect(configuration.credentials == .token("staging-secret-token"))
        #expect(configuration.tls == TLSMaterial(insecureSkipTLSVerify: true))
        #expect(configuration.proxyURL == URL(string: "http://proxy.example.com:3128"))
        #expect(configuration.source == "kubeconfig \(multiContext) (context staging)")
    }

    @Test("basic authentication")
    func basicAuthentication() throws {
        let configuration = try KubeConfigLoader.load(paths: [multiContext], context: "staging-basic", environment: [:])
        #expect(configuration.credentials == .basic(username: "admin", password: "s3cret"))
        #expect(configuration.namespace == "kube-system")
    }

    @Test("inline -data fields are base64-decoded; EC keys are accepted")
    func inlineData() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "config",
            """
            apiVersion: v1
            kind: Config
            current-context: inline
            clusters:
            - name: inline
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: \(try ConfigFixtures.base64("tls/ca.crt"))
                disable-compression: true
            users:
            - name: inline
              user:
                client-certificate-data: \(try ConfigFixtures.base64("tls/client-ec.crt"))
                client-key-data: \(try ConfigFixtures.base64("tls/client-ec.key"))
            contexts:
            - name: inline
              context: {cluster: inline, user: inline, namespace: apps}
            """
        )
        let configuration = try KubeConfigLoader.load(paths: [path], environment: [:])
        #expect(configuration.tls.certificateAuthorityPEM == (try ConfigFixtures.bytes("tls/ca.crt")))
        #expect(configuration.tls.clientCertificatePEM == (try ConfigFixtures.bytes("tls/client-ec.crt")))
        #expect(configuration.tls.clientKeyPEM == (try ConfigFixtures.bytes("tls/client-ec.key")))
        #expect(configuration.disableCompression)
        #expect(configuration.namespace == "apps")
    }

    @Test("tokenFile resolves relative to the kubeconfig and wins over token")
    func tokenFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("secrets/token", "file-token\n")
        let path = try directory.write(
            "kube/config",
            """
            clusters: [{name: c, cluster: {server: "https://c.example.com"}}]
            users: [{name: u, user: {token: inline-token, tokenFile: ../secrets/token}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """
        )
        let configuration = try KubeConfigLoader.load(paths: [path], environment: [:])
        #expect(configuration.credentials == .tokenFile(directory.file("secrets/token")))
    }

    @Test("exec: relative command resolved against the kubeconfig, env, args, cluster info when asked")
    func execConfiguration() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "config",
            """
            clusters:
            - name: eks
              cluster:
                server: https://eks.example.com
                certificate-authority: \(ConfigFixtures.path("tls/ca.crt"))
            users:
            - name: eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: ./bin/get-token
                  args: [eks, get-token]
                  env: [{name: AWS_PROFILE, value: dev}]
                  installHint: install the aws cli
                  provideClusterInfo: true
            - name: by-name
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin, interactiveMode: Never}
            contexts:
            - {name: eks, context: {cluster: eks, user: eks}}
            - {name: by-name, context: {cluster: eks, user: by-name}}
            """
        )
        let configuration = try KubeConfigLoader.load(paths: [path], context: "eks", environment: [:])
        let expected = ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: directory.file("bin/get-token"),
            args: ["eks", "get-token"],
            env: [.init(name: "AWS_PROFILE", value: "dev")],
            installHint: "install the aws cli",
            provideClusterInfo: true,
            interactiveMode: "IfAvailable",
            cluster: ExecClusterInfo(server: "https://eks.example.com", certificateAuthorityPEM: try ConfigFixtures.bytes("tls/ca.crt"))
        )
        #expect(configuration.credentials == .exec(expected))

        let byName = try KubeConfigLoader.load(paths: [path], context: "by-name", environment: [:])
        #expect(
            byName.credentials
                == .exec(ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: "kubelogin", interactiveMode: "Never"))
        )
    }

    @Test("a server without a scheme gets https")
    func serverWithoutScheme() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "config",
            """
            clusters: [{name: c, cluster: {server: "10.1.2.3:6443"}}]
            users: [{name: u, user: {}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """
        )
        let configuration = try KubeConfigLoader.load(paths: [path], context: "x", environment: [:])
        #expect(configuration.server == URL(string: "https://10.1.2.3:6443"))
        #expect(configuration.credentials == .none)
    }

    @Test("without KUBECONFIG, $HOME/.kube/config is read")
    func homeDefault() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(".kube/config", try String(contentsOfFile: ConfigFixtures.path("config/merge-first.yaml"), encoding: .utf8))
        let configuration = try KubeConfigLoader.load(context: "shared", environment: ["HOME": directory.path])
        #expect(configuration.server == URL(string: "https://first.example.com:6443"))
        #expect(configuration.source == "kubeconfig \(path) (context shared)")
    }

    @Test("descriptions never show secrets")
    func redaction() throws {
        let tls = TLSMaterial(clientCertificatePEM: [1, 2], clientKeyPEM: Array("-----BEGIN EC PRIVATE KEY-----".utf8))
        let credentials: [Credentials] = [
            .token("sekret-token"), .basic(username: "admin", password: "sekret-password"),
            .exec(ExecConfig(apiVersion: "v", command: "c", env: [.init(name: "API_KEY", value: "sekret-env")])),
        ]
        let configuration = ClientConfiguration(server: URL(fileURLWithPath: "/"), tls: tls, credentials: .token("sekret-token"))
        var dumped = ""
        dump(tls, to: &dumped)
        dump(credentials, to: &dumped)
        let texts = [
            "\(tls)", String(reflecting: tls), "\(configuration)", dumped,
        ] + credentials.map { "\($0)" } + credentials.map { String(reflecting: $0) }
        for text in texts {
            #expect(!text.contains("sekret"))
            #expect(!text.contains("PRIVATE KEY"))
        }
        #expect("\(credentials[1])" == "basic(username: admin, password: <redacted>)")
    }
}
