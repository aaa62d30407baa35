import Foundation

/// How requests authenticate to the API server, besides a TLS client certificate.
///
/// The description never shows a secret: tokens and passwords are redacted.
public enum Credentials: Sendable, Hashable {
    /// No `Authorization` header (anonymous, or client certificate only).
    case none
    /// A static bearer token (`token`).
    case token(String)
    /// A bearer token read from a file and re-read as it rotates (`tokenFile`, service-account tokens).
    case tokenFile(String)
    /// HTTP basic authentication (`username`, `password`).
    case basic(username: String, password: String)
    /// A credential plugin run to obtain a token or a client certificate (`exec`).
    case exec(ExecConfig)
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kind of credential with secrets redacted.
    public var description: String {
        switch self {
        case .none:
            "none"
        case .token:
            "token(<redacted>)"
        case .tokenFile(let path):
            "tokenFile(\(path))"
        case .basic(let username, _):
            "basic(username: \(username), password: <redacted>)"
        case .exec(let config):
            "exec(\(config))"
        }
    }

    /// Same as `description`: secrets are redacted.
    public var debugDescription: String { description }

    /// A mirror without secrets, so that `dump` does not print them.
    public var customMirror: Mirror {
        Mirror(self, children: ["credentials": description], displayStyle: .enum)
    }
}

/// The `exec` section of a kubeconfig user: a credential plugin such as `aws eks get-token` or `kubelogin`.
public struct ExecConfig: Sendable, Hashable {
    /// One environment variable set for the plugin.
    public struct EnvironmentVariable: Sendable, Hashable {
        /// The variable name.
        public var name: String
        /// The variable value.
        public var value: String

        /// Creates an environment variable.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The `apiVersion` of the `ExecCredential` exchanged with the plugin.
    public var apiVersion: String
    /// The command to run: an absolute path, or a name looked up in `PATH`.
    /// A relative path with a separator has already been resolved against the kubeconfig's directory.
    public var command: String
    /// The arguments passed to the command.
    public var args: [String]
    /// Environment variables set for the plugin, over the process environment.
    public var env: [EnvironmentVariable]
    /// The text shown to the user when the plugin cannot be run (`installHint`).
    public var installHint: String?
    /// Whether the cluster is described to the plugin in `KUBERNETES_EXEC_INFO` (`provideClusterInfo`).
    public var provideClusterInfo: Bool
    /// `Never`, `IfAvailable` or `Always`; this client is never interactive.
    public var interactiveMode: String
    /// The cluster described to the plugin when `provideClusterInfo` is true.
    public var cluster: ExecClusterInfo?

    /// Creates an exec configuration.
    public init(
        apiVersion: String,
        command: String,
        args: [String] = [],
        env: [EnvironmentVariable] = [],
        installHint: String? = nil,
        provideClusterInfo: Bool = false,
        interactiveMode: String = "IfAvailable",
        cluster: ExecClusterInfo? = nil
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
        self.cluster = cluster
    }
}

extension ExecConfig: CustomStringConvertible {
    /// The command, its arguments and the names (not the values) of its environment variables.
    public var description: String {
        let names = env.map(\.name).joined(separator: ",")
        return "\(command) \(args.joined(separator: " ")) [apiVersion: \(apiVersion), env: \(names)]"
    }
}

/// The cluster as described to an exec plugin in `KUBERNETES_EXEC_INFO` (`spec.cluster`).
public struct ExecClusterInfo: Sendable, Hashable {
    /// The API server URL.
    public var server: String
    /// The `tls-server-name` of the cluster, if any.
    public var tlsServerName: String?
    /// Whether the cluster skips server certificate verification.
    public var insecureSkipTLSVerify: Bool
    /// The cluster CA bundle in PEM, if any.
    public var certificateAuthorityPEM: [UInt8]?
    /// The `proxy-url` of the cluster, if any.
    public var proxyURL: String?
    /// The `disable-compression` switch of the cluster.
    public var disableCompression: Bool

    /// Creates cluster information for an exec plugin.
    public init(
        server: String,
        tlsServerName: String? = nil,
        insecureSkipTLSVerify: Bool = false,
        certificateAuthorityPEM: [UInt8]? = nil,
        proxyURL: String? = nil,
        disableCompression: Bool = false
    ) {
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
    }
}
