import Foundation

/// The Codable shape of one kubeconfig file (`apiVersion: v1`, `kind: Config`).
///
/// Unknown fields are ignored; `preferences` and `extensions` are not read.
package struct KubeConfigFile: Decodable, Sendable, Equatable {
    package var apiVersion: String?
    package var kind: String?
    package var clusters: [NamedCluster]?
    package var users: [NamedUser]?
    package var contexts: [NamedContext]?
    package var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, clusters, users, contexts
        case currentContext = "current-context"
    }

    package init(
        clusters: [NamedCluster]? = nil,
        users: [NamedUser]? = nil,
        contexts: [NamedContext]? = nil,
        currentContext: String? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "Config"
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    /// A `clusters[]` entry.
    package struct NamedCluster: Decodable, Sendable, Equatable {
        package var name: String
        package var cluster: Cluster?
    }

    /// A `users[]` entry.
    package struct NamedUser: Decodable, Sendable, Equatable {
        package var name: String
        package var user: User?
    }

    /// A `contexts[]` entry.
    package struct NamedContext: Decodable, Sendable, Equatable {
        package var name: String
        package var context: Context?
    }

    /// A cluster: where the API server is and how to trust it.
    package struct Cluster: Decodable, Sendable, Equatable {
        package var server: String?
        package var certificateAuthority: String?
        package var certificateAuthorityData: String?
        package var insecureSkipTLSVerify: Bool?
        package var tlsServerName: String?
        package var proxyURL: String?
        package var disableCompression: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
            case disableCompression = "disable-compression"
        }
    }

    /// A user (client-go's AuthInfo): how requests authenticate.
    package struct User: Decodable, Sendable, Equatable {
        package var clientCertificate: String?
        package var clientCertificateData: String?
        package var clientKey: String?
        package var clientKeyData: String?
        package var token: String?
        package var tokenFile: String?
        package var username: String?
        package var password: String?
        package var exec: Exec?
        package var authProvider: AuthProvider?

        enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token, tokenFile, username, password, exec
            case authProvider = "auth-provider"
        }
    }

    /// The legacy `auth-provider` section; only its name is read, to report it.
    package struct AuthProvider: Decodable, Sendable, Equatable {
        package var name: String?
    }

    /// The `exec` section of a user.
    package struct Exec: Decodable, Sendable, Equatable {
        package var apiVersion: String?
        package var command: String?
        package var args: [String]?
        package var env: [EnvironmentVariable]?
        package var installHint: String?
        package var provideClusterInfo: Bool?
        package var interactiveMode: String?
    }

    /// An `exec.env[]` entry.
    package struct EnvironmentVariable: Decodable, Sendable, Equatable {
        package var name: String?
        package var value: String?
    }

    /// A context: a cluster, a user and a default namespace.
    package struct Context: Decodable, Sendable, Equatable {
        package var cluster: String?
        package var user: String?
        package var namespace: String?
    }
}
