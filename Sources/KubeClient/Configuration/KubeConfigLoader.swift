import Foundation

/// Builds a ``ClientConfiguration`` the way kubectl does: from kubeconfig files or from the in-cluster service account.
public enum KubeConfigLoader {
    /// The directory where Kubernetes mounts the service-account token, CA and namespace in a pod.
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Loads a kubeconfig per kubectl rules and resolves one context.
    ///
    /// - Parameters:
    ///   - paths: explicit kubeconfig files, merged in order (each must exist). When nil or empty, the colon-separated
    ///     `KUBECONFIG` list is used (empty entries ignored, missing files skipped), else `$HOME/.kube/config`.
    ///   - context: the context to use; nil means the merged `current-context`.
    ///   - environment: the environment giving `KUBECONFIG` and `HOME`.
    /// - Throws: `KubeConfigError` naming the file and the field that failed.
    public static func load(
        paths: [String]? = nil,
        context: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KubeConfigError) -> ClientConfiguration {
        let files = try kubeconfigFiles(paths: paths, environment: environment)
        guard !files.isEmpty else {
            let list = environment["KUBECONFIG"] ?? ""
            throw KubeConfigError(
                .fileNotFound, file: list, role: "KUBECONFIG",
                "none of the listed files exists; set KUBECONFIG to an existing kubeconfig"
            )
        }
        var sources: [(path: String, file: KubeConfigFile)] = []
        for path in files {
            sources.append((path, try MergedKubeConfig.readFile(atPath: path)))
        }
        let merged = MergedKubeConfig(sources)
        return try KubeConfigResolver(config: merged).resolve(context: context)
    }

    /// Builds the configuration of a process running in a pod.
    ///
    /// The server is `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT` (an IPv6 host is bracketed); the token
    /// is `.tokenFile(<dir>/token)`, re-read as the kubelet rotates it; the CA is `<dir>/ca.crt`; the namespace is
    /// `POD_NAMESPACE` if set, else `<dir>/namespace`, else `default`.
    /// - Throws: `KubeConfigError` with `.notInCluster` when the service variables are missing, `.fileNotFound`,
    ///   `.unreadable` or `.invalidPEM` for the service-account files.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = defaultServiceAccountDirectory
    ) throws(KubeConfigError) -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeConfigError(
                .notInCluster, file: nil, role: nil,
                "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set; run inside a pod or use a kubeconfig"
            )
        }
        let bracketedHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(bracketedHost):\(port)"), server.host != nil else {
            throw KubeConfigError(
                .invalidServerURL, file: nil, role: nil, field: "KUBERNETES_SERVICE_HOST",
                "\"\(host)\" and port \"\(port)\" do not form a valid URL"
            )
        }
        let directory = URL(fileURLWithPath: serviceAccountDirectory)
        let tokenPath = directory.appendingPathComponent("token").path
        _ = try ConfigurationFiles.read(tokenPath, role: "service account token", field: nil)
        let caPath = directory.appendingPathComponent("ca.crt").path
        let ca = try ConfigurationFiles.read(caPath, role: "service account CA", field: nil)
        if let problem = PEMValidator.problem(in: ca, expecting: .certificates) {
            throw KubeConfigError(.invalidPEM, file: caPath, role: "service account CA", problem)
        }
        return ClientConfiguration(
            server: server,
            namespace: inClusterNamespace(environment: environment, directory: directory),
            tls: TLSMaterial(certificateAuthorityPEM: ca),
            credentials: .tokenFile(tokenPath),
            source: "in-cluster"
        )
    }

    /// Uses a kubeconfig when one is given or found, else the in-cluster configuration when
    /// `KUBERNETES_SERVICE_HOST` is set.
    ///
    /// "Given or found" means: `paths` is not empty, or a file listed in `KUBECONFIG` exists, or `$HOME/.kube/config`
    /// exists (when `KUBECONFIG` is unset).
    /// - Throws: `KubeConfigError` from ``load(paths:context:environment:)`` or
    ///   ``inCluster(environment:serviceAccountDirectory:)``.
    public static func automatic(
        paths: [String]? = nil,
        context: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = defaultServiceAccountDirectory
    ) throws(KubeConfigError) -> ClientConfiguration {
        let isInCluster = !(environment["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty
        if paths?.isEmpty ?? true, isInCluster {
            let found: [String]
            do {
                found = try kubeconfigFiles(paths: nil, environment: environment)
            } catch {
                found = []
            }
            if found.isEmpty {
                return try inCluster(environment: environment, serviceAccountDirectory: serviceAccountDirectory)
            }
        }
        return try load(paths: paths, context: context, environment: environment)
    }
}

extension KubeConfigLoader {
    /// The absolute paths of the kubeconfig files to merge, in order.
    static func kubeconfigFiles(
        paths: [String]?,
        environment: [String: String]
    ) throws(KubeConfigError) -> [String] {
        if let paths, !paths.isEmpty {
            let files = deduplicated(paths.filter { !$0.isEmpty }.map(absolutePath))
            for file in files where !FileManager.default.fileExists(atPath: file) {
                throw KubeConfigError(.fileNotFound, file: file, "the kubeconfig given explicitly does not exist")
            }
            return files
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            let entries = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            return deduplicated(entries.map(absolutePath)).filter { FileManager.default.fileExists(atPath: $0) }
        }
        guard let home = environment["HOME"], !home.isEmpty else {
            throw KubeConfigError(
                .fileNotFound, file: "~/.kube/config",
                "HOME is not set, so the default kubeconfig cannot be found; set KUBECONFIG or HOME"
            )
        }
        let file = URL(fileURLWithPath: home).appendingPathComponent(".kube/config").path
        guard FileManager.default.fileExists(atPath: file) else {
            throw KubeConfigError(
                .fileNotFound, file: file,
                "file does not exist; create it (kubectl config) or set KUBECONFIG"
            )
        }
        return [file]
    }

    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func deduplicated(_ paths: [String]) -> [String] {
        var seen: Set<String> = []
        return paths.filter { seen.insert($0).inserted }
    }

    private static func inClusterNamespace(environment: [String: String], directory: URL) -> String {
        if let namespace = environment["POD_NAMESPACE"], !namespace.isEmpty {
            return namespace
        }
        let path = directory.appendingPathComponent("namespace").path
        if let data = FileManager.default.contents(atPath: path) {
            let namespace = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !namespace.isEmpty {
                return namespace
            }
        }
        return "default"
    }
}
