import Foundation
import KubeClient
import KubeCore
import Synchronization

/// A real Kubernetes control plane for tests, the equivalent of controller-runtime's envtest `Environment`:
/// `etcd` and `kube-apiserver` started on free loopback ports with a throwaway CA and serving certificate, a
/// static admin token (`system:masters`) and a user with no rights at all, a kubeconfig, and RBAC on.
///
/// There is no scheduler, controller-manager or kubelet: tests create pods with `spec.nodeName` and write their
/// status through the `status` subresource, as a kubelet would. ``stop()`` stops both processes, and only them.
public final class KubeControlPlane: Sendable {
    /// How a control plane is started.
    public struct Options: Sendable {
        /// Extra `kube-apiserver` flags, e.g. `--watch-cache=false` to let etcd compaction reach watchers as `410 Gone`.
        public var apiServerFlags: [String]

        /// Creates options.
        public init(apiServerFlags: [String] = []) {
            self.apiServerFlags = apiServerFlags
        }
    }

    /// The name of the user every admin token authenticates as (`system:masters`).
    public static let adminUser = "admin"
    /// The name of the user with no rights at all.
    public static let unprivilegedUser = "nobody"
    /// The issuer and audience of ServiceAccount tokens.
    public static let serviceAccountIssuer = "https://kubernetes.default.svc"

    /// The folder holding the PKI, the logs, etcd's data and the kubeconfig; removed by ``stop()``.
    public let directory: URL
    /// `https://127.0.0.1:<port>`, the same across ``restartAPIServer()``.
    public let server: URL
    /// etcd's client URL (`http://127.0.0.1:<port>`), for its v3 HTTP gateway.
    public let etcdURL: URL
    /// The PEM of the CA that signed the serving certificate.
    public let certificateAuthorityPEM: String
    /// The bearer token of the admin user.
    public let adminToken: String
    /// The bearer token of a user with no rights.
    public let unprivilegedToken: String
    /// A kubeconfig with the contexts `test` (admin, current) and `nobody`.
    public let kubeconfigPath: String

    let assets: ControlPlaneAssets
    let options: Options
    private let etcd: ControlPlaneProcess
    private let apiServer: Mutex<ControlPlaneProcess?>

    private init(
        directory: URL, server: URL, etcdURL: URL, certificates: ControlPlaneCertificates, adminToken: String,
        unprivilegedToken: String, kubeconfigPath: String, assets: ControlPlaneAssets, options: Options,
        etcd: ControlPlaneProcess
    ) {
        self.directory = directory
        self.server = server
        self.etcdURL = etcdURL
        self.certificateAuthorityPEM = certificates.certificateAuthorityPEM
        self.adminToken = adminToken
        self.unprivilegedToken = unprivilegedToken
        self.kubeconfigPath = kubeconfigPath
        self.assets = assets
        self.options = options
        self.etcd = etcd
        self.apiServer = Mutex(nil)
    }

    /// Starts etcd and the API server and waits until the API server's `/readyz` says `ok`.
    /// - Throws: ``KubeControlPlaneError`` with the end of the failing process's log.
    public static func start(assets: ControlPlaneAssets, options: Options = Options()) async throws -> KubeControlPlane {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tocsin-control-plane-\(UUID().uuidString.prefix(8).lowercased())")
        let pki = directory.appendingPathComponent("pki")
        try FileManager.default.createDirectory(at: pki, withIntermediateDirectories: true)
        let certificates = try ControlPlaneCertificates.generate()
        func write(_ text: String, _ name: String) throws -> String {
            let path = pki.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        _ = try write(certificates.certificateAuthorityPEM, "ca.crt")
        _ = try write(certificates.servingCertificatePEM, "apiserver.crt")
        _ = try write(certificates.servingKeyPEM, "apiserver.key")
        _ = try write(certificates.serviceAccountKeyPEM, "sa.key")
        _ = try write(certificates.serviceAccountPublicKeyPEM, "sa.pub")
        let adminToken = randomToken()
        let unprivilegedToken = randomToken()
        _ = try write(
            "\(adminToken),\(adminUser),\(adminUser),system:masters\n\(unprivilegedToken),\(unprivilegedUser),\(unprivilegedUser),\n",
            "tokens.csv")

        let etcdPort = try freeLoopbackPort()
        let peerPort = try freeLoopbackPort()
        let etcdURL = URL(string: "http://127.0.0.1:\(etcdPort)")!
        let etcd = try ControlPlaneProcess(
            name: "etcd", executable: assets.etcd,
            arguments: [
                "--name", "test", "--data-dir", directory.appendingPathComponent("etcd").path,
                "--listen-client-urls", etcdURL.absoluteString, "--advertise-client-urls", etcdURL.absoluteString,
                "--listen-peer-urls", "http://127.0.0.1:\(peerPort)",
                "--initial-advertise-peer-urls", "http://127.0.0.1:\(peerPort)",
                "--initial-cluster", "test=http://127.0.0.1:\(peerPort)",
            ],
            logPath: directory.appendingPathComponent("etcd.log").path)
        let port = try freeLoopbackPort()
        let server = URL(string: "https://127.0.0.1:\(port)")!
        let kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
        let controlPlane = KubeControlPlane(
            directory: directory, server: server, etcdURL: etcdURL, certificates: certificates, adminToken: adminToken,
            unprivilegedToken: unprivilegedToken, kubeconfigPath: kubeconfigPath, assets: assets, options: options,
            etcd: etcd)
        do {
            try controlPlane.writeKubeconfig()
            try await controlPlane.waitForEtcd()
            try await controlPlane.startAPIServer()
        } catch {
            await controlPlane.stop()
            throw error
        }
        return controlPlane
    }

    /// Stops the API server and etcd (SIGTERM, then SIGKILL after a grace period) and removes ``directory``.
    public func stop() async {
        await apiServer.withLock { $0.take() }?.stop()
        await etcd.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops the API server and starts a new one on the same port against the same etcd, then waits for
    /// `/readyz`. Open watches end; clients holding the kubeconfig reconnect to the same address.
    /// - Throws: ``KubeControlPlaneError`` when the new API server does not become ready.
    public func restartAPIServer() async throws {
        await stopAPIServer()
        try await startAPIServer()
    }

    /// Stops the API server only (etcd keeps running); ``startAPIServer()`` brings it back.
    public func stopAPIServer() async {
        await apiServer.withLock { $0.take() }?.stop(grace: .seconds(3))
    }

    /// Starts the API server (again) and waits until `/readyz` says `ok`.
    /// - Throws: ``KubeControlPlaneError`` with the end of its log when it exits or is not ready in 90 s.
    public func startAPIServer() async throws {
        let pki = directory.appendingPathComponent("pki").path
        let process = try ControlPlaneProcess(
            name: "kube-apiserver", executable: assets.apiServer,
            arguments: [
                "--etcd-servers=\(etcdURL.absoluteString)", "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1", "--secure-port=\(server.port ?? 0)", "--cert-dir=\(pki)",
                "--tls-cert-file=\(pki)/apiserver.crt", "--tls-private-key-file=\(pki)/apiserver.key",
                "--client-ca-file=\(pki)/ca.crt", "--service-cluster-ip-range=10.96.0.0/24",
                "--service-account-issuer=\(Self.serviceAccountIssuer)",
                "--api-audiences=\(Self.serviceAccountIssuer)",
                "--service-account-key-file=\(pki)/sa.pub", "--service-account-signing-key-file=\(pki)/sa.key",
                "--token-auth-file=\(pki)/tokens.csv", "--authorization-mode=RBAC",
                "--disable-admission-plugins=ServiceAccount", "--allow-privileged=true", "--profiling=false",
            ] + options.apiServerFlags,
            logPath: directory.appendingPathComponent("apiserver.log").path)
        apiServer.withLock { $0 = process }
        let client = try makeClient(maximumRetries: 0, requestTimeout: .seconds(3))
        try await Self.using(client) { client in
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(90)
            var lastError = "no answer yet"
            while clock.now < deadline {
                guard process.isRunning else {
                    throw KubeControlPlaneError("kube-apiserver exited while starting:\n\(process.logTail())")
                }
                do {
                    let body = try await client.data(for: KubeRequest(method: .get, path: "/readyz"))
                    if String(decoding: body, as: UTF8.self) == "ok" { return }
                } catch {
                    lastError = "\(error)"
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw KubeControlPlaneError(
                "kube-apiserver was not ready within 90 s (\(lastError)):\n\(process.logTail())")
        }
    }

    /// A client configuration for this server, trusting its CA and sending `token` (the admin's by default).
    public func configuration(token: String? = nil, namespace: String = "default") -> ClientConfiguration {
        ClientConfiguration(
            server: server, namespace: namespace,
            tls: TLSMaterial(certificateAuthorityPEM: Array(certificateAuthorityPEM.utf8)),
            credentials: .token(token ?? adminToken), qps: 0, source: "test control plane \(server.absoluteString)")
    }

    /// A client of this server authenticated by `token` (the admin's by default). Shut it down when done.
    /// - Throws: ``KubeConfigError`` when the TLS material cannot be used.
    public func makeClient(
        token: String? = nil, namespace: String = "default", maximumRetries: Int = 2,
        requestTimeout: Duration = .seconds(30)
    ) throws -> KubernetesClient {
        try KubernetesClient(
            configuration: configuration(token: token, namespace: namespace), maximumRetries: maximumRetries,
            requestTimeout: requestTimeout, connectTimeout: .seconds(2))
    }

    private func waitForEtcd() async throws {
        let client = try makeEtcdClient()
        try await Self.using(client) { client in
            for _ in 0..<300 {
                guard etcd.isRunning else {
                    throw KubeControlPlaneError("etcd exited while starting:\n\(etcd.logTail())")
                }
                if let body = try? await client.data(for: KubeRequest(method: .get, path: "/health")),
                    String(decoding: body, as: UTF8.self).contains("true")
                {
                    return
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw KubeControlPlaneError("etcd was not healthy within 30 s:\n\(etcd.logTail())")
        }
    }

    /// A plain-HTTP client of etcd's v3 gateway.
    func makeEtcdClient() throws -> KubernetesClient {
        try KubernetesClient(
            configuration: ClientConfiguration(server: etcdURL, qps: 0, source: "etcd"), maximumRetries: 0,
            requestTimeout: .seconds(5), connectTimeout: .seconds(1))
    }

    /// Runs `body` with `client` and shuts the client down afterwards, whatever `body` does.
    static func using<Result: Sendable>(
        _ client: KubernetesClient, _ body: (KubernetesClient) async throws -> Result
    ) async throws -> Result {
        do {
            let result = try await body(client)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func writeKubeconfig() throws {
        let caData = Data(certificateAuthorityPEM.utf8).base64EncodedString()
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster: {server: "\(server.absoluteString)", certificate-authority-data: \(caData)}
            users:
            - name: admin
              user: {token: \(adminToken)}
            - name: nobody
              user: {token: \(unprivilegedToken)}
            contexts:
            - name: test
              context: {cluster: test, user: admin}
            - name: nobody
              context: {cluster: test, user: nobody}
            current-context: test

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: kubeconfigPath))
    }

    private static func randomToken() -> String {
        (0..<32).map { _ in String(UInt8.random(in: 0...15), radix: 16) }.joined()
    }
}
