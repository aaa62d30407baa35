import Foundation

/// Turns one context of a merged kubeconfig into a ``ClientConfiguration``, validating what the context uses
/// (as client-go's `ConfirmUsable` does) and reading the files it refers to.
struct KubeConfigResolver {
    typealias Cluster = KubeConfigFile.Cluster
    typealias User = KubeConfigFile.User

    var config: MergedKubeConfig

    /// - Throws: `KubeConfigError` naming the file and the field that failed.
    func resolve(context requested: String?) throws(KubeConfigError) -> ClientConfiguration {
        let contextName: String
        let contextFile: String?
        if let requested, !requested.isEmpty {
            contextName = requested
            contextFile = nil
        } else if let current = config.currentContext {
            contextName = current.value
            contextFile = current.file
        } else {
            throw KubeConfigError(
                .noCurrentContext, file: filesDescription, field: "current-context",
                "no context requested and current-context is not set; pass a context or run kubectl config use-context"
            )
        }
        guard let context = config.contexts[contextName] else {
            let known = config.contexts.keys.sorted().joined(separator: ", ")
            throw KubeConfigError(
                .unknownContext, file: contextFile ?? filesDescription,
                field: contextFile == nil ? nil : "current-context",
                "context \"\(contextName)\" is not defined (known contexts: \(known.isEmpty ? "none" : known))"
            )
        }
        let contextField = "contexts[name=\(contextName)]"
        let namespace = try validatedNamespace(context, field: contextField)

        guard let clusterName = context.value.cluster, !clusterName.isEmpty else {
            throw KubeConfigError(
                .unknownCluster, file: context.file, field: "\(contextField).cluster",
                "the context names no cluster"
            )
        }
        guard let cluster = config.clusters[clusterName] else {
            throw KubeConfigError(
                .unknownCluster, file: context.file, field: "\(contextField).cluster",
                "cluster \"\(clusterName)\" is not defined in any kubeconfig file"
            )
        }
        guard let userName = context.value.user, !userName.isEmpty else {
            throw KubeConfigError(
                .unknownUser, file: context.file, field: "\(contextField).user",
                "the context names no user"
            )
        }
        guard let user = config.users[userName] else {
            throw KubeConfigError(
                .unknownUser, file: context.file, field: "\(contextField).user",
                "user \"\(userName)\" is not defined in any kubeconfig file"
            )
        }

        let clusterParts = try ClusterResolution(name: clusterName, entry: cluster)
        let userParts = try UserResolution(name: userName, entry: user, cluster: clusterParts)
        var tls = clusterParts.tls
        tls.clientCertificatePEM = userParts.clientCertificatePEM
        tls.clientKeyPEM = userParts.clientKeyPEM
        return ClientConfiguration(
            server: clusterParts.server,
            namespace: namespace,
            tls: tls,
            credentials: userParts.credentials,
            proxyURL: clusterParts.proxyURL,
            disableCompression: clusterParts.disableCompression,
            source: "kubeconfig \(context.file) (context \(contextName))"
        )
    }

    private var filesDescription: String {
        config.files.joined(separator: ":")
    }

    private func validatedNamespace(
        _ context: MergedKubeConfig.Sourced<KubeConfigFile.Context>,
        field: String
    ) throws(KubeConfigError) -> String {
        guard let namespace = context.value.namespace, !namespace.isEmpty else {
            return "default"
        }
        guard Self.isDNSLabel(namespace) else {
            throw KubeConfigError(
                .invalidField, file: context.file, field: "\(field).namespace",
                "\"\(namespace)\" is not a valid namespace name (lowercase letters, digits and '-', at most 63 characters)"
            )
        }
        return namespace
    }

    /// Whether `name` is an RFC 1123 label, as Kubernetes requires of namespace names.
    static func isDNSLabel(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 63 else {
            return false
        }
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        guard let first = scalars.first, let last = scalars.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return false
        }
        return scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" }
    }
}

/// Decoding of inline `*-data` fields and reading of file fields, shared by clusters and users.
enum PEMSource {
    /// Returns the PEM from `data` (base64) or `path` (resolved against `directory`), validated as `kind`.
    /// - Throws: `KubeConfigError` `.conflictingFields`, `.invalidBase64`, `.fileNotFound`, `.unreadable`, `.invalidPEM`.
    static func load(
        data: String?,
        path: String?,
        kind: PEMValidator.Kind,
        file: String,
        directory: String,
        entry: String,
        key: String
    ) throws(KubeConfigError) -> [UInt8]? {
        let field = (data: "\(entry).\(key)-data", path: "\(entry).\(key)")
        let data = data.flatMap { $0.isEmpty ? nil : $0 }
        let path = path.flatMap { $0.isEmpty ? nil : $0 }
        if data != nil, path != nil {
            throw KubeConfigError(
                .conflictingFields, file: file, field: field.data,
                "both \(key) and \(key)-data are set; keep only one (client-go reports the same conflict)"
            )
        }
        if let data {
            let compact = data.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact) else {
                throw KubeConfigError(
                    .invalidBase64, file: file, field: field.data,
                    "invalid base64; encode the PEM with base64 -w0"
                )
            }
            let bytes = [UInt8](decoded)
            if let problem = PEMValidator.problem(in: bytes, expecting: kind) {
                throw KubeConfigError(.invalidPEM, file: file, field: field.data, "invalid PEM: \(problem)")
            }
            return bytes
        }
        guard let path else {
            return nil
        }
        let resolved = ConfigurationFiles.resolve(path, relativeTo: directory)
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw KubeConfigError(.fileNotFound, file: file, field: field.path, "\(resolved) does not exist")
        }
        guard let contents = FileManager.default.contents(atPath: resolved) else {
            throw KubeConfigError(
                .unreadable, file: file, field: field.path,
                "cannot read \(resolved); check its permissions"
            )
        }
        let bytes = [UInt8](contents)
        if let problem = PEMValidator.problem(in: bytes, expecting: kind) {
            throw KubeConfigError(.invalidPEM, file: file, field: field.path, "\(resolved) is not valid PEM: \(problem)")
        }
        return bytes
    }
}
