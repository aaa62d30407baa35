import Foundation

/// An error raised while loading a kubeconfig, building the in-cluster configuration or obtaining credentials.
///
/// The description names the file and the field that failed, for example
/// `kubeconfig /home/a/.kube/config: users[name=dev].client-key-data: invalid base64 ...`.
public struct KubeConfigError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure happened.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A kubeconfig file (or a file it references) does not exist.
        case fileNotFound
        /// A file exists but could not be read, or is empty where content is required.
        case unreadable
        /// A kubeconfig file is not valid YAML, or does not have the kubeconfig shape.
        case invalidYAML
        /// No context was requested and the kubeconfig sets no `current-context`.
        case noCurrentContext
        /// The requested (or current) context is not defined.
        case unknownContext
        /// The context names a cluster that is not defined.
        case unknownCluster
        /// The context names a user that is not defined.
        case unknownUser
        /// The cluster has no `server`.
        case missingServer
        /// The cluster's `server` (or `proxy-url`) is not a usable URL.
        case invalidServerURL
        /// A `*-data` field is not valid base64.
        case invalidBase64
        /// A certificate or key is not PEM of the expected kind.
        case invalidPEM
        /// Two fields that exclude each other are both set (for example `client-key` and `client-key-data`).
        case conflictingFields
        /// A field has a value that is not accepted (for example an exec `apiVersion` or a namespace name).
        case invalidField
        /// The user relies on a legacy `auth-provider`, which is not supported.
        case unsupportedAuthProvider
        /// The in-cluster configuration was requested outside a pod.
        case notInCluster
        /// An exec credential plugin could not be started or exited with a failure.
        case execFailed
        /// An exec credential plugin printed something that is not a valid `ExecCredential`.
        case execInvalidOutput
    }

    /// What kind of failure happened.
    public var code: Code
    /// The file involved (a kubeconfig, a certificate, a token file, an exec plugin), if any.
    public var file: String?
    /// The field involved, in kubeconfig notation (`users[name=dev].client-key-data`), if any.
    public var field: String?
    /// What failed and what to do about it.
    public var message: String
    /// How the file is named in the description ("kubeconfig", "service account token", ...).
    var fileRole: String?

    /// Creates an error.
    public init(code: Code, file: String? = nil, field: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.field = field
        self.message = message
    }

    init(_ code: Code, file: String?, role: String? = "kubeconfig", field: String? = nil, _ message: String) {
        self.init(code: code, file: file, field: field, message: message)
        self.fileRole = role
    }

    /// The error as one line: the file, the field, then the message.
    public var description: String {
        var parts: [String] = []
        if let file {
            parts.append(fileRole.map { "\($0) \(file)" } ?? file)
        }
        if let field {
            parts.append(field)
        }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
