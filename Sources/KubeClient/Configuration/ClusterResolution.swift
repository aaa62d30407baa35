import Foundation

/// The validated parts of a kubeconfig cluster: server, TLS trust and proxy.
struct ClusterResolution {
    var name: String
    var server: URL
    var tls: TLSMaterial
    var proxyURL: URL?
    var disableCompression: Bool

    /// - Throws: `KubeConfigError` `.missingServer`, `.invalidServerURL`, `.conflictingFields`, `.invalidBase64`,
    ///   `.fileNotFound`, `.unreadable` or `.invalidPEM`, naming `clusters[name=...]` and the field.
    init(name: String, entry: MergedKubeConfig.Sourced<KubeConfigFile.Cluster>) throws(KubeConfigError) {
        let cluster = entry.value
        let field = "clusters[name=\(name)]"
        self.name = name
        guard let rawServer = cluster.server?.trimmingCharacters(in: .whitespaces), !rawServer.isEmpty else {
            throw KubeConfigError(
                .missingServer, file: entry.file, field: "\(field).server",
                "the cluster has no server; set it to the API server URL"
            )
        }
        self.server = try Self.serverURL(rawServer, file: entry.file, field: "\(field).server")

        let certificateAuthority = try PEMSource.load(
            data: cluster.certificateAuthorityData, path: cluster.certificateAuthority, kind: .certificates,
            file: entry.file, directory: entry.directory, entry: field, key: "certificate-authority"
        )
        let isInsecure = cluster.insecureSkipTLSVerify ?? false
        if isInsecure, certificateAuthority != nil {
            throw KubeConfigError(
                .conflictingFields, file: entry.file, field: "\(field).insecure-skip-tls-verify",
                "a certificate authority cannot be combined with insecure-skip-tls-verify (client-go refuses it too); remove one"
            )
        }
        let serverName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        self.tls = TLSMaterial(
            certificateAuthorityPEM: certificateAuthority, insecureSkipTLSVerify: isInsecure, serverName: serverName
        )

        if let rawProxy = cluster.proxyURL, !rawProxy.isEmpty {
            guard let proxy = URL(string: rawProxy), let scheme = proxy.scheme?.lowercased(),
                ["http", "https", "socks5"].contains(scheme), proxy.host?.isEmpty == false
            else {
                throw KubeConfigError(
                    .invalidServerURL, file: entry.file, field: "\(field).proxy-url",
                    "\"\(rawProxy)\" is not a valid proxy URL; use http://, https:// or socks5:// with a host"
                )
            }
            self.proxyURL = proxy
        } else {
            self.proxyURL = nil
        }
        self.disableCompression = cluster.disableCompression ?? false
    }

    /// The cluster as described to exec plugins (`spec.cluster` of `KUBERNETES_EXEC_INFO`).
    var execClusterInfo: ExecClusterInfo {
        ExecClusterInfo(
            server: server.absoluteString,
            tlsServerName: tls.serverName,
            insecureSkipTLSVerify: tls.insecureSkipTLSVerify,
            certificateAuthorityPEM: tls.certificateAuthorityPEM,
            proxyURL: proxyURL?.absoluteString,
            disableCompression: disableCompression
        )
    }

    /// Parses a `server` value; a value without a scheme gets `https://` (as client-go does when TLS is in use);
    /// a trailing slash is removed so that paths can be appended.
    static func serverURL(_ raw: String, file: String, field: String) throws(KubeConfigError) -> URL {
        var text = raw.contains("://") ? raw : "https://\(raw)"
        while text.hasSuffix("/") {
            text.removeLast()
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw KubeConfigError(
                .invalidServerURL, file: file, field: field,
                "\"\(raw)\" is not a valid server URL; use https://host:port with an optional path prefix"
            )
        }
        return url
    }
}
